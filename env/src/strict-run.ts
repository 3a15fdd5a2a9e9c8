/**
 * Whether this run must refuse placeholders (sample account ids, example.com domains, 555
 * numbers, all-zero ids) instead of warning about them: in AWS CodeBuild, which sets
 * `CODEBUILD_BUILD_ID` in every build (CodeBuild user guide, "Environment variables in build
 * environments": https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html),
 * or when asked with `-c strict=true`. Only entry points call it: they are the one place that
 * reads the process environment.
 */
export function isStrictRun(env: Readonly<Record<string, string | undefined>>, context: unknown): boolean {
  return (env.CODEBUILD_BUILD_ID ?? '') !== '' || context === true || context === 'true';
}

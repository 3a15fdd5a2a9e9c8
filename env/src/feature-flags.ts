import flags from '../cdk-feature-flags.json';

/**
 * The CDK feature flags every app of the platform synthesizes with: the values aws-cdk-lib
 * recommends for new projects (`aws-cdk-lib/recommended-feature-flags.json`, the same list as
 * `cx-api`'s `CURRENTLY_RECOMMENDED_FLAGS`), pinned in `env/cdk-feature-flags.json` so that an
 * aws-cdk-lib upgrade changes no template until someone adopts its new flags deliberately.
 *
 * {@link createPlatformApp} applies them, so tests and `npm run synth` see them; every app's
 * `cdk.json` carries the same set, so `npx cdk synth|diff|deploy` inside a sub-project does too
 * (`env/test/feature-flags.test.ts` keeps the three in step; `npx tsx env/src/cli/cdk-json.ts`
 * rewrites the cdk.json files from this one).
 */
export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = flags;

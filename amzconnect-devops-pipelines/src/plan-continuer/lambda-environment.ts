/** Environment variable carrying the pipelines a plan may continue with, as a JSON array. */
export const ALLOWED_PIPELINES_ENV = 'RELEASE_PIPELINES';

/**
 * Parses the continuer's environment once at init.
 * @throws Error naming the variable and the fix
 */
export function parseContinuerEnvironment(env: Readonly<Record<string, string | undefined>>): {
  allowedPipelines: Set<string>;
} {
  const fail = (what: string): never => {
    throw new Error(
      `${ALLOWED_PIPELINES_ENV} ${what}; it is computed by the ReleasePlanContinuer construct from env/ at synth time: redeploy the tooling stack.`,
    );
  };
  const text = env[ALLOWED_PIPELINES_ENV];
  if (!text) return fail('is not set');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('is not valid JSON');
  }
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((v) => typeof v === 'string' && v.length > 0)
  ) {
    return fail('must be a non-empty JSON array of pipeline names');
  }
  return { allowedPipelines: new Set(value as string[]) };
}

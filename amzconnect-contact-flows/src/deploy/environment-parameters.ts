import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';

/** SSM accepts at most 10 names per GetParameters call. */
const BATCH = 10;

/**
 * Reads SSM parameters by name, 10 per call; names that do not exist are absent from the result.
 */
export async function readParameters(
  ssm: SSMClient,
  names: readonly string[],
): Promise<Record<string, string>> {
  const unique = [...new Set(names)];
  const values: Record<string, string> = {};
  for (let i = 0; i < unique.length; i += BATCH) {
    const r = await ssm.send(
      new GetParametersCommand({ Names: unique.slice(i, i + BATCH), WithDecryption: false }),
    );
    for (const p of r.Parameters ?? []) if (p.Name && p.Value !== undefined) values[p.Name] = p.Value;
  }
  return values;
}

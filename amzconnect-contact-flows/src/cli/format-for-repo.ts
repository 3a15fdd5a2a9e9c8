/**
 * Formats a flow file the way the repository's Prettier configuration does, so files written by
 * `export` (and printed by `normalize`) pass `prettier --check` unchanged. Falls back to the text
 * as given when Prettier is not installed (it is a development dependency of the repository).
 * @param text our format, as {@link serializeFlowDocument} writes it
 * @param filePath where the file goes (or comes from), to find the Prettier configuration
 */
export async function formatForRepo(text: string, filePath: string): Promise<string> {
  let prettier: typeof import('prettier');
  try {
    prettier = await import('prettier');
  } catch {
    return text;
  }
  const config = (await prettier.resolveConfig(filePath)) ?? {};
  return prettier.format(text, { ...config, parser: 'json', filepath: filePath });
}

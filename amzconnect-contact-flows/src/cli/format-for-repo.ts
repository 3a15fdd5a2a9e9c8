/**
 * Formats a flow file the way the repository's Prettier configuration does, so files written by
 * `export` (and printed by `normalize`) pass `prettier --check` unchanged. Falls back to the text
 * as given when Prettier cannot be loaded (it is a development dependency of the repository).
 * @param text our format, as {@link serializeFlowDocument} writes it
 * @param filePath where the file goes (or comes from), to find the Prettier configuration
 */
export async function formatForRepo(text: string, filePath: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(filePath)) ?? {};
    return await prettier.format(text, { ...config, parser: 'json', filepath: filePath });
  } catch {
    // Prettier missing, or not loadable here (it loads its ES modules dynamically, which a
    // CommonJS test runner may refuse): the JSON is valid as it is, only laid out differently.
    return text;
  }
}

/**
 * The flow designer's old export format (`{ "modules": [...], "version": "1", "start": "...",
 * "metadata": {...} }`). Connect's API does not accept it, so it is reported, never converted.
 */
export function isLegacyExport(value: Record<string, unknown>): boolean {
  return Array.isArray(value.modules) && ('start' in value || 'metadata' in value || 'version' in value);
}

/** What the user reads when a file is a legacy export. */
export const LEGACY_EXPORT_MESSAGE =
  'legacy console export ("modules", "metadata", "start"), which Amazon Connect\'s API does not accept; ' +
  'import it in the flow designer of a development instance, publish it, then bring it into the repo with ' +
  '`npm run flows -- export --instance-id ID` (or the designer\'s "Export flow", which writes the flow language)';

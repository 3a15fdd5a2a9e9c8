import { FlatStringMap } from '../shared/flat-map';
import { LogSink } from '../shared/logger';
import { MappingConfig } from './config';
import { parseMappingDocument } from './mapping-document';
import { FetchMappingText } from './mapping-source';

/** What the mapping handler is built from. */
export interface MappingDeps {
  /** The location read at cold start, or why there is none. */
  readonly config: MappingConfig;
  readonly fetchText: FetchMappingText;
  readonly logger: LogSink;
}

/** Error codes a flow may branch on (`$.External.Error`). */
export type MappingErrorCode =
  'MAPPING_CONFIGURATION' | 'MAPPING_UNPUBLISHED' | 'MAPPING_INVALID' | 'MAPPING_UNAVAILABLE';

/** An error answer: no entries, a code and a message for the contact's logs. */
export function mappingErrorAnswer(code: MappingErrorCode, message: string): FlatStringMap {
  return { Error: code, ErrorMessage: message.slice(0, 1000) };
}

/**
 * Builds the handler. The document is fetched once per container and kept: warm invocations
 * answer from memory with no network call (publishing a new version changes the function's
 * configuration, which starts new containers). An invalid document gives an error answer and is
 * not fetched again; a failed fetch (not published yet, S3 unavailable) is retried on the next
 * invocation.
 */
export function createMappingHandler(deps: MappingDeps) {
  let answer: Promise<FlatStringMap> | undefined;

  const load = async (): Promise<FlatStringMap> => {
    if (!deps.config.ok) {
      deps.logger.error('Mapping function is misconfigured', { reason: deps.config.problem });
      return mappingErrorAnswer('MAPPING_CONFIGURATION', deps.config.problem);
    }
    const { location } = deps.config;
    const where = `s3://${location.bucket}/${location.key} ${location.versionId ? `version ${location.versionId}` : '(latest version)'}`;
    if (!location.versionId)
      deps.logger.warn('No mapping version pinned; reading the latest version', { ...location });
    let text: string;
    try {
      text = await deps.fetchText(location);
    } catch (err) {
      answer = undefined; // fetch again on the next invocation: the object may be published meanwhile
      const name = (err as Error)?.name ?? 'Error';
      deps.logger.error('Cannot read the mapping document', { ...location, error: name });
      if (name === 'NoSuchKey') {
        return mappingErrorAnswer(
          'MAPPING_UNPUBLISHED',
          `no mapping at ${where}; deploy the contact flows, which publish it.`,
        );
      }
      return mappingErrorAnswer('MAPPING_UNAVAILABLE', `cannot read ${where} (${name}).`);
    }
    const parsed = parseMappingDocument(text);
    if (!parsed.ok) {
      deps.logger.error('Mapping document is invalid', { ...location, problems: parsed.problems });
      return mappingErrorAnswer('MAPPING_INVALID', parsed.problems.join(' '));
    }
    deps.logger.info('Mapping loaded', { ...location, entries: Object.keys(parsed.document.entries).length });
    return parsed.document.entries;
  };

  return async (_event?: unknown): Promise<FlatStringMap> => {
    answer ??= load();
    return answer;
  };
}

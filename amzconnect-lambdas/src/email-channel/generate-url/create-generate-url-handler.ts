import { FlatStringMap } from '../../shared/flat-map';
import { LogSink } from '../../shared/logger';
import { CASE_ID } from '../shared/case-address';
import { parseFlowEvent } from '../shared/flow-event';
import { fitsReference, UpdateOriginalMailReference } from '../shared/mail-references';

/** Presigns a `GetObject` of `key`, valid `expiresIn` seconds. */
export type PresignGet = (key: string, expiresIn: number, downloadName?: string) => Promise<string>;

/** What the generate-URL function is built from. */
export interface GenerateUrlDeps {
  /** Lifetime of the URLs, seconds (from the configuration), or why it is missing. */
  readonly lifetime:
    { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly problem: string };
  readonly presign: PresignGet;
  /** Sets the task's `OriginalMail` reference to the fresh link. */
  readonly updateReference: UpdateOriginalMailReference;
  readonly logger: LogSink;
}

/** Seconds before expiry at which the queue flow refreshes the URLs. */
export const REFRESH_MARGIN_SECONDS = 60;

/** The keys a task may have URLs for: its own case's stored mails only. Pure. */
export function caseMailKey(key: string | undefined, caseId: string): string | undefined {
  if (!key || !CASE_ID.test(caseId)) return undefined;
  return key.startsWith(`cases/${caseId}/`) && !key.includes('..') ? key : undefined;
}

/**
 * Builds the handler the inbound and customer queue flows invoke: presigned URLs for the task's
 * formatted mail and original `.eml` (attributes `FormattedKey`, `OriginalKey`, within
 * `cases/<CaseId>/`), and `ExpiresInSeconds` = lifetime minus one minute, so the flow waits that
 * long and refreshes them before the agent's links expire. The original's link also becomes the
 * task's `OriginalMail` reference (as in the reference solution), so the agent can open it from
 * the task; a failed or oversized reference update is logged and the URLs are still answered (the
 * agent page offers the same download). Never throws: problems are an `Error` answer.
 */
export function createGenerateUrlHandler(deps: GenerateUrlDeps) {
  const updateReference = async (contactId: string, originalUrl: string): Promise<void> => {
    if (!fitsReference(originalUrl)) {
      deps.logger.warn('Original mail link too long for a task reference; not set', {
        contactId,
        bytes: Buffer.byteLength(originalUrl, 'utf8'),
      });
      return;
    }
    try {
      await deps.updateReference(contactId, originalUrl);
    } catch (err) {
      deps.logger.warn('Cannot set the task reference of the original mail', {
        contactId,
        error: (err as Error).name,
      });
    }
  };

  return async (event: unknown): Promise<FlatStringMap> => {
    const parsed = parseFlowEvent(event);
    if (!parsed) return { Error: 'INVALID_EVENT', ErrorMessage: 'not an Amazon Connect contact flow event' };
    if (!deps.lifetime.ok) {
      deps.logger.error('Generate-URL function is misconfigured', { problem: deps.lifetime.problem });
      return { Error: 'CONFIGURATION', ErrorMessage: deps.lifetime.problem };
    }
    const caseId = parsed.attributes.CaseId ?? '';
    const formattedKey = caseMailKey(parsed.attributes.FormattedKey, caseId);
    const originalKey = caseMailKey(parsed.attributes.OriginalKey, caseId);
    if (!formattedKey || !originalKey) {
      deps.logger.warn('Task without case mail attributes', { contactId: parsed.contactId, caseId });
      return {
        Error: 'NO_MAIL',
        ErrorMessage: 'the task has no CaseId / FormattedKey / OriginalKey of its case',
      };
    }
    const seconds = deps.lifetime.seconds;
    try {
      const [formattedUrl, originalUrl] = await Promise.all([
        deps.presign(formattedKey, seconds),
        deps.presign(originalKey, seconds, 'original.eml'),
      ]);
      await updateReference(parsed.contactId, originalUrl);
      return {
        FormattedUrl: formattedUrl,
        OriginalUrl: originalUrl,
        ExpiresInSeconds: String(seconds - REFRESH_MARGIN_SECONDS),
      };
    } catch (err) {
      deps.logger.error('Cannot presign the mail URLs', {
        contactId: parsed.contactId,
        error: (err as Error).name,
      });
      return { Error: 'PRESIGN_FAILED', ErrorMessage: (err as Error).name };
    }
  };
}

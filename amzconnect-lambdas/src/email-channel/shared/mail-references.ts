import { ConnectClient, UpdateContactCommand } from '@aws-sdk/client-connect';
import { instanceIdOf } from './task-starter';

/** Sets a task's `OriginalMail` reference to a fresh link of the original mail. */
export type UpdateOriginalMailReference = (contactId: string, originalUrl: string) => Promise<void>;

/** The reference's name: the agent workspace lists a task's references by name. */
export const ORIGINAL_MAIL_REFERENCE = 'OriginalMail';

/**
 * The longest link the reference may carry. Connect allows "up to 4,096 UTF-8 bytes across all
 * references for a contact" (Connect API Reference, Reference); the task's other reference,
 * `Customer` (an e-mail address, at most 254 characters), and the two names stay within the rest.
 */
export const ORIGINAL_URL_MAX_BYTES = 3_500;

/**
 * How long the reference update may take. The flow waits at most 8 s for the function (its
 * timeout is 6 s); the links matter more than the reference, so a slow update is abandoned.
 */
export const REFERENCE_UPDATE_TIMEOUT_MS = 2_000;

/** Whether a link fits in the task's reference budget. Pure. */
export function fitsReference(url: string): boolean {
  return Buffer.byteLength(url, 'utf8') <= ORIGINAL_URL_MAX_BYTES;
}

/**
 * Sets the task's `OriginalMail` reference to the presigned link of the original `.eml` (type
 * `URL`), so the agent downloads it from the task itself, as in the reference solution, whose
 * generate-URL function saves the original mail as a reference. Connect `UpdateContact` adds or
 * updates a contact's references, "shown to agents on Contact Control Panel (CCP)" (Connect API
 * Reference, UpdateContact; the `References` member of `UpdateContactRequest` in the SDK's model).
 * Gives up after `timeoutMs` (@default {@link REFERENCE_UPDATE_TIMEOUT_MS}).
 */
export function connectOriginalMailReference(
  connect: ConnectClient,
  instanceArn: string,
  timeoutMs: number = REFERENCE_UPDATE_TIMEOUT_MS,
): UpdateOriginalMailReference {
  const instanceId = instanceIdOf(instanceArn);
  return async (contactId, originalUrl) => {
    await connect.send(
      new UpdateContactCommand({
        InstanceId: instanceId,
        ContactId: contactId,
        References: { [ORIGINAL_MAIL_REFERENCE]: { Type: 'URL', Value: originalUrl } },
      }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
  };
}

import { createHash } from 'crypto';
import { NoticeFields } from './notice-fields';

/** A channel of the notice. */
export type NoticeChannel = 'email' | 'sms';

/**
 * The idempotency key of one channel's notice (pure): the same contact, channel, recipient and
 * fields always give the same key. The flow keeps the key of each sent channel in a contact
 * attribute and passes it back with the next submission, so a resubmission after a partial
 * failure sends only the channels that have not gone out yet. A changed recipient or field gives a
 * new key, so a corrected notice is sent.
 */
export function noticeKey(
  contactId: string,
  channel: NoticeChannel,
  recipient: string,
  fields: NoticeFields,
): string {
  return createHash('sha256')
    .update(JSON.stringify([contactId, channel, recipient.toLowerCase(), fields]))
    .digest('hex')
    .slice(0, 32);
}

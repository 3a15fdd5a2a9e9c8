import { Channel } from './inbound-message';

/** A conversation bridged to a Connect chat, as stored in the sessions table. */
export interface ActiveSession {
  readonly state: 'active';
  readonly key: string;
  readonly channel: Channel;
  readonly customerId: string;
  readonly businessId: string;
  /** The chat contact (`StartChatContact`'s `ContactId`, the `InitialContactId` of later transfers). */
  readonly contactId: string;
  /** The customer participant's connection token (`CreateParticipantConnection`). */
  readonly connectionToken: string;
  /** The message streaming started on this chat (`StartContactStreaming`'s `StreamingId`). */
  readonly streamingId: string;
  /** When the chat started (ISO 8601). */
  readonly startedAt: string;
  /** When DynamoDB deletes the session (epoch seconds, TTL): the chat's maximum duration. */
  readonly expiresAt: number;
}

/** A claim taken while a chat is being started, so a concurrent message waits instead of starting a second chat. */
export interface StartingSession {
  readonly state: 'starting';
  readonly key: string;
  /** Epoch milliseconds of the claim. */
  readonly claimedAt: number;
}

/** What the sessions table holds for a conversation. */
export type StoredSession = ActiveSession | StartingSession;

/** Chats last 25 hours by default (Connect's `ChatDurationInMinutes` default); the session lives as long. */
export const CHAT_DURATION_MINUTES = 1500;

/** A start claim older than this is abandoned (the invocation that took it died) and may be taken over. */
export const START_CLAIM_STALE_MS = 60_000;

/** What to do with a customer message, given the stored session. */
export type SessionDecision =
  | { readonly kind: 'reuse'; readonly session: ActiveSession }
  | { readonly kind: 'start' }
  | { readonly kind: 'wait' };

/**
 * Reuse the active chat; start one when there is none, the stored one has expired, or a start
 * claim was abandoned; wait (retry later) while another invocation is starting the chat.
 */
export function decideSession(stored: StoredSession | undefined, nowMs: number): SessionDecision {
  if (!stored) return { kind: 'start' };
  if (stored.state === 'starting')
    return nowMs - stored.claimedAt < START_CLAIM_STALE_MS ? { kind: 'wait' } : { kind: 'start' };
  if (stored.expiresAt * 1000 <= nowMs) return { kind: 'start' };
  return { kind: 'reuse', session: stored };
}

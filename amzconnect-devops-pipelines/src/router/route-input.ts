import { parsePushEvent, PushEvent } from './push-event';

/** A verified, parsed webhook delivery, reduced to what routing reads. */
export type RouteInput =
  | { readonly kind: 'ping' }
  | { readonly kind: 'push'; readonly push: PushEvent }
  | { readonly kind: 'other'; readonly eventName: string };

/** Result of {@link routeInputFor}. */
export type RouteInputResult =
  { readonly ok: true; readonly input: RouteInput } | { readonly ok: false; readonly problem: string };

/**
 * Turns an event name (`X-GitHub-Event`) and its JSON payload into a {@link RouteInput}. Only
 * `push` payloads are checked field by field; other events are routed by name alone.
 */
export function routeInputFor(eventName: string, payload: unknown): RouteInputResult {
  if (eventName === 'ping') return { ok: true, input: { kind: 'ping' } };
  if (eventName !== 'push') return { ok: true, input: { kind: 'other', eventName } };
  const parsed = parsePushEvent(payload);
  if (!parsed.ok) return { ok: false, problem: `push payload is invalid: ${parsed.problem}` };
  return { ok: true, input: { kind: 'push', push: parsed.event } };
}

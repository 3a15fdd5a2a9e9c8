import { MailVerdictHeaders } from './inbound-mail';

/** Why a received mail is dropped, if it is. */
export type VerdictDecision = { readonly drop: false } | { readonly drop: true; readonly reason: string };

/**
 * Drops mail SES flagged as spam or carrying a virus (`X-SES-Spam-Verdict` / `X-SES-Virus-Verdict`
 * = `FAIL`). Missing headers (scanning off) and `GRAY` / `PROCESSING_FAILED` are let through: a
 * customer's mail is not lost because a scan could not decide. Pure.
 */
export function decideVerdict(v: MailVerdictHeaders): VerdictDecision {
  if (v.virus?.trim().toUpperCase() === 'FAIL') return { drop: true, reason: 'SES virus verdict FAIL' };
  if (v.spam?.trim().toUpperCase() === 'FAIL') return { drop: true, reason: 'SES spam verdict FAIL' };
  return { drop: false };
}

/**
 * Whether SES authenticated the sender's domain: `spf=pass` or `dkim=pass` in the
 * `Authentication-Results` header SES adds (the relay refuses mail that is neither). Pure.
 */
export function senderAuthenticated(v: MailVerdictHeaders): boolean {
  const results = v.authenticationResults?.toLowerCase() ?? '';
  if (!results.startsWith('amazonses.com')) return false;
  return /\b(spf|dkim)=pass\b/.test(results);
}

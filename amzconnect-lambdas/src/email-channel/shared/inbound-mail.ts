/** A mailbox as written in a header: the address (lowercase) and the display name. */
export interface MailAddress {
  readonly address: string;
  readonly name: string;
}

/** An attachment of a mail, described (its content stays in the original `.eml`). */
export interface AttachmentSummary {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** A received mail, parsed into what the channel uses. */
export interface InboundMail {
  /** `Message-ID` header, when present. */
  readonly messageId?: string;
  /** `Date` header as ISO 8601, when present and valid. */
  readonly date?: string;
  readonly subject: string;
  /** First `From` mailbox; absent when the header is missing or unparseable. */
  readonly from?: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  /** Plain-text body: the text part, or the HTML part converted to text. */
  readonly text: string;
  /** Whether the mail had an HTML part. */
  readonly hasHtml: boolean;
  readonly attachments: readonly AttachmentSummary[];
  /** SES verdict and authentication headers, lowercase names, when present. */
  readonly verdicts: MailVerdictHeaders;
}

/** The headers SES adds on receipt that the channel decides on. */
export interface MailVerdictHeaders {
  /** `X-SES-Spam-Verdict`: `PASS`, `FAIL`, `GRAY` or `PROCESSING_FAILED`. */
  readonly spam?: string;
  /** `X-SES-Virus-Verdict`: `PASS`, `FAIL`, `GRAY` or `PROCESSING_FAILED`. */
  readonly virus?: string;
  /** `Authentication-Results` added by SES (`amazonses.com; spf=pass ...; dkim=pass ...`). */
  readonly authenticationResults?: string;
}

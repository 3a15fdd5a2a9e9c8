/**
 * The outcome of one read-only look-up: the resource exists (with what the check needs of it), the
 * service says it does not exist, or the look-up failed for another reason (throttled, denied,
 * timed out), in which case nothing is known.
 */
export type Lookup<T> =
  | { readonly status: 'found'; readonly value: T }
  | { readonly status: 'missing' }
  | { readonly status: 'error'; readonly error: string };

/** What Amazon SES v2 says about the e-mail sender (GetAccount, GetEmailIdentity, ...). */
export interface EmailFacts {
  /** `GetAccount`: `ProductionAccessEnabled` and `SendingEnabled` of the account in the Region. */
  readonly account: Lookup<{ readonly productionAccess: boolean; readonly sendingEnabled: boolean }>;
  /** `GetEmailIdentity`: `VerifiedForSendingStatus`. */
  readonly identity: Lookup<{ readonly verifiedForSending: boolean }>;
  /** `GetEmailTemplate`. */
  readonly template: Lookup<true>;
  /** `GetConfigurationSet`: `SendingOptions.SendingEnabled`; absent when none is configured. */
  readonly configurationSet?: Lookup<{ readonly sendingEnabled: boolean }>;
}

/** What AWS End User Messaging SMS says about the SMS sender (DescribePhoneNumbers / DescribePools). */
export interface SmsFacts {
  /** The phone number's or pool's `Status` (`ACTIVE`, `PENDING`, `CREATING`, ...). */
  readonly originationIdentity: Lookup<{ readonly status: string }>;
  /** `DescribeConfigurationSets`; absent when none is configured. */
  readonly configurationSet?: Lookup<true>;
}

/** Everything the readiness decision reads; a channel that is not configured has no facts. */
export interface ReadinessFacts {
  readonly email?: EmailFacts;
  readonly sms?: SmsFacts;
}

/**
 * One item of the customer table, keyed by the caller's number. The customer-lookup Lambda reads
 * items by `phoneNumber` (the contact's `CustomerEndpoint.Address`, E.164).
 */
export interface CustomerRecord {
  /** Partition key: the caller's number in E.164, e.g. `+15555550100`. */
  readonly phoneNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  /** When the customer last called, ISO 8601 UTC, e.g. `2024-05-01T14:30:00Z`. */
  readonly lastCalledDate: string;
}

/** Name of the table's partition key attribute. */
export const CUSTOMER_TABLE_PARTITION_KEY = 'phoneNumber';

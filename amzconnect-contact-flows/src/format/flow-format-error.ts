/** Why a file could not be read as a flow. */
export type FlowFormatErrorKind =
  /** The file could not be read from disk. */
  | 'unreadable'
  /** The text (or an embedded `Content` string) is not JSON. */
  | 'invalid-json'
  /** An old console export (`modules`, `metadata`, `start`) that Connect's API does not accept. */
  | 'legacy-export'
  /** JSON, but none of the shapes the tooling reads. */
  | 'unknown-shape'
  /** A known shape with missing or mistyped fields. */
  | 'invalid-field';

/** A file that is not a usable flow, with every problem found in it. */
export class FlowFormatError extends Error {
  /** What kind of problem this is. */
  public readonly kind: FlowFormatErrorKind;
  /** The file, as given by the caller. */
  public readonly path: string;
  /** One message per problem, each saying what is wrong and how to fix it. */
  public readonly problems: readonly string[];

  constructor(kind: FlowFormatErrorKind, path: string, problems: readonly string[]) {
    super(`${path}: ${problems.join('; ')}`);
    this.name = 'FlowFormatError';
    this.kind = kind;
    this.path = path;
    this.problems = problems;
  }
}

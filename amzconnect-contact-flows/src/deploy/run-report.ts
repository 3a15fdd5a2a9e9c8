/** One write the engine performed, in order. */
export interface AppliedStep {
  /** ISO time of the write. */
  readonly at: string;
  readonly kind: 'flow' | 'module' | 'mapping';
  /** Repository name (for orphans: the deployed name before the rename). */
  readonly name: string;
  readonly operation:
    | 'create'
    | 'create-stub'
    | 'update-content'
    | 'update-description'
    | 'create-version'
    | 'adopt'
    | 'unarchive'
    | 'backup-draft'
    | 'orphan'
    | 'restore'
    | 'publish-mapping';
  readonly id?: string;
  readonly arn?: string;
  /** S3 version id of the content saved before this write (rollback source). */
  readonly backupVersionId?: string;
  /** Free-form detail: new name of an orphan, mapping version id, Connect version number. */
  readonly detail?: string;
}

/** A flow or module the run could not write, with the problems Connect (or the resolver) gave. */
export interface FlowFailure {
  readonly kind: 'flow' | 'module' | 'mapping';
  readonly name: string;
  /** Error name, e.g. `InvalidContactFlowException`, or `UnresolvedReference`. */
  readonly error: string;
  readonly message: string;
  /** One line per problem, as Connect returned them. */
  readonly problems: readonly string[];
}

/** What a run did, saved to the flow bucket as it goes, so a run that dies leaves a trace. */
export interface RunReport {
  readonly runId: string;
  readonly command: 'deploy' | 'rollback';
  readonly app: string;
  readonly env: string;
  readonly region: string;
  readonly instanceId: string;
  readonly startedAt: string;
  finishedAt?: string;
  /**
   * `incomplete`: the run stopped before its budget ran out (or was cancelled) with work left;
   * the next run continues (see `remaining`).
   */
  status: 'running' | 'succeeded' | 'failed' | 'incomplete';
  /** Planned items not yet applied when the run stopped (`incomplete`). */
  remaining?: number;
  /**
   * Number of step chunks saved beside the summary (`runs/<runId>/steps-NNNN.json`, at most
   * `STEPS_PER_CHUNK` steps each); `applied` is empty in the saved summary and filled on load.
   */
  stepChunks?: number;
  readonly planned: Record<string, number>;
  applied: AppliedStep[];
  readonly failures: FlowFailure[];
  /** S3 version id of the published mapping, when this run published one. */
  mappingVersionId?: string;
  /** Service calls of the run, by operation. */
  calls?: Record<string, number>;
}

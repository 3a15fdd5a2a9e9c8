/** A flow or flow module as deployed in the instance. */
export interface DeployedFlow {
  readonly kind: 'flow' | 'module';
  readonly id: string;
  readonly arn: string;
  /** Name in Connect. */
  readonly name: string;
  /** Contact flow type; `MODULE` for modules. */
  readonly type: string;
  readonly description?: string;
  /** Content as Connect returns it (a JSON string). `undefined` when not read yet (or Search left it out). */
  readonly content?: string;
  /** Tags as Connect returns them; `undefined` when not read (List summaries carry none). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Connect's `LastModifiedTime`, epoch ms (flows only; the module shapes have none). */
  readonly lastModifiedTime?: number;
  /** `ACTIVE` or `ARCHIVED` (`ContactFlowState`). @default ACTIVE */
  readonly state?: string;
}

/** A queue, prompt or hours of operation. */
export interface NamedResource {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
}

/** What the engine knows about an instance after reading it. */
export interface InstanceSnapshot {
  readonly instanceId: string;
  /** Every contact flow of the instance (content only for managed ones). */
  readonly flows: readonly DeployedFlow[];
  /** Every flow module of the instance (content only for managed ones). */
  readonly modules: readonly DeployedFlow[];
  readonly queues: readonly NamedResource[];
  readonly prompts: readonly NamedResource[];
  readonly hours: readonly NamedResource[];
  /** Lex V2 bot alias ARNs associated with the instance. */
  readonly lexAliasArns: readonly string[];
  /** Lambda function ARNs associated with the instance. */
  readonly lambdaArns: readonly string[];
}

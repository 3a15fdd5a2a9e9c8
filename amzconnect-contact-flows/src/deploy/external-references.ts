/**
 * Deploy-time values that do not come from the instance itself but from SSM parameters the
 * other sub-projects publish: Lambda ARNs (`SsmNames.lambdas.functionArn`) and Lex V2 bot alias
 * ARNs of the environment (`SsmNames.infra.lexBotAliasArn`).
 */
export interface ExternalReferences {
  /** Lambda function ARN by name as used in `${lambda:Name}`. */
  readonly lambdas: Readonly<Record<string, string>>;
  /** Lex V2 alias ARN of the environment by bot name as used in `${lex:Bot}`. */
  readonly lex: Readonly<Record<string, string>>;
  /** ARN of the mapping function (`${mapping-function}`). @default unknown */
  readonly mappingFunction?: string;
}

import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument, RoleWithPolicies } from './synthesized-templates';

/** One request a role makes in the deploy path. */
export interface IamRequest {
  readonly action: string;
  /** Resource ARN, or `*` for actions without resource-level permissions. */
  readonly resource: string;
  /** Request context (condition keys), e.g. `aws:RequestedRegion`. @default none */
  readonly context?: Record<string, string | string[]>;
  /** Resource policy of the resource (e.g. a KMS key policy). @default none */
  readonly resourcePolicy?: PolicyDocument;
}

/** Outcome of evaluating a request against a role's identity policies (and boundary). */
export type IamDecision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/**
 * Evaluates `request` as `role` with the role's identity policies (and, when given, its
 * permissions boundary) using `@cloud-copilot/iam-simulate`. The validated engine is used first;
 * for actions whose resource types iam-data describes with more than one ARN format (Lex V2 bots
 * and aliases, API Gateway paths), the validated engine reports `no.resource.types`, and the same
 * request is evaluated by the engine without input validation.
 */
export async function evaluateRequest(
  role: Pick<RoleWithPolicies, 'arn' | 'policies'>,
  request: IamRequest,
  boundary?: PolicyDocument,
): Promise<IamDecision> {
  const account = /^arn:[^:]+:iam::(\d{12}):/.exec(role.arn)?.[1] ?? '000000000000';
  const simulation: Simulation = {
    request: {
      principal: role.arn,
      action: request.action,
      resource: { resource: request.resource, accountId: account },
      contextVariables: request.context ?? {},
    },
    identityPolicies: role.policies.map((p) => ({ name: p.name, policy: p.policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    permissionBoundaryPolicies: boundary ? [{ name: 'boundary', policy: boundary }] : undefined,
    resourcePolicy: request.resourcePolicy,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType !== 'error') return result.overallResult;
  if (result.errors.message === 'no.resource.types') return runUnsafeSimulation(simulation, {});
  throw new Error(`${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
}

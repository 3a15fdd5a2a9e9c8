import {
  runSimulation,
  runUnsafeSimulation,
  type Simulation,
  type SimulationErrors,
} from '@cloud-copilot/iam-simulate';
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
  try {
    return await validatedSimulation(simulation);
  } catch (err) {
    if (!(err instanceof ResourceTypeNotResolvedError)) throw err;
    return runUnsafeSimulation(simulation, {});
  }
}

/** iam-simulate refused the request before evaluating it (invalid action, principal, policy...). */
export class SimulationInputError extends Error {
  constructor(
    simulation: Simulation,
    public readonly errors: SimulationErrors,
  ) {
    super(
      `${simulation.request.action} on ${simulation.request.resource.resource}: ${JSON.stringify(errors)}`,
    );
    this.name = new.target.name;
  }
}

/**
 * iam-simulate's validated engine found no single resource type of the action for the ARN: iam-data
 * describes some resource types with several ARN formats (Lex V2 bots and aliases, API Gateway
 * paths), which the validation cannot match, while the policy evaluation itself can.
 */
export class ResourceTypeNotResolvedError extends SimulationInputError {}

/**
 * Runs the validated engine and turns its error result into a typed error. The error result's
 * `errors.message` is the engine's machine code, not prose (`no.resource.types` is returned by
 * `runSimulation` when `getResourceTypesForAction` finds none; @cloud-copilot/iam-simulate
 * `dist/cjs/simulation_engine/simulationEngine.js`); it is read here, once, and nowhere else.
 */
async function validatedSimulation(simulation: Simulation): Promise<IamDecision> {
  const result = await runSimulation(simulation, {});
  if (result.resultType !== 'error') return result.overallResult;
  const ErrorClass =
    result.errors.message === 'no.resource.types' ? ResourceTypeNotResolvedError : SimulationInputError;
  throw new ErrorClass(simulation, result.errors);
}

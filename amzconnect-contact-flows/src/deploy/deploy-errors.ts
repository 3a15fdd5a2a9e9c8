/** Connect answered `LimitExceededException` (a service quota is full); thrown instead of it so that nothing retries it. */
export class ServiceQuotaExceededError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'ServiceQuotaExceededError';
  }
}

/**
 * Connect refused a create because the instance holds as many flows (or modules) as its service
 * quota allows. Not throttling: retrying cannot help, so the run stops creating at once.
 */
export class FlowQuotaExceededError extends Error {
  constructor(
    public readonly kind: 'flow' | 'module',
    public readonly itemName: string,
  ) {
    const quota = kind === 'flow' ? 'Flows per instance' : 'Flow modules per instance';
    super(
      `Cannot create ${kind} "${itemName}": the instance has reached the Amazon Connect quota "${quota}" ` +
        `(default 100, adjustable). Raise it in the Service Quotas console (service "Amazon Connect", ` +
        `quota "${quota}") or with \`aws service-quotas request-service-quota-increase\`, or remove ` +
        `flows the instance no longer needs (orphaned-* flows are kept until deleted by hand), then deploy again.`,
    );
    this.name = 'FlowQuotaExceededError';
  }
}

/** The plan found flows edited in Connect since our last write, and the deployment is set to fail on drift. */
export class DriftDetectedError extends Error {
  constructor(public readonly names: readonly string[]) {
    super(
      `Refusing to deploy: ${names.length} flow(s) changed in Amazon Connect since the last deployment ` +
        `(${names.join(', ')}). Export them into the repository (\`npm run flows -- export\`) to keep the ` +
        `console edits, or deploy with drift set to "overwrite" to replace them (a backup is saved first).`,
    );
    this.name = 'DriftDetectedError';
  }
}

/** Another run holds the account's Connect run lock (CLI, provisioner, or a run that has not expired yet). */
export class RunLockedError extends Error {
  constructor(
    public readonly holder: string,
    public readonly expiresAt: string,
  ) {
    super(
      `Another contact-flow run (${holder}) holds the lock of this account and Region until ${expiresAt}; ` +
        `Connect's rate quota is shared by the account and Region, so runs never overlap. Retry after it finishes.`,
    );
    this.name = 'RunLockedError';
  }
}

/** This run's lock lease was taken over (the run outlived its lease): it must not write again. */
export class RunLockLostError extends Error {
  constructor(public readonly runId: string) {
    super(`Run ${runId} lost its lock (lease expired and taken over); it stopped before its next write.`);
    this.name = 'RunLockLostError';
  }
}

/** An approved plan no longer matches the instance: something changed between plan and apply. */
export class PlanOutdatedError extends Error {
  constructor(
    public readonly expected: string,
    public readonly actual: string,
  ) {
    super(
      `The instance changed since the plan was made (plan fingerprint ${expected}, now ${actual}); ` +
        `plan again and have the new plan approved.`,
    );
    this.name = 'PlanOutdatedError';
  }
}

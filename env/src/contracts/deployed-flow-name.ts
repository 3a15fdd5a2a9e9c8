/**
 * The name in Amazon Connect of the repository flow or module `name` of application `app`
 * (`acme` + `Main` → `acme-Main`): the contact-flow deployment names flows this way, and the
 * workloads that start contacts in a flow (chat, tasks) find the flow by this name.
 */
export function deployedFlowName(app: string, name: string): string {
  return `${deployedFlowPrefix(app)}${name}`;
}

/** The prefix of every flow name the platform manages for `app`, e.g. `acme-`. */
export function deployedFlowPrefix(app: string): string {
  return `${app}-`;
}

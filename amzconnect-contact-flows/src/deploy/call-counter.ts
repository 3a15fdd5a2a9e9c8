/** Counts service calls by operation, as reads or writes, for run reports and the bench. */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  /** Records one call of `operation` (e.g. `connect:UpdateContactFlowContent`). */
  public record(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  /** Calls per operation, sorted by name. */
  public byOperation(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Number of calls that change something (`Create*`, `Update*`, `Put*`, `Delete*`, ...). */
  public get writes(): number {
    return this.sum((op) => isWriteOperation(op));
  }

  /** Number of calls that only read. */
  public get reads(): number {
    return this.sum((op) => !isWriteOperation(op));
  }

  /** Calls of one service prefix, e.g. `connect`. */
  public total(service?: string, kind?: 'read' | 'write'): number {
    return this.sum(
      (op) =>
        (!service || op.startsWith(`${service}:`)) && (!kind || (kind === 'write') === isWriteOperation(op)),
    );
  }

  private sum(pred: (op: string) => boolean): number {
    let n = 0;
    for (const [op, c] of this.counts) if (pred(op)) n += c;
    return n;
  }
}

/** Whether an operation name (with or without service prefix) changes state. */
export function isWriteOperation(operation: string): boolean {
  const name = operation.includes(':') ? operation.slice(operation.indexOf(':') + 1) : operation;
  return !/^(Get|List|Describe|Search|Head)/.test(name);
}

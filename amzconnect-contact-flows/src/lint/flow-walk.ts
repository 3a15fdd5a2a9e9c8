import { FlowAction } from '../model/flow-document';

/** A string found in an action's parameters, with the action it belongs to. */
export interface ActionString {
  readonly action: FlowAction;
  readonly value: string;
}

/** Every string value (and object key) in the parameters of every action. */
export function actionStrings(actions: readonly FlowAction[]): ActionString[] {
  const out: ActionString[] = [];
  for (const action of actions) {
    for (const value of strings(action.Parameters)) out.push({ action, value });
  }
  return out;
}

/** Every string value and object key under a JSON value. */
export function strings(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        out.push(k);
        visit(child);
      }
    }
  };
  visit(value);
  return out;
}

/** Every transition of an action: where it goes and what takes it there. */
export function transitionsOf(action: FlowAction): { readonly target: string; readonly via: string }[] {
  const t = action.Transitions;
  if (t === undefined) return [];
  const out: { target: string; via: string }[] = [];
  if (typeof t.NextAction === 'string') out.push({ target: t.NextAction, via: 'NextAction' });
  (t.Errors ?? []).forEach((e) => {
    if (typeof e?.NextAction === 'string') out.push({ target: e.NextAction, via: `error ${e.ErrorType}` });
  });
  (t.Conditions ?? []).forEach((c, i) => {
    if (typeof c?.NextAction === 'string') out.push({ target: c.NextAction, via: `condition ${i + 1}` });
  });
  return out;
}

/** `action "id" (Type)`, how findings name an action. */
export function describeAction(action: FlowAction): string {
  return `action "${action.Identifier}" (${action.Type})`;
}

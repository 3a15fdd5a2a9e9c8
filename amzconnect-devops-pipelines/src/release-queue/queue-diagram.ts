import { SUBPROJECTS } from '@amzconnect/env';
import { START_REDRIVE_MS } from './decide-queue';
import { PUSH_HISTORY } from './queue-state';

const q = (s: string) => JSON.stringify(s);

/**
 * Graphviz source of the release queue of one environment: its states, what moves it, and the
 * release order (taken from `SUBPROJECTS`, so the picture follows the code). Rendered to
 * `images/release-queue.svg` by `npm run diagram:queue`.
 */
export function releaseQueueDot(): string {
  const order = SUBPROJECTS.map((s) => s.id);
  const lines = [
    'digraph ReleaseQueue {',
    '  rankdir=LR; fontname="Helvetica"; node [fontname="Helvetica", fontsize=11, shape=box, style="rounded"]; edge [fontname="Helvetica", fontsize=9];',
    `  idle [label=${q('idle\nnothing pending')}];`,
    `  inflight [label=${q('one step in flight\n(first pending sub-project,\nat the newest push)')}, style="rounded,bold"];`,
    `  halted [label=${q('halted\n(nothing starts)')}, color="firebrick"];`,
    `  refused [label=${q('refused: queue unchanged\n(same delivery id, older pushed_at,\nsame before→after, or a commit\nan accepted push moved past;\nlast ' + PUSH_HISTORY + ' pushes kept)')}, shape=note];`,
    `  stopped [label=${q('stopped + notified\n(manual "Release change",\nretry of a superseded release)')}, shape=note, color="firebrick"];`,
    `  idle -> inflight [label=${q('push #n accepted\n(push sequence = counter)')}];`,
    `  coalesce [label=${q('push while in flight: coalesced\npending ∪= its sub-projects,\nnewest push becomes the head')}, shape=plaintext];`,
    `  advance [label=${q('SUCCEEDED, more pending:\nrecord deployed commit + push #,\nstart the next one at the head')}, shape=plaintext];`,
    `  redrive [label=${q('periodic check: a start that never\nreturned after ' + START_REDRIVE_MS / 1000 + ' s is re-sent\n(same token, same execution)')}, shape=plaintext];`,
    '  inflight -> coalesce [dir=none]; coalesce -> inflight;',
    '  inflight -> advance [dir=none]; advance -> inflight;',
    '  inflight -> redrive [dir=none, style=dashed]; redrive -> inflight [style=dashed];',
    `  inflight -> idle [label=${q('SUCCEEDED, nothing pending')}];`,
    `  inflight -> halted [label=${q('FAILED / STOPPED / SUPERSEDED\n(rejected approval = FAILED):\nnotify env, commit, sub-project')}, color="firebrick"];`,
    `  halted -> inflight [label=${q('next push: new release,\nincludes what was left undone')}];`,
    `  halted -> inflight [label=${q('"Retry" on the failed stage\n(same execution, folded in)')}, style=dashed];`,
    `  idle -> refused [label=${q('late / replayed push')}, style=dotted];`,
    `  inflight -> stopped [label=${q('STARTED/RESUMED not\nstarted by the queue')}, style=dotted];`,
    '  subgraph cluster_order {',
    `    label=${q('release order (SUBPROJECTS)')}; style="dashed";`,
    ...SUBPROJECTS.map((s) => `    ${q(s.id)} [label=${q(`${s.id}\n${s.folder}`)}, shape=box];`),
    `    ${order.map((id) => q(id)).join(' -> ')};`,
    '  }',
    `  inflight -> ${q(order[0])} [style=invis];`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

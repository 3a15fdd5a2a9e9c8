import { MARK_STYLES } from '../render/flow-dot';
import { PlanReportSection, ReportEntry } from './plan-report-section';

/** What the page says about where the plan comes from. */
export interface PlanReportContext {
  /** Commit the plan was computed for. @default not shown */
  readonly commit?: string;
  /** When the plan was computed (ISO 8601). @default not shown */
  readonly generatedAt?: string;
}

/**
 * The content security policy of the page: nothing may load (no scripts, fonts, images or
 * requests), styles only inline. The page is one file that opens offline, from an artifact store
 * or an e-mail attachment alike.
 */
export const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

const ACTION_SIGNS: Readonly<Record<ReportEntry['action'], string>> = {
  create: '+',
  adopt: '⇐',
  update: '~',
  blocked: '!',
  'needs-adoption': '?',
  archived: '#',
  orphaned: '-',
};

/**
 * A self-contained HTML page of a plan (pure): headline with counts, a list of every flow that
 * changes, then per flow its picture and the text diff of its changed values. No script, no
 * external resource.
 */
export function planReportHtml(section: PlanReportSection, context: PlanReportContext = {}): string {
  const c = section.counts;
  const title = `Flow plan: ${section.app} ${section.env} ${section.region}`;
  const headline = `${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.orphaned} orphaned, ${c.blocked} blocked`;
  const meta = [
    `instance ${section.instanceId}`,
    ...(context.commit ? [`commit ${context.commit}`] : []),
    ...(context.generatedAt ? [`computed ${context.generatedAt}`] : []),
  ];
  const body =
    section.entries.length === 0
      ? '<p class="none">No changes.</p>'
      : [
          '<ul class="toc">',
          ...section.entries.map(
            (e, i) =>
              `<li class="${e.action}"><a href="#entry-${i}">${ACTION_SIGNS[e.action]} ${e.kind} ${escapeHtml(e.name)}</a>: ${escapeHtml(e.summary)}</li>`,
          ),
          '</ul>',
          ...section.entries.map((e, i) => entryHtml(e, i)),
        ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="headline${c.blocked > 0 ? ' blocked' : ''}">${escapeHtml(headline)}</p>
<p class="meta">${escapeHtml(meta.join(' · '))}</p>
<p class="legend"><span class="mark added">added</span> <span class="mark changed">changed</span> <span class="mark removed">removed</span> blocks; blue arrows are conditions, red dashed arrows error paths.</p>
${body}
</body>
</html>
`;
}

function entryHtml(e: ReportEntry, index: number): string {
  const parts = [
    `<section class="entry ${e.action}" id="entry-${index}">`,
    `<h2>${ACTION_SIGNS[e.action]} ${e.kind} ${escapeHtml(e.name)} <small>(${escapeHtml(e.deployedName)}): ${escapeHtml(e.action)}</small></h2>`,
    `<p>${escapeHtml(e.summary)}</p>`,
  ];
  if (e.problems.length > 0)
    parts.push('<ul class="problems">', ...e.problems.map((p) => `<li>${escapeHtml(p)}</li>`), '</ul>');
  if (e.description)
    parts.push(
      diffHtml([
        `<span class="del">- description: ${escapeHtml(JSON.stringify(e.description.before))}</span>`,
        `<span class="add">+ description: ${escapeHtml(JSON.stringify(e.description.after))}</span>`,
      ]),
    );
  if (e.svg !== undefined) parts.push(`<figure class="picture">${e.svg}</figure>`);
  if (e.blocks.length > 0) {
    const lines: string[] = [];
    for (const b of e.blocks) {
      lines.push(
        `<span class="block ${b.mark}">${b.mark} ${escapeHtml(b.identifier)} (${escapeHtml(b.type)})</span>`,
      );
      for (const ch of b.changes) {
        if (ch.before !== undefined)
          lines.push(`<span class="del">-   ${escapeHtml(ch.path)}: ${escapeHtml(ch.before)}</span>`);
        if (ch.after !== undefined)
          lines.push(`<span class="add">+   ${escapeHtml(ch.path)}: ${escapeHtml(ch.after)}</span>`);
      }
    }
    parts.push(diffHtml(lines));
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** A text diff: one line per span, in a `<pre>` (no leading or trailing blank line). */
function diffHtml(lines: readonly string[]): string {
  return `<pre class="diff">${lines.join('\n')}</pre>`;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem; color: #0f172a; }
h1 { font-size: 1.4rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.1rem; margin: 0 0 0.3rem; }
h2 small { font-weight: normal; color: #475569; }
.headline { font-size: 1.1rem; font-weight: 600; }
.headline.blocked { color: #b91c1c; }
.meta, .legend { color: #475569; }
.mark { padding: 0 0.4rem; border: 2px solid; border-radius: 4px; }
.mark.added { background: ${MARK_STYLES.added.fill}; border-color: ${MARK_STYLES.added.color}; }
.mark.changed { background: ${MARK_STYLES.changed.fill}; border-color: ${MARK_STYLES.changed.color}; }
.mark.removed { background: ${MARK_STYLES.removed.fill}; border-color: ${MARK_STYLES.removed.color}; border-style: dashed; }
.toc li.blocked, .problems { color: #b91c1c; }
.entry { border-top: 1px solid #cbd5e1; padding: 1rem 0; }
.picture { margin: 0.5rem 0; overflow-x: auto; }
.picture svg { max-width: 100%; height: auto; }
pre.diff { background: #f8fafc; padding: 0.6rem; overflow-x: auto; }
pre.diff .add { color: #15803d; }
pre.diff .del { color: #b91c1c; }
pre.diff .block { font-weight: 600; }
`;

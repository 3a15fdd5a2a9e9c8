import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';

/** Source folder of the email agent page (HTML, CSS and the app script). */
export const AGENT_PAGE_SOURCE = path.join(__dirname, '..', '..', '..', 'src', 'email-channel', 'agent-app');

/** One file of the built page, by its path under the site root. */
export interface AgentPageFile {
  readonly path: string;
  readonly contentType: string;
  readonly contents: Uint8Array;
}

/**
 * Builds the page in memory: `index.html` and `email-agent.css` as they are, and
 * `email-agent-app.js` bundled by esbuild with `@amazon-connect/app` and `@amazon-connect/contact`
 * into one classic script (the CSP allows scripts from the page's own origin only, so nothing is
 * loaded from a CDN). `config.js` is not part of it: the deployment writes it per environment.
 */
export function buildAgentPage(): AgentPageFile[] {
  const bundle = buildSync({
    entryPoints: [path.join(AGENT_PAGE_SOURCE, 'email-agent-app.js')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'eof',
    write: false,
    outfile: 'email-agent-app.js',
    logLevel: 'silent',
  });
  const file = (name: string, contentType: string): AgentPageFile => ({
    path: name,
    contentType,
    contents: fs.readFileSync(path.join(AGENT_PAGE_SOURCE, name)),
  });
  return [
    file('index.html', 'text/html; charset=utf-8'),
    file('email-agent.css', 'text/css; charset=utf-8'),
    {
      path: 'email-agent-app.js',
      contentType: 'text/javascript; charset=utf-8',
      contents: bundle.outputFiles[0].contents,
    },
  ];
}

/** Writes the built page into `outDir` (the local bundling of the page's CDK asset). */
export function writeAgentPage(outDir: string): void {
  for (const f of buildAgentPage()) fs.writeFileSync(path.join(outDir, f.path), f.contents);
}

/** The per-environment `config.js` the page reads before its script. */
export function agentPageConfigScript(mailDomain: string): string {
  return `window.EMAIL_AGENT_CONFIG = ${JSON.stringify({ mailDomain })};\n`;
}

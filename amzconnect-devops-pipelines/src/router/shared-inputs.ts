import { compilePathGlob } from './path-glob';

/**
 * Routing data: which repository paths matter to which pipelines. Paths are relative to the
 * repository root, as GitHub lists them in a push payload. Globs: `**` any depth, `*` one segment.
 *
 * Change this file, not the routing code, when the repository layout changes.
 */

/**
 * Root build inputs every sub-project builds from: the root manifest and lock file, and the root
 * TypeScript configuration. A change here releases all four sub-projects, and on the tooling
 * branch the self-update pipeline too (the tooling app is built from the same inputs). Shared
 * workspace packages (`env/`, `constructs/`) are not listed: a change there releases the
 * sub-projects the workspace graph says are built from them (`releasedBy` in `@amzconnect/env`).
 * `.ci/**` is deliberately absent: it holds CI helpers that no deployed artefact is built from.
 */
export const SHARED_INPUT_GLOBS: readonly string[] = ['package.json', 'package-lock.json', 'tsconfig*.json'];

/** Paths that never start anything, wherever they are: documentation and README pictures. */
export const NEVER_TRIGGER_GLOBS: readonly string[] = ['**/*.md', '**/*.MD', 'images/**'];

/** Folder of the tooling app; a change inside it (on the tooling branch) starts the self-update pipeline. */
export const TOOLING_GLOBS: readonly string[] = ['amzconnect-devops-pipelines/**'];

/** Compiled forms, built once at module load. */
export const SHARED_INPUTS = SHARED_INPUT_GLOBS.map(compilePathGlob);
export const NEVER_TRIGGER = NEVER_TRIGGER_GLOBS.map(compilePathGlob);
export const TOOLING_INPUTS = TOOLING_GLOBS.map(compilePathGlob);

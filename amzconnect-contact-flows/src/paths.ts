import * as path from 'path';

/** Absolute path of the `amzconnect-contact-flows` sub-project. */
export const CONTACT_FLOWS_ROOT = path.resolve(__dirname, '..');

/** Absolute path of the repository root (the folder holding every sub-project). */
export const REPO_ROOT = path.resolve(CONTACT_FLOWS_ROOT, '..');

/** Where the repository's flow and module files live. */
export const FLOWS_DIR = path.join(CONTACT_FLOWS_ROOT, 'flows');

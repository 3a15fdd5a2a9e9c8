import * as fs from 'fs';
import * as path from 'path';
import { FlowDocument } from '../model/flow-document';
import { FLOWS_DIR } from '../paths';
import { FlowFileShape } from './flow-file-shape';
import { FlowFormatError } from './flow-format-error';
import { readFlowFile } from './read-flow-file';

/** A flow file of the repository, read. */
export interface LoadedFlow {
  /** Path of the file as found (under the folder given to {@link loadRepoFlows}). */
  readonly path: string;
  /** The flow or module. */
  readonly document: FlowDocument;
  /** The shape the file had. @default 'repo' */
  readonly shape?: FlowFileShape;
  /** What the reader had to infer (e.g. the flow type), for the user to check. @default none */
  readonly notes?: readonly string[];
}

/** Every flow file under a folder: those read, and those that could not be. */
export interface RepoFlows {
  readonly flows: readonly LoadedFlow[];
  readonly errors: readonly FlowFormatError[];
}

/**
 * Reads every `*.json` file under `dir` (recursively, sorted by path) as a flow or module.
 * @param dir the flows folder @default `amzconnect-contact-flows/flows`
 */
export function loadRepoFlows(dir: string = FLOWS_DIR): RepoFlows {
  const flows: LoadedFlow[] = [];
  const errors: FlowFormatError[] = [];
  for (const file of listJsonFiles(dir)) {
    const result = readFlowFile(file);
    if (result.ok)
      flows.push({ path: file, document: result.document, shape: result.shape, notes: result.notes });
    else errors.push(result.error);
  }
  return { flows, errors };
}

/** Every `*.json` file under a folder, recursively, sorted; none when the folder does not exist. */
export function listJsonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJsonFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

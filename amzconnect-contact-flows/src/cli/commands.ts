import { CliCommand } from './cli-io';
import * as exportCommand from './commands/export';
import * as lintCommand from './commands/lint';
import * as normalizeCommand from './commands/normalize';
import * as planCommand from './commands/plan';
import * as deployCommand from './commands/deploy';
import * as rollbackCommand from './commands/rollback';
import * as renderCommand from './commands/render';

/** The commands of `npm run flows -- <command>`: one entry per command. */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  lint: lintCommand,
  normalize: normalizeCommand,
  export: exportCommand,
  plan: planCommand,
  deploy: deployCommand,
  rollback: rollbackCommand,
  render: renderCommand,
};

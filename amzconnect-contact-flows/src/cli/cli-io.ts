import type { ConnectClient } from '@aws-sdk/client-connect';

/** What a command may use of the outside world; tests inject their own. */
export interface CliIo {
  /** Writes to standard output (text includes its newlines). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (text includes its newlines). */
  readonly stderr: (text: string) => void;
  /** Folder relative paths resolve against. */
  readonly cwd: string;
  /**
   * Builds the Connect client for a Region.
   * @default `new ConnectClient({ region, retryMode: 'adaptive' })` with the default credential chain
   */
  readonly connectClient?: (region: string | undefined) => ConnectClient;
}

/** A command of `npm run flows -- <command>`: returns the exit code. */
export interface CliCommand {
  /** One line for the usage text. */
  readonly summary: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

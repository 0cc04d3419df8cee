import type { Command } from 'commander';
import type { CliContext } from '../CliContext';

/** Adds one or more subcommands to the program; `setExit` raises the final exit code. */
export type RegisterCommand = (
  program: Command,
  context: () => CliContext,
  setExit: (code: number) => void,
) => void;

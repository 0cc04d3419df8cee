import { registerAssessCommand } from './commands/assessCommand';
import { registerPolicyCommands } from './commands/policyCommands';
import type { RegisterCommand } from './commands/RegisterCommand';
import { registerReplayCommand } from './commands/replayCommand';
import { registerSimulateCommand } from './commands/simulateCommand';
import { registerValidateCommand } from './commands/validateCommand';

/** Every subcommand of `quanzi`, in help order. */
export const commands: readonly RegisterCommand[] = [
  registerValidateCommand,
  registerPolicyCommands,
  registerReplayCommand,
  registerSimulateCommand,
  registerAssessCommand,
];

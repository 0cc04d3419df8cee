import { compileSchema, notPassed, parseInput } from '@quanzi/core';
import { type Command, CommandSchema } from './commandSchemas';

// Compiled once from the schemas themselves, so the two never disagree: every command a
// circle sends, reports and tasks with their nested drafts included (a polygon's ring
// closing is a transform, left to zod).
const compiled = compileSchema(CommandSchema);

/**
 * The validated command, as `parseInput(CommandSchema, input)` returns it: a plain
 * object is checked by a check compiled from the schema (zod/mini has no JIT), and
 * anything that check does not pass, or any other input, by zod itself, which also
 * words the errors.
 */
export function parseCommand(input: unknown): Command {
  if (
    compiled &&
    typeof input === 'object' &&
    input !== null &&
    Object.getPrototypeOf(input) === Object.prototype
  ) {
    const command = compiled(input);
    if (command !== notPassed) return command as Command;
  }
  return parseInput(CommandSchema, input, { path: [] });
}

import * as z from 'zod/mini';

/**
 * Who may see a task or report at all, from widest to narrowest. `officers` and
 * `command` scopes are enforced by built-in rules that custom policy cannot relax.
 */
export const SensitivitySchema = z.enum(['public', 'circle', 'qualified', 'officers', 'command']);

/** One of {@link SensitivitySchema}. */
export type Sensitivity = z.infer<typeof SensitivitySchema>;

import { isQuanziError, type Locale } from '@quanzi/core';
import { Command, CommanderError, Option } from 'commander';
import { version } from '../package.json';
import { type CliContext, type CliIo, say } from './CliContext';
import { commands } from './commands';
import { errorLine } from './errorLine';

const nodeIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  interactive: Boolean(process.stdout.isTTY),
  now: () => new Date(),
});

/**
 * Runs the `quanzi` command line and resolves to the exit code: 0 on success, 1
 * for bad input or a failed check, 2 for a usage error. Errors are one line, never
 * a stack trace.
 *
 * @example
 * const code = await runCli(['validate', 'policy.yaml', '--json']);
 */
export async function runCli(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('quanzi')
    .description('Quanzi: validate, explain, replay, simulate and assess community crowdsourcing.')
    .addOption(new Option('--json', 'machine-readable output').default(false))
    .addOption(
      new Option('--lang <lang>', 'output language').choices(['en', 'zh-CN']).default('en'),
    )
    .version(version, '-V, --version', 'print the version of quanzi')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  const context = (): CliContext => {
    const options = program.opts<{ json: boolean; lang: Locale }>();
    return { io, json: options.json, lang: options.lang };
  };
  for (const register of commands) {
    register(program, context, (code) => {
      exitCode = Math.max(exitCode, code);
    });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander but successes to a user.
      return error.exitCode === 0 ? 0 : 2;
    }
    const { lang } = program.opts<{ lang: Locale }>();
    io.stderr(`${errorLine(error, lang ?? 'en')}\n`);
    if (!isQuanziError(error))
      io.stderr(
        `${say({ io, json: false, lang }, 'This is a bug in quanzi; please report it.', '这是 quanzi 的缺陷，请报告。')}\n`,
      );
    return 1;
  }
}

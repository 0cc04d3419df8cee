// A second process on a PGlite data directory (see dataDirLock.test.ts). With
// `append`, it writes the crash-test commands and reports after each; without, it
// only opens the store. It reports how opening went on stdout as one JSON line.
import { isQuanziError } from '@quanzi/core';
import { createPostgresEventStore } from '../src/index';
import { crashCommands } from './crashCommands';

const [dataDir, mode = 'open'] = process.argv.slice(2);
if (!dataDir) throw new Error('run me from dataDirLock.test.ts');

try {
  const store = await createPostgresEventStore({ dataDir });
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
  if (mode === 'append')
    for (const [index, command] of crashCommands(6, 1).entries()) {
      await store.append(command);
      process.stdout.write(`${JSON.stringify({ appended: index + 1 })}\n`);
    }
  await store.close();
} catch (error) {
  const report = isQuanziError(error)
    ? { code: error.code, path: error.path, issues: error.issues, messages: error.messages }
    : { unexpected: String(error) };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

import { readFileSync } from 'node:fs';
import { domainEventSchemas } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { commandCatalogue } from '../src/commandCatalogue';
import { CommandSchema } from '../src/commandSchemas';
import { commandsDocPath, renderCommandsDoc } from './commandsDoc';

describe('docs/commands.md', () => {
  it('is up to date with the schemas (run `pnpm --filter @quanzi/engine docs:commands`)', () => {
    expect(readFileSync(commandsDocPath, 'utf8')).toBe(renderCommandsDoc());
  });

  it('documents every command and every event', () => {
    const doc = renderCommandsDoc();
    for (const schema of CommandSchema.def.options)
      expect(doc).toContain(`### \`${schema.shape.type.def.values[0]}\``);
    for (const type of Object.keys(domainEventSchemas)) expect(doc).toContain(`### \`${type}\``);
    expect(Object.keys(commandCatalogue).sort()).toEqual(
      CommandSchema.def.options.map((s) => s.shape.type.def.values[0]).sort(),
    );
  });
});

// Renders docs/commands.md from the command schemas, the command catalogue and
// core's event catalogue. `pnpm --filter @quanzi/engine docs:commands` writes it;
// commandsDoc.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DomainEventType, domainEventSchemas } from '@quanzi/core';
import * as z from 'zod/mini';
import { commandCatalogue } from '../src/commandCatalogue';
import { CommandSchema, type CommandType } from '../src/commandSchemas';

/** Where the document lives. */
export const commandsDocPath = join(import.meta.dirname, '..', '..', '..', 'docs', 'commands.md');

type Json = Record<string, unknown> & {
  type?: string;
  properties?: Record<string, Json>;
  required?: string[];
  items?: Json;
  anyOf?: Json[];
  oneOf?: Json[];
  enum?: unknown[];
};

const quote = (value: unknown) => `\`${JSON.stringify(value)}\``;

function typeOf(schema: Json, depth = 0): string {
  if ('const' in schema) return quote(schema.const);
  if (schema.enum) return schema.enum.map(quote).join(' \\| ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((part) => typeOf(part, depth)).join(' \\| ');
  switch (schema.type) {
    case 'string': {
      const limits = [schema.format, schema.maxLength === undefined ? '' : `≤${schema.maxLength}`];
      const detail = limits.filter(Boolean).join(', ');
      return detail ? `string (${detail})` : 'string';
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum;
      const max = schema.maximum;
      return min === undefined && max === undefined
        ? `${schema.type}`
        : `${schema.type} ${min ?? ''}..${max ?? ''}`;
    }
    case 'array':
      return `array of ${schema.items ? typeOf(schema.items, depth) : 'any'}`;
    case 'object': {
      if (depth >= 1 || !schema.properties) return 'object';
      const required = new Set(schema.required ?? []);
      const keys = Object.keys(schema.properties).map((key) =>
        required.has(key) ? key : `${key}?`,
      );
      return `object { ${keys.join(', ')} }`;
    }
    default:
      return schema.type ?? 'any';
  }
}

function fieldTable(schema: z.core.$ZodType, skip: ReadonlySet<string> = new Set()): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const required = new Set(json.required ?? []);
  const rows = Object.entries(json.properties ?? {})
    .filter(([name]) => !skip.has(name))
    .map(
      ([name, field]) =>
        `| \`${name}\` | ${typeOf(field)} | ${required.has(name) ? 'yes' : 'no'} |`,
    );
  if (rows.length === 0) return '_No fields._\n';
  return ['| field | type | required |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

const envelopeFields = new Set(['type', 'idempotencyKey', 'actorId', 'clientTime']);

function commandSection(schema: (typeof CommandSchema.def.options)[number]): string {
  const type = schema.shape.type.def.values[0] as CommandType;
  const info = commandCatalogue[type];
  return [
    `### \`${type}\``,
    '',
    `**Who may send it:** ${info.senders}.`,
    '',
    `**Events:** ${info.events.map((event) => `[\`${event}\`](#${event.replaceAll('.', '')})`).join(', ')}.`,
    '',
    `**Refused by:** ${info.checks}.`,
    '',
    fieldTable(schema, envelopeFields),
  ].join('\n');
}

function eventSection(type: DomainEventType): string {
  const senders = Object.entries(commandCatalogue)
    .filter(([, info]) => info.events.includes(type))
    .map(([command]) => `\`${command}\``);
  return [
    `### \`${type}\``,
    '',
    `**Appended by:** ${senders.length > 0 ? senders.join(', ') : 'no engine command (kept for hosts and other packages)'}.`,
    '',
    fieldTable(domainEventSchemas[type]),
  ].join('\n');
}

/** The whole of docs/commands.md. */
export function renderCommandsDoc(): string {
  const envelope = z.pick(CommandSchema.def.options[0], {
    idempotencyKey: true,
    actorId: true,
    clientTime: true,
  });
  return [
    '# Commands and events',
    '',
    '<!-- Generated from @quanzi/engine (command schemas and catalogue) and @quanzi/core (event',
    '     catalogue) by `pnpm --filter @quanzi/engine docs:commands`. Do not edit by hand. -->',
    '',
    'Every state change in Quanzi is a command sent to `engine.execute(command)` (or queued',
    'offline and sent with `engine.applyBatch(commands)`), which appends events to the log.',
    'Payloads below are JSON; bigger objects follow the JSON Schemas in `docs/schemas/`.',
    '',
    '## Fields every command carries',
    '',
    fieldTable(envelope),
    '`idempotencyKey` is made by the client: a retried command with the same key returns',
    'its first result; the same key with a different command is an `idempotency_mismatch`',
    'error. `clientTime` is when an offline client queued the command.',
    '',
    '## Outcomes and errors',
    '',
    '- `applied` — the events were appended (`replayed: true` for a retry of an applied command).',
    '- `denied` — the rules, the lifecycle or the engine refused; `reasons` carry a code and an',
    '  English and Chinese message. Nothing was written.',
    '- `conflict` — refused because of a change the sender had not seen: a lost race for the',
    "  same stream, or an item changed after the command's `clientTime`. Nothing was written.",
    '- Thrown `QuanziError` (in a batch: an `error` outcome): `invalid_input` (bad payload, with',
    '  the field path), `not_found` (unknown participant, task, report or circle),',
    '  `idempotency_mismatch`, `storage_failure`.',
    '',
    '## Commands',
    '',
    ...CommandSchema.def.options.map(commandSection),
    '## Events',
    '',
    'Each event is a CloudEvents 1.0 envelope (`docs/schemas/event-envelope.json`; as a store',
    'returns it, with its global `position`: `docs/schemas/stored-event.json`) keyed by `circleid`',
    'and numbered within its stream by `streamsequence`; the tables give its `data`.',
    '',
    ...(Object.keys(domainEventSchemas) as DomainEventType[]).map(eventSection),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(commandsDocPath, renderCommandsDoc());
  console.log(`Wrote ${commandsDocPath}`);
}

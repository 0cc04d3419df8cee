import { expectTypeOf, test } from 'vitest';
import type {
  BatchOutcome,
  CommandInput,
  CommandOf,
  CommandOutcome,
  DuplicateCandidate,
  Engine,
  TaskRecord,
} from '../src/index';

test('commands narrow by type', () => {
  expectTypeOf<CommandOf<'task.claim'>['taskId']>().toEqualTypeOf<string>();
  expectTypeOf<CommandOf<'report.submit'>['report']['channel']>().toEqualTypeOf<
    'web' | 'mobile' | 'sms' | 'mini-program' | 'phone' | 'sensor' | 'proxy'
  >();
  // A default makes a field optional on input and present after validation.
  expectTypeOf<CommandOf<'task.submit'>['followUpReports']>().toBeArray();
  expectTypeOf<{
    type: 'task.submit';
    idempotencyKey: string;
    actorId: string;
    taskId: string;
    evidence: [];
  }>().toExtend<CommandInput>();
});

test('outcomes are discriminated by status', () => {
  expectTypeOf<
    Extract<CommandOutcome, { status: 'conflict' }>['streamId']
  >().toEqualTypeOf<string>();
  expectTypeOf<Exclude<BatchOutcome, CommandOutcome>['status']>().toEqualTypeOf<'error'>();
});

test('the snapshot fits useSyncExternalStore', () => {
  expectTypeOf<Engine['subscribe']>().parameter(0).toEqualTypeOf<() => void>();
  expectTypeOf<ReturnType<Engine['getPrivilegedSnapshot']>['tasks']>().toEqualTypeOf<
    ReadonlyArray<TaskRecord>
  >();
});

test('execute is typed by the command union, and the outcome by the command (#16)', () => {
  const engine = {} as Engine;
  const send = () => {
    // @ts-expect-error: not a command type
    void engine.execute({ type: 'task.nope', idempotencyKey: 'k', actorId: 'a' });
    // @ts-expect-error: a claim names its task
    void engine.execute({ type: 'task.claim', idempotencyKey: 'k', actorId: 'a' });
    return engine.execute({
      type: 'task.create',
      idempotencyKey: 'k',
      actorId: 'cmd',
      task: {
        source: { kind: 'officer' },
        category: 'litter',
        title: 'Clear',
        goal: 'Clean',
        location: { type: 'Point', coordinates: [116.39, 39.9] },
      },
    });
  };
  type Created = Extract<Awaited<ReturnType<typeof send>>, { status: 'applied' }>;
  expectTypeOf<Created['taskId']>().toEqualTypeOf<string>();
  expectTypeOf<Created['type']>().toEqualTypeOf<'task.create'>();
  type Submitted = Extract<CommandOutcome<'report.submit'>, { status: 'applied' }>;
  expectTypeOf<Submitted['reportId']>().toEqualTypeOf<string>();
  expectTypeOf<Submitted['duplicates']>().toEqualTypeOf<ReadonlyArray<DuplicateCandidate>>();
  // Commands that create nothing promise no id.
  expectTypeOf<
    Extract<CommandOutcome<'task.claim'>, { status: 'applied' }>['taskId']
  >().toEqualTypeOf<string | undefined>();
  expectTypeOf<Engine['host']['execute']>().parameter(0).toExtend<{ readonly actorId?: string }>();
});

import { expectTypeOf, test } from 'vitest';
import type {
  BatchOutcome,
  CommandInput,
  CommandOf,
  CommandOutcome,
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

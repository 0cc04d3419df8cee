import { isQuanziError } from '@quanzi/core';
import {
  type Action,
  createTaskIndex,
  loadPolicy,
  type NearbyTask,
  type Policy,
  type TaskFacts,
  type TaskIndex,
} from '@quanzi/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionContext, participantFacts, policyDocument, taskFacts } from './arbitraries';
import { center, circle, examplePolicy, facts, now, offset, open } from './fixtures';

type Options = Parameters<TaskIndex['claimableNear']>[2];

function allPages(index: TaskIndex, ...[who, at, options]: Parameters<TaskIndex['claimableNear']>) {
  const items: NearbyTask[] = [];
  let next: number | null = 0;
  while (next !== null) {
    const page = index.claimableNear(who, at, { ...options, offset: next, limit: 7 });
    items.push(...page.items);
    next = page.nextOffset;
  }
  return items;
}

function expectRanked(items: readonly NearbyTask[]) {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1] as NearbyTask, items[i] as NearbyTask];
    expect(a.score > b.score || (a.score === b.score && a.distanceMeters <= b.distanceMeters)).toBe(
      true,
    );
  }
}

const uniqueTasks = (count: number) =>
  fc
    .array(taskFacts, { maxLength: count })
    .map((list) => list.map((item, i) => ({ ...item, task: { ...item.task, id: `t${i}` } })));

describe('createTaskIndex', () => {
  it('finds exactly what deciding every task one by one finds, ranked, on every page', () => {
    fc.assert(
      fc.property(
        policyDocument,
        uniqueTasks(60),
        participantFacts,
        decisionContext,
        fc.constantFrom<Action & ('claim' | 'discover')>('claim', 'discover'),
        (document, tasks, who, context, action) => {
          const policy = loadPolicy(document);
          const index = createTaskIndex(policy);
          for (const task of tasks) index.add(task);
          const at = context.position ?? center;
          const options: Options = { now: context.now, circle: context.circle, action };
          const found = allPages(index, who, at, options);
          const expected = tasks
            .filter(
              (task) => policy.decide(action, who, task, { ...context, position: at }).allowed,
            )
            .map((task) => task.task.id);
          expect(found.map((item) => item.task.task.id).sort()).toEqual(expected.sort());
          expectRanked(found);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('follows adds, replacements and removals through tree rebuilds', () => {
    const policy = examplePolicy('civilized-city');
    // Mostly adds over many ids, so the tree is built (over 256 waiting tasks) and
    // later removals and replacements hit tasks inside it, not only the waiting list.
    const command = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          op: fc.constant('add' as const),
          id: fc.nat(1500),
          east: fc.integer({ min: -1500, max: 1500 }),
          state: fc.constantFrom('published', 'claimed'),
        }),
      },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), id: fc.nat(1500) }) },
    );
    fc.assert(
      fc.property(fc.array(command, { minLength: 600, maxLength: 1200 }), (commands) => {
        const index = createTaskIndex(policy);
        const model = new Map<string, TaskFacts>();
        const query = () =>
          new Set(
            allPages(index, facts(), center, { now, circle: circle() }).map(
              (item) => item.task.task.id,
            ),
          );
        const expected = () =>
          new Set(
            [...model.values()]
              .filter(
                (task) =>
                  policy.decide('claim', facts(), task, {
                    now,
                    circle: circle(),
                    position: center,
                  }).allowed,
              )
              .map((task) => task.task.id),
          );
        commands.forEach((command, step) => {
          const id = `t${command.id}`;
          if (command.op === 'remove') {
            expect(index.remove(id)).toBe(model.delete(id));
          } else {
            const task = open(
              { id, location: { type: 'Point', coordinates: offset(center, command.east, 0) } },
              { state: command.state },
            );
            index.add(task);
            model.set(id, task);
          }
          // Querying along the way rebuilds the tree mid-history, and must already agree.
          if (step % 150 === 149) expect(query()).toEqual(expected());
        });
        expect(index.size).toBe(model.size);
        expect(query()).toEqual(expected());
        for (const [id, task] of model) expect(index.get(id)).toBe(task);
      }),
      // Shrinking a thousand-step history takes minutes; the seed reproduces a failure.
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('indexes more open tasks than a function call takes arguments (150,000)', () => {
    const policy = examplePolicy('civilized-city');
    const index = createTaskIndex(policy);
    const base = open();
    const count = 150_000;
    for (let n = 0; n < count; n++) {
      // Spread over about 3 km east and west of the center.
      const coordinates = offset(center, (n % 3001) - 1500, Math.floor(n / 3001));
      index.add({
        ...base,
        task: { ...base.task, id: `t${n}`, location: { type: 'Point', coordinates } },
      });
    }
    const page = index.claimableNear(facts(), center, { now, circle: circle(), limit: 5 });
    expect(index.size).toBe(count);
    expect(page.items).toHaveLength(5);
    expect(page.items[0]?.distanceMeters).toBeLessThan(2);
  });

  describe('with the civilized-city policy', () => {
    const policy: Policy = examplePolicy('civilized-city');
    const at = (east: number, north = 0) => ({
      type: 'Point' as const,
      coordinates: offset(center, east, north),
    });
    const build = (tasks: TaskFacts[]) => {
      const index = createTaskIndex(policy);
      for (const task of tasks) index.add(task);
      return index;
    };
    const newcomer = facts();
    const options = { now, circle: circle() };

    it('lists bikes a newcomer can claim, nearest first, and leaves out tactile paving and far bikes', () => {
      const index = build([
        open({ id: 'bike-far', location: at(1200) }),
        open({ id: 'bike-600', location: at(600) }),
        open({ id: 'bike-100', location: at(-100) }),
        open({ id: 'paving', category: 'tactile_paving', location: at(50) }),
      ]);
      const page = index.claimableNear(newcomer, center, options);
      expect(page.items.map((item) => item.task.task.id)).toEqual(['bike-100', 'bike-600']);
      expect(page.items[0]?.distanceMeters).toBeCloseTo(100, 0);
      const seen = index.claimableNear(newcomer, center, { ...options, action: 'discover' });
      // The bike's 24-hour SLA makes it more urgent than the paving's week, so it ranks first.
      expect(seen.items.map((item) => item.task.task.id)).toEqual([
        'bike-100',
        'paving',
        'bike-600',
      ]);
    });

    it('ranks an overdue task and a credible publisher above a slightly nearer one', () => {
      const index = build([
        open({ id: 'near', location: at(100), deadline: '2026-12-20T00:00:00Z' }),
        open({ id: 'overdue', location: at(300), deadline: '2026-11-29T08:00:00Z' }),
        open(
          { id: 'credible', location: at(200), deadline: '2026-12-20T00:00:00Z' },
          { publisherCredibility: 1 },
        ),
      ]);
      const ids = (weights?: Options['weights']) =>
        index
          .claimableNear(newcomer, center, { ...options, ...(weights ? { weights } : {}) })
          .items.map((item) => item.task.task.id);
      expect(ids()).toEqual(['overdue', 'credible', 'near']);
      expect(ids({ urgency: 0, credibility: 0 })).toEqual(['near', 'credible', 'overdue']);
      expect(ids({ distance: 0, urgency: 0, credibility: 5 })[0]).toBe('credible');
    });

    it('filters by category and sensitivity and pages without gaps or repeats', () => {
      const tasks = Array.from({ length: 25 }, (_, i) =>
        open({
          id: `t${i}`,
          category: i % 2 ? 'litter' : 'shared_bike_parking',
          location: at(i * 20),
          ...(i % 5 === 0 ? { sensitivity: 'circle' as const } : {}),
        }),
      );
      const index = build(tasks);
      const first = index.claimableNear(newcomer, center, { ...options, limit: 10 });
      const second = index.claimableNear(newcomer, center, { ...options, limit: 10, offset: 10 });
      const third = index.claimableNear(newcomer, center, { ...options, limit: 10, offset: 20 });
      expect([first.nextOffset, second.nextOffset, third.nextOffset]).toEqual([10, 20, null]);
      const all = [...first.items, ...second.items, ...third.items].map(
        (item) => item.task.task.id,
      );
      expect(new Set(all).size).toBe(25);
      const litter = index.claimableNear(newcomer, center, {
        ...options,
        categories: ['litter'],
        limit: 50,
      });
      expect(litter.items.every((item) => item.task.task.category === 'litter')).toBe(true);
      expect(litter.items).toHaveLength(12);
      const publicOnly = index.claimableNear(newcomer, center, {
        ...options,
        sensitivities: ['public'],
        limit: 50,
      });
      expect(publicOnly.items).toHaveLength(20);
    });

    it('returns nothing at all for a suspended participant', () => {
      const index = build([open({ id: 'bike', location: at(10) })]);
      const suspended = facts({ status: 'suspended' });
      expect(index.claimableNear(suspended, center, options)).toEqual({
        items: [],
        nextOffset: null,
      });
    });

    it('rejects bad options with a QuanziError naming the field', () => {
      const index = build([]);
      try {
        index.claimableNear(newcomer, center, { ...options, limit: 0 });
        expect.unreachable();
      } catch (error) {
        expect(isQuanziError(error) && error.code).toBe('invalid_input');
        expect(isQuanziError(error) && error.issues[0]?.path).toEqual(['options', 'limit']);
      }
      expect(() => index.claimableNear(newcomer, [200, 0], options)).toThrow(/position/);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { createCivilizedCity } from '../src/civilizedCity';

const codes = (outcome: { status: string; reasons?: ReadonlyArray<{ code: string }> }) =>
  outcome.status === 'applied' ? [] : (outcome.reasons ?? []).map((r) => r.code);

describe('civilized-city example: shared bike vs tactile paving', () => {
  it('lets anyone nearby fix a shared bike once reviewed, never the publisher', async () => {
    const city = await createCivilizedCity();
    const bike = await city.publish('wang', 'shared_bike_parking', 'Bikes outside the box');
    expect(codes(await city.run('wang', { type: 'task.claim', taskId: bike }))).toEqual([
      'own_task',
    ]);
    // Post-review: before the center looks, only qualified participants may start.
    expect(codes(await city.run('zhou', { type: 'task.claim', taskId: bike }))).toEqual([
      'needs_qualified',
    ]);
    await city.run('center', { type: 'task.review', taskId: bike, decision: 'approved' });
    expect((await city.solve('zhou', bike)).status).toBe('applied');
    expect(city.engine.reputation.profile('zhou', city.now()).solver.accepted).toBe(1);
  });

  it('keeps the tactile paving for trained participants of a high enough tier', async () => {
    const city = await createCivilizedCity();
    const paving = await city.publish('wang', 'tactile_paving', 'Broken tactile paving');
    expect(codes(await city.run('zhou', { type: 'task.claim', taskId: paving }))).toEqual([
      'level_too_low',
      'category_needs_tier',
      'missing_qualification',
    ]);
    expect(codes(await city.run('li', { type: 'task.claim', taskId: paving }))).toEqual([
      'level_too_low',
      'category_needs_tier',
    ]);
    let rounds = 0;
    while (
      city.engine.claimableNear('li').every((item) => item.task.task.id !== paving) &&
      rounds < 40
    ) {
      rounds += 1;
      await city.solve('li', await city.publish('wang', 'shared_bike_parking', `Bikes ${rounds}`));
    }
    expect(rounds).toBeGreaterThan(1);
    expect(rounds).toBeLessThan(40);
    expect(city.engine.reputation.profile('li', city.now()).level.current).toBeGreaterThanOrEqual(
      4,
    );
    expect((await city.solve('li', paving)).status).toBe('applied');
    // A resident of any level still lacks the qualification.
    expect(codes(await city.run('zhou', { type: 'task.claim', taskId: paving }))).not.toEqual([]);
  });
});

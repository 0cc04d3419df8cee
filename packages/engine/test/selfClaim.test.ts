import { loadPolicy } from '@quanzi/rules';
import { describe, expect, it } from 'vitest';
import { harness, taskDraft, xinhuaSpot } from './engineFixtures';

const here = { type: 'Point', coordinates: xinhuaSpot } as const;

const policyAllowing = (publisherCannotClaim: boolean) =>
  loadPolicy({
    version: 1,
    id: 'self-claim',
    name: { en: 'Self claim', 'zh-CN': '自领' },
    tiers: [
      {
        id: 'all',
        name: { en: 'All', 'zh-CN': '全部' },
        minLevel: 0,
        radiusMeters: 2000,
        maxDifficulty: 5,
      },
    ],
    separationOfDuty: { publisherCannotClaim },
  });

async function officerClaimsOwnTask(publisherCannotClaim: boolean) {
  const { run } = await harness({ policy: policyAllowing(publisherCannotClaim) });
  const created = await run('officer', { type: 'task.create', task: taskDraft() });
  const taskId = created.status === 'applied' ? (created.taskId as string) : '';
  await run('officer', { type: 'task.publish', taskId });
  return run('officer', { type: 'task.claim', taskId, at: here });
}

describe('self-claiming has one switch: the policy', () => {
  it('refuses a publisher their own task by default', async () => {
    const outcome = await officerClaimsOwnTask(true);
    expect(outcome.status === 'denied' && outcome.reasons.map((r) => r.code)).toEqual(['own_task']);
  });

  it('lets the publisher claim when the policy allows it, with no host option', async () => {
    expect((await officerClaimsOwnTask(false)).status).toBe('applied');
  });
});

describe('sensors publish their alerts', () => {
  it('lets a sensor create and publish a sensor-source task, and nothing else', async () => {
    const { run } = await harness();
    const source = { kind: 'sensor', sensorId: 'cam7', alertId: 'a-1' };
    const alert = taskDraft(undefined, { source, title: 'Gate forced open' });
    const created = await run('cam7', { type: 'task.create', task: alert });
    expect(created.status).toBe('applied');
    const taskId = created.status === 'applied' ? (created.taskId as string) : '';
    expect((await run('cam7', { type: 'task.publish', taskId })).status).toBe('applied');
    const asOfficer = await run('cam7', { type: 'task.create', task: taskDraft() });
    expect(asOfficer.status === 'denied' && asOfficer.reasons.map((r) => r.code)).toEqual([
      'wrong_source',
    ]);
  });
});

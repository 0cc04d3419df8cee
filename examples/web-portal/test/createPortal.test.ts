import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createManualClock, isQuanziError } from '@quanzi/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actorOf, createPortal } from '../src/createPortal';

// Parsed as the portal's build parses it (vite.config.ts).
const policy: unknown = parse(
  readFileSync(join(import.meta.dirname, '../../policies/civilized-city.yaml'), 'utf8'),
);
const portalAt = () => createPortal({ policy, clock: createManualClock('2026-11-29T08:00:00Z') });
const bikes = { category: 'shared_bike_parking', text: 'Bikes outside the box at the north gate' };

const taskOf = (portal: Awaited<ReturnType<typeof portalAt>>, taskId: string) =>
  portal.engine.getPrivilegedSnapshot().tasks.find((record) => record.task.id === taskId);
const nearbyIds = (portal: Awaited<ReturnType<typeof portalAt>>) =>
  portal.engine.claimableNear(actorOf.volunteer).map((item) => item.task.task.id);

describe('createPortal: the actions behind the screens', () => {
  it('turns a report into a task that the volunteer solves, and counts it in the profile', async () => {
    const portal = await portalAt();
    const sent = await portal.report(bikes);
    expect(sent.status).toBe('applied');
    const reportId = sent.status === 'applied' ? (sent.reportId ?? '') : '';
    const published = await portal.convert(reportId);
    expect(published).toMatchObject({ status: 'applied', type: 'task.publish' });
    const taskId = published.status === 'applied' ? (published.taskId ?? '') : '';
    expect(nearbyIds(portal)).toEqual([taskId]);
    expect((await portal.claim(taskId)).status).toBe('applied');
    expect((await portal.submit(taskId, 'https://evidence.example/gate.jpg')).status).toBe(
      'applied',
    );
    expect(
      portal.engine.reputation.profile(actorOf.volunteer, '2026-11-29T09:00:00Z').solver.accepted,
    ).toBe(0);
    expect(await portal.accept(taskId, 5)).toMatchObject({ status: 'applied', type: 'task.rate' });
    const profile = portal.engine.reputation.profile(actorOf.volunteer, '2026-11-29T09:00:00Z');
    expect(profile.solver.accepted).toBe(1);
    expect(profile.level.current).toBe(1);
    expect(taskOf(portal, taskId)?.task.reportIds).toEqual([reportId]);
  });

  it('leaves the task untouched when the evidence is not a link', async () => {
    const portal = await portalAt();
    const sent = await portal.report(bikes);
    const published = await portal.convert(sent.status === 'applied' ? (sent.reportId ?? '') : '');
    const taskId = published.status === 'applied' ? (published.taskId ?? '') : '';
    await portal.claim(taskId);
    const error = await portal.submit(taskId, 'photo.jpg').catch((e: unknown) => e);
    expect(isQuanziError(error) && error.code).toBe('invalid_input');
    if (!isQuanziError(error)) return;
    expect(error.localized('en')).toMatch(/evidence/);
    expect(error.localized('zh-CN')).toMatch(/evidence/);
    expect(taskOf(portal, taskId)?.snapshot.state).toBe('claimed');
  });

  it('model 2: a resident publishes, the center reviews before anyone may claim', async () => {
    const portal = await portalAt();
    const published = await portal.publish(bikes);
    expect(published).toMatchObject({ status: 'applied', type: 'task.publish' });
    const taskId = published.status === 'applied' ? (published.taskId ?? '') : '';
    expect(taskOf(portal, taskId)?.snapshot.review).toBe('pending');
    expect(nearbyIds(portal)).toEqual([]);
    expect((await portal.review(taskId, 'approved')).status).toBe('applied');
    expect(nearbyIds(portal)).toEqual([taskId]);
  });

  it('refuses tactile paving to a newcomer, with reasons in English and Chinese', async () => {
    const portal = await portalAt();
    const published = await portal.publish({ category: 'tactile_paving', text: 'Broken paving' });
    const taskId = published.status === 'applied' ? (published.taskId ?? '') : '';
    await portal.review(taskId, 'approved');
    const claim = await portal.claim(taskId);
    expect(claim.status).toBe('denied');
    const reasons = claim.status === 'denied' ? claim.reasons : [];
    expect(reasons.map((r) => r.code)).toContain('category_needs_tier');
    for (const reason of reasons) {
      expect(reason.message.en).not.toBe('');
      expect(reason.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(taskOf(portal, taskId)?.snapshot.state).toBe('published');
  });
});

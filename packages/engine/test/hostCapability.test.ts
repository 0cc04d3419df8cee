import { isQuanziError, type ParticipantInput } from '@quanzi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CommandBody, systemId } from '../src/index';
import { harness, key } from './engineFixtures';

const newcomer: ParticipantInput = {
  id: 'n1',
  circleId: 'xinhua',
  kind: 'command',
  displayName: 'Rogue center',
  roles: ['command_center'],
};

describe('host capability', () => {
  it('refuses the host id on the participants’ path with forbidden naming actorId, and changes nothing', async () => {
    const { engine } = await harness();
    const before = engine.getPrivilegedSnapshot();
    const error = await engine
      .execute({
        type: 'participant.register',
        idempotencyKey: key(),
        actorId: systemId,
        participant: newcomer,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isQuanziError(error) && error.code).toBe('forbidden');
    if (!isQuanziError(error)) throw error;
    expect(error.path).toEqual(['actorId']);
    expect(error.message).toContain('actorId');
    expect(error.messages['zh-CN']).toContain('actorId');
    expect(engine.getPrivilegedSnapshot()).toBe(before);
    expect(engine.getProfile({ kind: 'public' }, 'n1')).toBeUndefined();
  });

  it('refuses a host tick sent as a command, and reports it as an error outcome in a batch', async () => {
    const { engine } = await harness();
    const before = engine.getPrivilegedSnapshot().position;
    const [outcome] = await engine.applyBatch([
      { type: 'tick', idempotencyKey: key(), actorId: systemId, now: '2026-11-29T09:00:00Z' },
    ]);
    expect(outcome?.status).toBe('error');
    expect(outcome?.status === 'error' && outcome.error.code).toBe('forbidden');
    expect(engine.getPrivilegedSnapshot().position).toBe(before);
  });

  it('runs host commands as the host whatever actorId they carry', async () => {
    const { engine } = await harness();
    const outcome = await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: key(),
      actorId: 'r1',
      participant: newcomer,
    });
    expect(outcome.status).toBe('applied');
    expect(outcome.status === 'applied' && outcome.events[0]?.actor).toBe(systemId);
  });

  it('gives no participant host power, whatever the command (fast-check, seed 15)', async () => {
    const { engine } = await harness();
    const commands: CommandBody[] = [
      { type: 'participant.register', participant: newcomer },
      { type: 'tick', now: '2026-11-29T09:00:00Z' },
      { type: 'participant.suspend', participantId: 'q1', reason: 'Host test' },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), async (command) => {
        const before = engine.getPrivilegedSnapshot();
        await expect(
          engine.execute({ ...command, idempotencyKey: key(), actorId: systemId }),
        ).rejects.toMatchObject({ code: 'forbidden', path: ['actorId'] });
        expect(engine.getPrivilegedSnapshot()).toBe(before);
      }),
      { seed: 15, numRuns: 40 },
    );
  });
});

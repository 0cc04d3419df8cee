import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createManualClock,
  createSequentialIds,
  type Locale,
  type ParticipantInput,
  type Position,
} from '@quanzi/core';
import { type CommandBody, type CommandOutcome, createEngine, type Engine } from '@quanzi/engine';
import { loadPolicy } from '@quanzi/rules/files';

const policyFile = join(import.meta.dirname, '..', '..', 'policies', 'civilized-city.yaml');
const gate: Position = [116.397, 39.909];
const point = (coordinates: Position) => ({ type: 'Point' as const, coordinates });
const near = (east: number): Position => [gate[0] + east / 85_000, gate[1]];

/** One line of the story: who did what and how the engine answered. */
export interface StoryLine {
  readonly actor: string;
  readonly command: string;
  readonly status: CommandOutcome['status'];
  readonly reasons: readonly string[];
}

/** The city, its people and a log of what happened, for the printout and the tests. */
export interface CivilizedCity {
  readonly engine: Engine;
  readonly story: StoryLine[];
  run(actorId: string, command: Record<string, unknown>): Promise<CommandOutcome>;
  /** Publishes a task as `publisherId` and returns its id. */
  publish(publisherId: string, category: string, title: string): Promise<string>;
  /** Claims, starts and submits `taskId` as `solverId`; the center then accepts and rates. */
  solve(solverId: string, taskId: string): Promise<CommandOutcome>;
  /** The story's clock. */
  now(): string;
}

/**
 * A civilized-city street office in model 2 (residents publish) with post-review:
 * solvers may start at once, while acceptance, rating and rewards wait for the center.
 */
export async function createCivilizedCity(lang: Locale = 'en'): Promise<CivilizedCity> {
  const policy = loadPolicy(readFileSync(policyFile, 'utf8'), { source: 'civilized-city.yaml' });
  const circle = {
    id: 'civilized-city',
    name: policy.document.name,
    model: 'extended' as const,
    review: 'post_review' as const,
  };
  const clock = createManualClock('2026-11-29T08:00:00Z');
  // No probation, so the story's newcomer can earn a high tier in one afternoon.
  const engine = await createEngine({
    circles: [circle],
    policy,
    clock,
    ids: createSequentialIds('city'),
    reputation: { probation: { days: 0, minTasks: 0 } },
  });
  const story: StoryLine[] = [];
  let counter = 0;
  const run = async (actorId: string, command: CommandBody) => {
    counter += 1;
    clock.advance(60_000);
    const outcome = await engine.execute({ ...command, actorId, idempotencyKey: `c${counter}` });
    const reasons =
      outcome.status === 'applied'
        ? []
        : outcome.reasons.map((r) => `${r.code}: ${r.message[lang]}`);
    story.push({ actor: actorId, command: String(command.type), status: outcome.status, reasons });
    return outcome;
  };
  const people: Omit<ParticipantInput, 'circleId'>[] = [
    { id: 'center', kind: 'command', displayName: '街道指挥中心', roles: ['command_center'] },
    { id: 'wang', kind: 'resident', displayName: '王芳', home: point(gate) },
    { id: 'zhou', kind: 'resident', displayName: '周杰', home: point(near(200)) },
    {
      id: 'li',
      kind: 'qualified',
      displayName: '李伟',
      home: point(near(300)),
      qualifications: [
        { code: 'road_repair', issuer: 'City works training', issuedAt: '2026-03-01T00:00:00Z' },
      ],
    },
  ];
  // The host registers the people through its own channel.
  for (const person of people) {
    await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: `reg-${person.id}`,
      participant: { ...person, circleId: circle.id },
    });
  }
  const publish = async (publisherId: string, category: string, title: string) => {
    const created = await run(publisherId, {
      type: 'task.create',
      task: {
        circleId: circle.id,
        source: { kind: 'resident' },
        category,
        title,
        goal: title,
        location: point(near(100)),
      },
    });
    const taskId = created.status === 'applied' ? (created.taskId ?? '') : '';
    await run(publisherId, { type: 'task.publish', taskId });
    return taskId;
  };
  const solve = async (solverId: string, taskId: string) => {
    const claim = await run(solverId, { type: 'task.claim', taskId });
    if (claim.status !== 'applied') return claim;
    await run(solverId, { type: 'task.start', taskId });
    await run(solverId, {
      type: 'task.submit',
      taskId,
      evidence: [{ type: 'image', url: `https://evidence.example/${taskId}.jpg` }],
    });
    // Post-review: the center's review and acceptance come after the work, never skipped.
    const task = engine.getPrivilegedSnapshot().tasks.find((t) => t.task.id === taskId);
    if (task?.snapshot.review === 'pending')
      await run('center', { type: 'task.review', taskId, decision: 'approved' });
    const accepted = await run('center', { type: 'task.accept', taskId });
    await run('center', { type: 'task.rate', taskId, participantId: solverId, rating: 5 });
    return accepted;
  };
  return { engine, story, run, publish, solve, now: () => clock.now() };
}

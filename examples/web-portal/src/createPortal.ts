import {
  type Clock,
  createSequentialIds,
  type IdSource,
  type Position,
  parseInput,
} from '@quanzi/core';
import {
  type CommandBody,
  type CommandOutcome,
  createEngine,
  type Engine,
  SubmitWorkSchema,
} from '@quanzi/engine';
import { loadPolicy, type Policy } from '@quanzi/rules';

/** The three people the portal lets you act as. */
export type Role = 'resident' | 'volunteer' | 'center';

/** Who acts for each role in the seeded circle. */
export const actorOf: Readonly<Record<Role, string>> = {
  resident: 'wang',
  volunteer: 'li',
  center: 'center',
};

/** The square in front of the seeded street office, where everybody lives. */
const square: Position = [116.397, 39.909];
const point = (coordinates: Position) => ({ type: 'Point' as const, coordinates });
// About 100 m east: reports land near, not on, the people's homes.
const nearby = point([square[0] + 0.0012, square[1]]);

/** What a resident reports: a category of the policy and what they saw. */
export interface ProblemInput {
  readonly category: string;
  readonly text: string;
}

/** The SDK embedded in the page, with the actions the screens offer. */
export interface Portal {
  readonly engine: Engine;
  readonly policy: Policy;
  readonly circleId: string;
  /** A resident sends a report; the command center decides what it becomes. */
  report(problem: ProblemInput): Promise<CommandOutcome>;
  /** Model 2: a resident publishes a task directly; the center still reviews it. */
  publish(problem: ProblemInput): Promise<CommandOutcome>;
  /** The center triages a report and turns it into a published task. */
  convert(reportId: string): Promise<CommandOutcome>;
  review(taskId: string, decision: 'approved' | 'returned'): Promise<CommandOutcome>;
  claim(taskId: string): Promise<CommandOutcome>;
  /** The volunteer starts (when not started yet) and submits the work with its evidence. */
  submit(taskId: string, evidenceUrl: string): Promise<CommandOutcome>;
  /** The center accepts the work and rates the volunteer. */
  accept(taskId: string, rating: number): Promise<CommandOutcome>;
}

/** What {@link createPortal} needs: the policy file's text, and optionally time and ids. */
export interface PortalOptions {
  /**
   * The circle's policy document as data: the build parses the YAML file (vite.config.ts),
   * so the page carries no YAML parser.
   */
  readonly policy: unknown;
  readonly clock?: Clock;
  readonly ids?: IdSource;
}

const systemClock: Clock = { now: () => new Date().toISOString() };

/**
 * Creates the in-memory engine of one civilized-city circle, seeded with its command
 * center, a qualified volunteer and a resident, and the actions the screens call.
 *
 * @example
 * const portal = await createPortal({ policy });
 * const sent = await portal.report({ category: 'litter', text: 'Rubbish by the gate' });
 */
export async function createPortal(options: PortalOptions): Promise<Portal> {
  const policy = loadPolicy(options.policy, { source: 'civilized-city.yaml' });
  const ids = options.ids ?? createSequentialIds('web');
  const circle = { id: policy.document.id, name: policy.document.name, model: 'extended' as const };
  const engine = await createEngine({
    circles: [circle],
    policy,
    clock: options.clock ?? systemClock,
    ids,
  });
  const run = (actorId: string, command: CommandBody) =>
    engine.execute({ ...command, actorId, idempotencyKey: ids.next('command') });
  const center = (command: CommandBody) => run(actorOf.center, command);
  const volunteer = (command: CommandBody) => run(actorOf.volunteer, command);

  await engine.host.applyBatch(
    seedPeople(circle.id).map((participant) => ({
      type: 'participant.register',
      idempotencyKey: `seed-${participant.id}`,
      participant,
    })),
  );

  const draftOf = (problem: ProblemInput) => ({
    category: problem.category,
    title: problem.text.slice(0, 200),
    goal: problem.text,
    location: nearby,
  });
  const stateOf = (taskId: string) =>
    engine.getPrivilegedSnapshot().tasks.find((record) => record.task.id === taskId)?.snapshot
      .state;

  return {
    engine,
    policy,
    circleId: circle.id,
    report: (problem) =>
      run(actorOf.resident, {
        type: 'report.submit',
        report: { circleId: circle.id, channel: 'web', ...problem, location: nearby },
      }),
    async publish(problem) {
      const created = await run(actorOf.resident, {
        type: 'task.create',
        task: { circleId: circle.id, source: { kind: 'resident' }, ...draftOf(problem) },
      });
      if (created.status !== 'applied' || created.taskId === undefined) return created;
      return run(actorOf.resident, { type: 'task.publish', taskId: created.taskId });
    },
    async convert(reportId) {
      const record = engine.getPrivilegedSnapshot().reports.find((r) => r.report.id === reportId);
      if (record?.snapshot.state === 'received') {
        const triaged = await center({ type: 'report.prioritize', reportId, priority: 3 });
        if (triaged.status !== 'applied') return triaged;
      }
      // A report without a category or text fails the task schema: the center sees why.
      const converted = await center({
        type: 'report.convert',
        reportId,
        task: draftOf({ category: record?.report.category ?? '', text: record?.report.text ?? '' }),
      });
      if (converted.status !== 'applied' || converted.taskId === undefined) return converted;
      return center({ type: 'task.publish', taskId: converted.taskId });
    },
    review: (taskId, decision) => center({ type: 'task.review', taskId, decision }),
    claim: (taskId) => volunteer({ type: 'task.claim', taskId }),
    async submit(taskId, evidenceUrl) {
      const submission = {
        type: 'task.submit' as const,
        taskId,
        evidence: [{ type: 'image' as const, url: evidenceUrl }],
        actorId: actorOf.volunteer,
        idempotencyKey: ids.next('command'),
      };
      // Checked before starting, so bad evidence leaves the task as it was.
      parseInput(SubmitWorkSchema, submission);
      if (stateOf(taskId) === 'claimed') {
        const started = await volunteer({ type: 'task.start', taskId });
        if (started.status !== 'applied') return started;
      }
      return engine.execute(submission);
    },
    async accept(taskId, rating) {
      const accepted = await center({ type: 'task.accept', taskId });
      if (accepted.status !== 'applied') return accepted;
      return center({ type: 'task.rate', taskId, participantId: actorOf.volunteer, rating });
    },
  };
}

function seedPeople(circleId: string) {
  const home = point(square);
  return [
    {
      id: actorOf.center,
      circleId,
      kind: 'command',
      displayName: '街道指挥中心 Street command center',
      roles: ['command_center'],
    },
    {
      id: actorOf.volunteer,
      circleId,
      kind: 'qualified',
      displayName: '李伟 Li Wei',
      roles: ['safety_volunteer'],
      home,
    },
    { id: actorOf.resident, circleId, kind: 'resident', displayName: '王芳 Wang Fang', home },
  ];
}

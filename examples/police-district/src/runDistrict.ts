import {
  createManualClock,
  createSequentialIds,
  type EventStore,
  type Random,
  type StoredEvent,
} from '@quanzi/core';
import { createSeededRandom } from '@quanzi/core/prng';
import { type CommandBody, type CommandOutcome, createEngine, type Engine } from '@quanzi/engine';
import { district, roster, spotIn } from './district';
import { districtPolicy } from './districtPolicy';
import {
  geometryFor,
  officerCategories,
  pick,
  rates,
  reportKinds,
  routedElsewhere,
  upstreamCategories,
} from './happenings';

/** Options for {@link runDistrict}. */
export interface DistrictRunOptions {
  readonly days: number;
  readonly seed: number;
  /** The log; the engine's in-memory store when omitted. */
  readonly store?: EventStore;
  readonly start?: string;
  readonly onDay?: (day: number) => void;
}

/** What a run leaves behind: the engine, the whole log, and how many commands were refused. */
export interface DistrictRun {
  readonly engine: Engine;
  readonly events: StoredEvent[];
  readonly now: string;
  readonly refused: number;
  readonly commands: number;
}

const hour = 3_600_000;

/**
 * Runs the police district hour by hour on the real engine: arrivals from all
 * sources, the command center's triage and review, qualified participants
 * claiming what the policy lets them see nearby, work, acceptance and ratings.
 */
export async function runDistrict(options: DistrictRunOptions): Promise<DistrictRun> {
  const start = Date.parse(options.start ?? '2026-11-01T00:00:00Z');
  const random = createSeededRandom(options.seed);
  const people = roster(random.fork());
  const arrivals = random.fork();
  const behaviour = random.fork();
  const clock = createManualClock(start);
  const policy = districtPolicy();
  const engine = await createEngine({
    circles: [district],
    policy,
    clock,
    ids: createSequentialIds('pd'),
    routes: Object.entries(routedElsewhere).map(([category, to]) => ({ category, to })),
    // The district shortens probation to a week so newcomers can level up within the month.
    reputation: { probation: { days: 7 } },
    ...(options.store ? { store: options.store } : {}),
  });
  let commands = 0;
  let refused = 0;
  const run = async (actorId: string, command: CommandBody): Promise<CommandOutcome> => {
    commands += 1;
    const outcome = await engine.execute({ ...command, actorId, idempotencyKey: `k${commands}` });
    if (outcome.status !== 'applied') {
      refused += 1;
      if (process.env.DEBUG_DISTRICT) console.log(command.type, JSON.stringify(outcome.reasons));
    }
    return outcome;
  };
  // The host registers the people; it acts through its own channel, never as a participant.
  for (const participant of people)
    await engine.host.execute({
      type: 'participant.register',
      idempotencyKey: `reg-${participant.id}`,
      participant,
    });

  const falseReports = new Set<string>();
  const solvers = people
    .filter((p) => p.kind === 'qualified' || p.kind === 'officer')
    .map((p) => p.id);
  const residents = people.filter((p) => p.kind === 'resident').map((p) => p.id);
  const qualified = people.filter((p) => p.kind === 'qualified').map((p) => p.id);
  const gridWorkers = people.filter((p) => p.roles?.includes('grid_worker')).map((p) => p.id);
  const happens = (perDay: number) => arrivals.next() < perDay / 24;

  for (let h = 0; h < options.days * 24; h += 1) {
    clock.set(start + h * hour);
    const daytime = h % 24 >= 7 && h % 24 <= 21;
    await arrive(arrivals, run, happens, { residents, qualified, gridWorkers, falseReports, h });
    await triage(engine, behaviour, run, falseReports);
    await oversee(engine, run);
    if (daytime) await claimNearby(engine, behaviour, run, solvers);
    await work(engine, behaviour, run);
    await engine.tick(clock.now());
    if (h % 24 === 23) options.onDay?.(h / 24 + 1);
  }
  return { engine, events: await engine.store.readAll(), now: clock.now(), refused, commands };
}

type Run = (actorId: string, command: CommandBody) => Promise<CommandOutcome>;
type NewTask = Extract<CommandBody, { type: 'task.create' }>['task'];

async function arrive(
  random: Random,
  run: Run,
  happens: (perDay: number) => boolean,
  who: {
    residents: string[];
    qualified: string[];
    gridWorkers: string[];
    falseReports: Set<string>;
    h: number;
  },
) {
  const task = (
    category: string,
    source: NewTask['source'],
    extra: Partial<NewTask> = {},
  ): CommandBody => ({
    type: 'task.create',
    task: {
      source,
      category,
      title: category.replaceAll('_', ' '),
      goal: `Handle ${category.replaceAll('_', ' ')}`,
      location: geometryFor(category, spotIn(random)),
      rewardPoints: 10 + random.int(0, 4) * 5,
      ...extra,
    },
  });
  if (happens(rates.upstreamDispatch)) {
    const category = pick(random, upstreamCategories);
    await run(
      'upstream',
      task(
        category,
        { kind: 'upstream', dispatchId: `D-${who.h}` },
        category === 'patrol_area' ? { slots: 2 } : {},
      ),
    );
  }
  if (happens(rates.officerFinding)) {
    await run(
      pick(random, ['officer-community', 'officer-security']),
      task(pick(random, officerCategories), { kind: 'officer' }),
    );
  }
  if (happens(rates.sensorAlert)) {
    const sensorId = pick(random, ['camera-7', 'gate-2']);
    await run(
      'command',
      task('suspicious_watch', { kind: 'sensor', sensorId, alertId: `A-${who.h}` }),
    );
  }
  const report = async (reporterId: string, proxy: boolean) => {
    const kind = pick(random, reportKinds);
    const outcome = await run(reporterId, {
      type: 'report.submit',
      report: {
        channel: proxy ? 'proxy' : pick(random, ['mobile', 'mini-program', 'web', 'phone']),
        ...(proxy ? { proxyFor: { name: '张大爷', contact: '门卫室' } } : {}),
        category: kind.category,
        text: kind.text,
        location: { type: 'Point', coordinates: spotIn(random) },
      },
    });
    if (outcome.status === 'applied' && outcome.reportId && random.next() < 0.1)
      who.falseReports.add(outcome.reportId);
  };
  if (happens(rates.residentReport)) {
    const proxy = random.next() < 0.15;
    await report(proxy ? pick(random, who.gridWorkers) : pick(random, who.residents), proxy);
  }
  if (happens(rates.qualifiedReport)) await report(pick(random, who.qualified), false);
}

async function triage(engine: Engine, random: Random, run: Run, falseReports: Set<string>) {
  for (const { report, snapshot } of engine.getPrivilegedSnapshot().reports) {
    if (snapshot.state !== 'received' && snapshot.state !== 'triaged') continue;
    const id = report.id;
    if (falseReports.has(id)) {
      await run('command', {
        type: 'report.dismiss',
        reportId: id,
        verdict: random.next() < 0.2 ? 'malicious' : 'false',
      });
      continue;
    }
    const category = report.category ?? 'hazard_screening';
    const duplicateOf = engine
      .getPrivilegedSnapshot()
      .reports.find(
        (other) =>
          other.report.id !== id &&
          other.snapshot.taskId &&
          other.report.category === category &&
          other.snapshot.state === 'converted' &&
          Date.parse(report.receivedAt) - Date.parse(other.report.receivedAt) < 6 * hour &&
          distance(other.report.location?.coordinates, report.location?.coordinates) < 0.002,
      );
    if (duplicateOf) {
      await run('command', {
        type: 'report.link',
        reportId: id,
        duplicateOf: { kind: 'report', id: duplicateOf.report.id },
      });
      continue;
    }
    const task = {
      category,
      title: report.text.slice(0, 40),
      goal: report.text,
      location: report.location ?? { type: 'Point', coordinates: [116.397, 39.909] },
      rewardPoints: 15,
    };
    if (snapshot.state === 'received')
      await run('command', { type: 'report.prioritize', reportId: id, priority: 3 });
    await run('command', { type: 'report.convert', reportId: id, task });
  }
}

const distance = (a?: readonly number[], b?: readonly number[]) =>
  a && b
    ? Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0))
    : Number.POSITIVE_INFINITY;

// The publisher puts its drafts on the platform; the command center reviews every one.
async function oversee(engine: Engine, run: Run) {
  for (const { task, snapshot } of engine.getPrivilegedSnapshot().tasks) {
    if (snapshot.state === 'draft')
      await run(task.publisherId, { type: 'task.publish', taskId: task.id });
    if (snapshot.review === 'pending' && snapshot.state !== 'draft') {
      await run('command', { type: 'task.review', taskId: task.id, decision: 'approved' });
    }
  }
}

async function claimNearby(engine: Engine, random: Random, run: Run, solvers: string[]) {
  const busy = new Set(
    engine
      .getPrivilegedSnapshot()
      .tasks.filter(({ snapshot }) => ['claimed', 'in_progress', 'rework'].includes(snapshot.state))
      .flatMap(({ snapshot }) => snapshot.claims.map((claim) => claim.claimantId)),
  );
  for (const solver of solvers) {
    if (busy.has(solver) || random.next() > 0.2) continue;
    const best = engine.claimableNear(solver, { limit: 3 }).find((item) => item.claimable);
    if (best) await run(solver, { type: 'task.claim', taskId: best.task.task.id });
  }
}

async function work(engine: Engine, random: Random, run: Run) {
  for (const { task, snapshot } of engine.getPrivilegedSnapshot().tasks) {
    const taskId = task.id;
    const holder = snapshot.claims[0]?.claimantId;
    if (snapshot.state === 'claimed' && holder && random.next() < 0.6) {
      for (const claim of snapshot.claims)
        await run(claim.claimantId, { type: 'task.start', taskId });
    } else if (
      (snapshot.state === 'in_progress' || snapshot.state === 'rework') &&
      holder &&
      random.next() < 0.35
    ) {
      const evidence = [{ type: 'image' as const, url: `https://evidence.example/${taskId}.jpg` }];
      await run(holder, { type: 'task.submit', taskId, evidence, note: '已处理 / done' });
    } else if (snapshot.state === 'submitted') {
      // Only the command center accepts, rejects and rates (oversight never disappears).
      const verifier = 'command';
      const roll = random.next();
      if (roll < 0.85) {
        await run(verifier, { type: 'task.accept', taskId });
        for (const claim of snapshot.claims) {
          const rating = random.int(3, 5);
          await run(verifier, {
            type: 'task.rate',
            taskId,
            participantId: claim.claimantId,
            rating,
          });
          if (rating === 5 && random.next() < 0.1) {
            await run(verifier, {
              type: 'task.mark_classic',
              taskId,
              participantId: claim.claimantId,
            });
          }
        }
      } else if (roll < 0.95) {
        await run(verifier, { type: 'task.rework', taskId, reasons: [{ code: 'incomplete' }] });
      } else if (holder) {
        await run(verifier, { type: 'task.reject', taskId, reasons: [{ code: 'poor_quality' }] });
      }
    }
  }
}

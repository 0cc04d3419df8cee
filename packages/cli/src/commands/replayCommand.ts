import { CircleSchema, createManualClock, createSequentialIds, parseInput } from '@quanzi/core';
import { type BatchOutcome, createEngine, systemId } from '@quanzi/engine';
import { say } from '../CliContext';
import { circleOf } from '../policyMatrix';
import { readDataFile, readJsonLines } from '../readDataFile';
import { readPolicy } from './policyCommands';
import type { RegisterCommand } from './RegisterCommand';

const start = '2026-01-01T00:00:00Z';

function refusalOf(outcome: BatchOutcome, line: number) {
  if (outcome.status === 'applied') return null;
  const codes =
    outcome.status === 'error'
      ? [outcome.error.code]
      : outcome.reasons.map((reason) => reason.code);
  return {
    line,
    type: outcome.type,
    idempotencyKey: outcome.idempotencyKey,
    status: outcome.status,
    codes,
  };
}

/**
 * `quanzi replay <commands.jsonl> --policy P`: runs a command log through a fresh
 * in-memory engine. Time follows the log: each command's `clientTime` (or a tick's
 * `now`) moves the clock forward, so the same log always gives the same result.
 */
export const registerReplayCommand: RegisterCommand = (program, context) => {
  program
    .command('replay')
    .description('run a command log through the engine; print tasks, profiles, levels and refusals')
    .argument('<commands>', 'commands as JSON Lines')
    .requiredOption('--policy <file>', 'policy file (YAML or JSON)')
    .option('--circle <file>', 'the circle (default: described by the policy)')
    .option('--start <instant>', 'clock before the first command', start)
    .action(async (file: string, options: { policy: string; circle?: string; start: string }) => {
      const ctx = context();
      const policy = readPolicy(ctx.io.cwd, options.policy);
      const circle = options.circle
        ? parseInput(CircleSchema, readDataFile(ctx.io.cwd, options.circle).data, {
            source: options.circle,
          })
        : circleOf(policy);
      const commands = readJsonLines(ctx.io.cwd, file);
      const clock = createManualClock(options.start);
      const engine = await createEngine({
        circles: [circle],
        policy,
        clock,
        ids: createSequentialIds('replay'),
      });
      const outcomes: BatchOutcome[] = [];
      for (const command of commands) {
        const record = command as { clientTime?: unknown; now?: unknown };
        const time = typeof record.now === 'string' ? record.now : record.clientTime;
        if (typeof time === 'string' && Date.parse(time) > Date.parse(clock.now())) clock.set(time);
        // The replayed log is the operator's: commands it attributes to the host run as the host.
        const batch =
          (command as { actorId?: unknown }).actorId === systemId
            ? engine.host.applyBatch
            : engine.applyBatch;
        outcomes.push(...(await batch([command])));
      }
      const now = clock.now();
      const snapshot = engine.getPrivilegedSnapshot();
      const result = {
        commands: commands.length,
        applied: outcomes.filter((outcome) => outcome.status === 'applied').length,
        refused: outcomes.flatMap((outcome, i) => refusalOf(outcome, i + 1) ?? []),
        tasks: snapshot.tasks.map(({ task, snapshot: s }) => ({
          id: task.id,
          category: task.category,
          state: s.state,
          closure: s.closure?.reason ?? null,
          claimants: s.claims.map((claim) => claim.claimantId),
        })),
        participants: snapshot.participants.map(({ participant }) => {
          const profile = engine.reputation.profile(participant.id, now);
          return {
            id: participant.id,
            kind: participant.kind,
            level: profile.level.current,
            accepted: profile.solver.accepted,
            credibility: profile.reporter.credibility,
          };
        }),
      };
      if (ctx.json) {
        ctx.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const lines = [
        say(
          ctx,
          `${result.applied}/${result.commands} commands applied`,
          `已执行 ${result.applied}/${result.commands} 条命令`,
        ),
        say(ctx, 'Tasks:', '任务：'),
        ...result.tasks.map(
          (t) =>
            `  ${t.id}  ${t.category}  ${t.state}${t.closure ? ` (${t.closure})` : ''}  ${t.claimants.join(',')}`,
        ),
        say(ctx, 'Participants:', '参与者：'),
        ...result.participants.map(
          (p) =>
            `  ${p.id}  ${p.kind}  L${p.level}  accepted=${p.accepted}  credibility=${p.credibility.toFixed(2)}`,
        ),
        say(ctx, 'Refused:', '被拒绝：'),
        ...result.refused.map(
          (r) => `  line ${r.line}: ${r.type ?? '?'} ${r.status} ${r.codes.join(',')}`,
        ),
      ];
      ctx.io.stdout(`${lines.join('\n')}\n`);
    });
};

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ParticipantSchema, type Position, parseInput, plural, TaskSchema } from '@quanzi/core';
import { ActionSchema, type Policy } from '@quanzi/rules';
import { loadPolicy } from '@quanzi/rules/files';
import type { Command } from 'commander';
import { emit, say } from '../CliContext';
import { diffPolicies } from '../diffPolicies';
import { loadDataFile } from '../loadDataFile';
import { circleOf, policyMatrix } from '../policyMatrix';
import { readDataFile } from '../readDataFile';
import { renderMatrixHtml, renderMatrixText } from '../renderMatrix';
import { renderPolicyDiff } from '../renderPolicyDiff';
import type { RegisterCommand } from './RegisterCommand';

/** Loads a policy file, naming it and the line and column of each bad field in any error. */
export function readPolicy(cwd: string, file: string): Policy {
  return loadDataFile(cwd, file, (text, format) => loadPolicy(text, { format, source: file }));
}

function participantFacts(data: unknown, source: string) {
  const record = (data ?? {}) as Record<string, unknown>;
  if ('participant' in record) {
    const participant = parseInput(ParticipantSchema, record.participant, {
      source,
      path: ['participant'],
    });
    const level = typeof record.level === 'number' ? record.level : 0;
    const tags = Array.isArray(record.tags) ? record.tags.map(String) : [];
    const credibility = typeof record.credibility === 'number' ? record.credibility : undefined;
    return { participant, level, tags, ...(credibility === undefined ? {} : { credibility }) };
  }
  return { participant: parseInput(ParticipantSchema, data, { source }), level: 0, tags: [] };
}

function taskFacts(data: unknown, source: string) {
  const record = (data ?? {}) as Record<string, unknown>;
  if ('task' in record) {
    const task = parseInput(TaskSchema, record.task, { source, path: ['task'] });
    const state = typeof record.state === 'string' ? record.state : 'published';
    const claimantIds = Array.isArray(record.claimantIds) ? record.claimantIds.map(String) : [];
    return { task, state, claimantIds };
  }
  return { task: parseInput(TaskSchema, data, { source }), state: 'published', claimantIds: [] };
}

const parsePosition = (text: string): Position => {
  const [lng, lat] = text.split(',').map(Number);
  return [lng ?? Number.NaN, lat ?? Number.NaN];
};

/** `quanzi explain`, `quanzi matrix` and `quanzi diff-policy`. */
export const registerPolicyCommands: RegisterCommand = (program: Command, context, setExit) => {
  program
    .command('explain')
    .description(
      'explain whether a participant may act on a task, and what would change the answer',
    )
    .requiredOption('--policy <file>', 'policy file (YAML or JSON)')
    .requiredOption(
      '--participant <file>',
      'participant, or { participant, level, tags, credibility }',
    )
    .requiredOption('--task <file>', 'task, or { task, state, claimantIds }')
    .option('--action <action>', 'discover | view | claim | publish | verify', 'claim')
    .option('--at <lng,lat>', 'where the participant stands (default: home)')
    .option('--now <instant>', 'decision time, ISO 8601 (default: the current time)')
    .action((options: Record<string, string>) => {
      const ctx = context();
      const policy = readPolicy(ctx.io.cwd, options.policy as string);
      const action = parseInput(ActionSchema, options.action, { path: ['--action'] });
      const participant = participantFacts(
        readDataFile(ctx.io.cwd, options.participant as string).data,
        options.participant as string,
      );
      const task = taskFacts(
        readDataFile(ctx.io.cwd, options.task as string).data,
        options.task as string,
      );
      const position = options.at ? parsePosition(options.at) : undefined;
      const decision = policy.decide(action, participant, task, {
        now: options.now ?? (ctx.io.now?.() ?? new Date()).toISOString(),
        circle: circleOf(policy, task.task.circleId),
        ...(position ? { position } : {}),
      });
      emit(ctx, decision, () => {
        const verdict = decision.allowed
          ? say(ctx, 'ALLOWED', '允许')
          : say(ctx, 'DENIED', '不允许');
        const lines = [`${action} ${task.task.id} by ${participant.participant.id}: ${verdict}`];
        for (const reason of decision.reasons)
          lines.push(`  - [${reason.code}] ${reason.message[ctx.lang]}`);
        if (decision.unlock.length > 0)
          lines.push(say(ctx, 'What would change it:', '如何改变结果：'));
        for (const unlock of decision.unlock) lines.push(`  → ${unlock.message[ctx.lang]}`);
        return lines.join('\n');
      });
    });

  program
    .command('matrix')
    .description(
      'the policy as a table: each role/level × category × action, allowed or not and why',
    )
    .requiredOption('--policy <file>', 'policy file (YAML or JSON)')
    .option('--html <file>', 'also write the table as an HTML page')
    .action((options: { policy: string; html?: string }) => {
      const ctx = context();
      const matrix = policyMatrix(readPolicy(ctx.io.cwd, options.policy));
      if (options.html)
        writeFileSync(resolve(ctx.io.cwd, options.html), renderMatrixHtml(matrix, ctx.lang));
      emit(ctx, matrix, () => renderMatrixText(matrix, ctx.lang));
    });

  program
    .command('diff-policy')
    .description('which rights a policy change gives or takes, level by level')
    .argument('<old>', 'the policy in force')
    .argument('<new>', 'the proposed policy')
    .action((oldFile: string, newFile: string) => {
      const ctx = context();
      const before = readPolicy(ctx.io.cwd, oldFile);
      const after = readPolicy(ctx.io.cwd, newFile);
      const changes = diffPolicies(before, after);
      emit(ctx, { changes }, () =>
        changes.length === 0
          ? say(ctx, 'No change in who may do what.', '谁能做什么没有任何变化。')
          : `${
              plural(
                changes.length,
                { one: '1 change in who may do what:', other: '# changes in who may do what:' },
                { other: '谁能做什么共有 # 处变化：' },
              )[ctx.lang]
            }\n${renderPolicyDiff(changes, before, after, ctx.lang)}`,
      );
      setExit(0);
    });
};

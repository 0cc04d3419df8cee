import {
  type AnyLifecycleDefinition,
  type Route,
  reportDefinition,
  taskDefinition,
} from '@quanzi/lifecycle';
import { reportMachine, taskMachine, toMermaid } from '@quanzi/lifecycle/xstate';

/**
 * Who may send each command, read from the table itself: the states that take it
 * and the checks that guard it there, so the docs cannot say what the code does not.
 */
function permissionTable(definition: AnyLifecycleDefinition): string {
  const byCommand = new Map<string, Map<string, string[]>>();
  for (const [state, node] of Object.entries(definition.states))
    for (const [type, route] of Object.entries(
      node.on as Record<string, Route<string, unknown, unknown, unknown>>,
    )) {
      const checks = route.checks.map((check) => check.name).join(', ') || 'none';
      const states = byCommand.get(type) ?? new Map<string, string[]>();
      states.set(checks, [...(states.get(checks) ?? []), state]);
      byCommand.set(type, states);
    }
  const rows = [...byCommand].flatMap(([type, states]) =>
    [...states].map(([checks, where]) => `| \`${type}\` | ${where.join(', ')} | ${checks} |`),
  );
  return ['| command | in states | checks (all must pass) |', '| --- | --- | --- |', ...rows].join(
    '\n',
  );
}

/** The generated lifecycle diagrams: repository-relative path and Markdown content. */
export function diagramFiles(): { path: string; content: string }[] {
  const page = (
    title: string,
    machineName: string,
    mermaid: string,
    definition: AnyLifecycleDefinition,
  ) =>
    [
      `# ${title}`,
      '',
      `Generated from \`${machineName}\` by \`packages/lifecycle/scripts/diagrams.ts\`; do not edit.`,
      'Each arrow is a command; the brackets list the checks that guard it and the condition',
      'that picks the branch.',
      '',
      '```mermaid',
      mermaid.trimEnd(),
      '```',
      '',
      '## Who may send each command',
      '',
      permissionTable(definition),
      '',
    ].join('\n');
  return [
    {
      path: 'docs/lifecycle/task.md',
      content: page('Task lifecycle', 'taskMachine', toMermaid(taskMachine), taskDefinition),
    },
    {
      path: 'docs/lifecycle/report.md',
      content: page(
        'Report lifecycle',
        'reportMachine',
        toMermaid(reportMachine),
        reportDefinition,
      ),
    },
  ];
}

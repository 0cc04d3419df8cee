import { reportMachine, taskMachine, toMermaid } from '@quanzi/lifecycle';

/** The generated lifecycle diagrams: repository-relative path and Markdown content. */
export function diagramFiles(): { path: string; content: string }[] {
  const page = (title: string, machineName: string, mermaid: string) =>
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
    ].join('\n');
  return [
    {
      path: 'docs/lifecycle/task.md',
      content: page('Task lifecycle', 'taskMachine', toMermaid(taskMachine)),
    },
    {
      path: 'docs/lifecycle/report.md',
      content: page('Report lifecycle', 'reportMachine', toMermaid(reportMachine)),
    },
  ];
}

import type { AnyStateMachine } from 'xstate';

/**
 * A Mermaid `stateDiagram-v2` of an xstate machine, read from the machine itself:
 * every state with its description, every transition labelled with its command
 * and the checks that guard it. Self-transitions show as loops.
 *
 * @example
 * writeFileSync('docs/lifecycle/task.md', '```mermaid\n' + toMermaid(taskMachine) + '```\n');
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${String(machine.root.initial?.target[0]?.key)}`];
  for (const node of Object.values(machine.root.states)) {
    if (node.description) lines.push(`  ${node.key} : ${node.key} — ${node.description}`);
    for (const [command, transitions] of node.transitions)
      for (const transition of transitions) {
        const target = transition.target?.[0]?.key ?? node.key;
        const label = transition.description ? `${command} [${transition.description}]` : command;
        // Mermaid reads ':' and ';' as syntax inside labels.
        lines.push(`  ${node.key} --> ${target} : ${label.replaceAll(/[:;]/g, ' ')}`);
      }
    if (Object.keys(node.on).length === 0) lines.push(`  ${node.key} --> [*]`);
  }
  return `${lines.join('\n')}\n`;
}

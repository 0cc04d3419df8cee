import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimableTaskStates, judgeableTaskStates } from '@quanzi/core';
import { taskDefinition } from '@quanzi/lifecycle';
import { reportMachine, taskMachine, toMermaid } from '@quanzi/lifecycle/xstate';
import { describe, expect, it } from 'vitest';
import { diagramFiles } from '../scripts/diagramFiles';
import { transitionKeys } from './arbitraries';

const root = join(import.meta.dirname, '../../..');

describe('Mermaid diagrams', () => {
  it('docs/lifecycle is up to date with the machines (run scripts/diagrams.ts when this fails)', () => {
    for (const { path, content } of diagramFiles())
      expect(readFileSync(join(root, path), 'utf8'), path).toBe(content);
  });

  it('draws every state and every transition of the definition, with its checks', () => {
    const diagram = toMermaid(taskMachine);
    expect(diagram.startsWith('stateDiagram-v2\n  [*] --> draft\n')).toBe(true);
    const arrows = diagram
      .split('\n')
      .filter((line) => line.includes(' --> ') && !line.includes('[*]'))
      .map((line) => line.trim().replace(/^(\S+) --> (\S+) : (\S+).*$/, '$1:$3->$2'));
    expect(new Set(arrows)).toEqual(transitionKeys(taskDefinition));
    expect(diagram).toContain('published --> claimed : claim [role qualified/resident');
    expect(diagram).toContain('closed --> [*]');
    expect(toMermaid(reportMachine)).toContain('received --> dismissed : dismiss');
  });
});

describe('one vocabulary', () => {
  it("the table takes claims in exactly core's claimable states", () => {
    const withClaim = Object.entries(taskDefinition.states)
      .filter(([, node]) => 'claim' in node.on)
      .map(([state]) => state)
      .sort();
    expect(withClaim).toEqual([...claimableTaskStates].sort());
  });

  it("the table judges slots in exactly core's judgeable states", () => {
    const withAccept = Object.entries(taskDefinition.states)
      .filter(([, node]) => 'accept' in node.on)
      .map(([state]) => state)
      .sort();
    expect(withAccept).toEqual([...judgeableTaskStates].sort());
  });
});

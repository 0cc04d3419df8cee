// The `@quanzi/engine/catalogue` entry: who may send each command, what it appends and
// what can refuse it, as the documentation and tooling read it. Kept apart because a
// running engine never reads it, so apps (a browser portal) do not carry its text.

export { type CommandInfo, commandCatalogue } from './commandCatalogue';

// What size-limit measures as "the SDK as a browser portal loads it": exactly the values the
// browser portal of this repository (examples/web-portal/src) and the integrator guide's
// browser section (docs/guides/integrator.md §6) import from core, rules, lifecycle and
// engine, from the built packages as an app bundler loads them. Type imports cost nothing
// and are left out; the portal imports nothing from the lifecycle itself (the engine runs
// it). The policy arrives as data, so `loadPolicy` comes from `@quanzi/rules`, without
// the YAML parser of `@quanzi/rules/files`. Loaded later, not at start, and so not counted
// (`.size-limit.json` ignores them): `@quanzi/assessment` on the first `assess`, the audit
// verifier (`@quanzi/core/audit`) on the first `verifyAudit`, Ed25519 (`@noble/curves`) on
// the first checkpoint signed or checked.
export {
  CircleSchema,
  createSequentialIds,
  isQuanziError,
  ParticipantSchema,
  parseInput,
  TaskSchema,
} from '../packages/core/dist/index.js';
export { createEngine, SubmitWorkSchema } from '../packages/engine/dist/index.js';
export { loadPolicy } from '../packages/rules/dist/index.js';

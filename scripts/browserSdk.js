// What size-limit measures as "every export of the SDK": every export of the main entries
// of core, rules, lifecycle and engine, as an app bundler would load them from the built
// packages (the upper bound; `browserPortal.js` measures what a real portal imports).
// Their main entries carry neither the YAML parser, xstate, pure-rand nor the audit
// verifier (`browserBundle.test.ts` checks it): those come through their subpath entries.
import * as core from '../packages/core/dist/index.js';
import * as engine from '../packages/engine/dist/index.js';
import * as lifecycle from '../packages/lifecycle/dist/index.js';
import * as rules from '../packages/rules/dist/index.js';

export { core, engine, lifecycle, rules };

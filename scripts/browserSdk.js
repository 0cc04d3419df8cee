// What size-limit measures as "the SDK in a browser": every export of core, rules,
// lifecycle and engine, as an app bundler would load them from the built packages.
// Their main entries carry neither the YAML parser nor xstate (`browserBundle.test.ts`
// checks it): text files and xstate actors are read through their subpath entries.
import * as core from '../packages/core/dist/index.js';
import * as engine from '../packages/engine/dist/index.js';
import * as lifecycle from '../packages/lifecycle/dist/index.js';
import * as rules from '../packages/rules/dist/index.js';

export { core, engine, lifecycle, rules };

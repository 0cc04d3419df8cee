// What size-limit measures as "the SDK in a browser": every export of core, rules,
// lifecycle and engine, as an app bundler would load them from the built packages.
import * as core from '../packages/core/dist/index.js';
import * as engine from '../packages/engine/dist/index.js';
import * as lifecycle from '../packages/lifecycle/dist/index.js';
import * as rules from '../packages/rules/dist/index.js';

export { core, engine, lifecycle, rules };

// The `@quanzi/lifecycle/xstate` entry: the lifecycles as xstate v5 machines, for
// inspecting, visualising or running them as actors. Kept apart so that xstate stays
// out of the main entry's import graph; the engine runs the compiled reducer.
export {
  createLifecycleActor,
  createLifecycleMachine,
  type LifecycleMachine,
  type LifecycleMachineContext,
} from './createLifecycleMachine';
export { reportMachine } from './reportMachine';
export { taskMachine } from './taskMachine';
export { toMermaid } from './toMermaid';

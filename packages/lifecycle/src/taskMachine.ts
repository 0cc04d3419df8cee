import { createLifecycleMachine } from './createLifecycleMachine';
import { taskDefinition } from './taskDefinition';

/**
 * The task lifecycle as an xstate v5 machine, built from {@link taskDefinition}.
 * Its context is `{ snapshot, config }`; it emits the domain events. Use it to
 * inspect, visualise or run the lifecycle as an actor (`createLifecycleActor`).
 */
export const taskMachine = createLifecycleMachine(taskDefinition);

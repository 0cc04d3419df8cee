import { createLifecycleMachine } from './createLifecycleMachine';
import { reportDefinition } from './reportDefinition';

/** The report lifecycle as an xstate v5 machine, built from {@link reportDefinition}. */
export const reportMachine = createLifecycleMachine(reportDefinition);

/**
 * The one empty list every new task and report snapshot starts its lists with. An
 * engine holds tens of thousands of snapshots whose lists mostly stay empty, and a
 * snapshot's lists are replaced, never changed in place; frozen, so nothing can.
 */
export const emptyList: never[] = Object.freeze([]) as unknown as never[];

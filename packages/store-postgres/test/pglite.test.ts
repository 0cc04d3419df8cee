// Every store suite on one embedded PGlite database (it takes seconds of CPU to boot,
// so the suites share it, each store in a schema of its own).
import { afterAll, beforeAll } from 'vitest';
import { describeAuditChainSuite } from './auditChainSuite';
import { describeEventStoreContract } from './eventStoreContract';
import { describePartitionSuite } from './partitionSuite';
import { describeSnapshotSuite } from './snapshotSuite';
import { pgliteStores, type StoreFactory } from './storeFixtures';
import { describeStoreSuite } from './storeSuite';
import { describeTaskViewSuite } from './taskViewSuite';

let stores: StoreFactory;
beforeAll(async () => {
  stores = await pgliteStores();
});
afterAll(() => stores.dispose());

describeEventStoreContract('PGlite', () => stores.create());
describeStoreSuite('PGlite', () => stores);
describeTaskViewSuite('PGlite', () => stores);
describeAuditChainSuite('PGlite', () => stores);
describePartitionSuite('PGlite', () => stores);
describeSnapshotSuite('PGlite', () => stores);

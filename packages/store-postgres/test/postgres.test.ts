// Every store suite on one fresh database of the test run's PostgreSQL server, each
// store in a schema of its own.
import { afterAll, beforeAll } from 'vitest';
import { describeAuditChainSuite } from './auditChainSuite';
import { describeEventStoreContract } from './eventStoreContract';
import { describePartitionSuite } from './partitionSuite';
import { describeSnapshotSuite } from './snapshotSuite';
import { postgresStores, type StoreFactory } from './storeFixtures';
import { describeStoreSuite } from './storeSuite';
import { describeTaskViewSuite } from './taskViewSuite';

let stores: StoreFactory;
beforeAll(async () => {
  stores = await postgresStores(12);
});
afterAll(() => stores.dispose());

describeEventStoreContract('PostgreSQL (pg)', () => stores.create());
describeStoreSuite('PostgreSQL (pg)', () => stores);
describeTaskViewSuite('PostgreSQL (pg)', () => stores);
describeAuditChainSuite('PostgreSQL (pg)', () => stores);
describePartitionSuite('PostgreSQL (pg)', () => stores);
describeSnapshotSuite('PostgreSQL (pg)', () => stores);

import { afterAll, beforeAll } from 'vitest';
import { describeEventStoreContract } from './eventStoreContract';
import { postgresStores, type StoreFactory } from './storeFixtures';

let stores: StoreFactory;
beforeAll(async () => {
  stores = await postgresStores();
});
afterAll(() => stores.dispose());

describeEventStoreContract('PostgreSQL (pg)', () => stores.create());

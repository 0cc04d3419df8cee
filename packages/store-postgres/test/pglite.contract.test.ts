import { afterAll, beforeAll } from 'vitest';
import { describeEventStoreContract } from './eventStoreContract';
import { pgliteStores, type StoreFactory } from './storeFixtures';

let stores: StoreFactory;
beforeAll(async () => {
  stores = await pgliteStores();
});
afterAll(() => stores.dispose());

describeEventStoreContract('PGlite', () => stores.create());

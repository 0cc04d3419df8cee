import { describeEventStoreContract } from '../../store-postgres/test/eventStoreContract';
import { createMemoryEventStore } from '../src/createMemoryEventStore';

// The same contract the PostgreSQL and PGlite stores pass.
describeEventStoreContract('memory', () => createMemoryEventStore());

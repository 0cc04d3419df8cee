import {
  analyzeRound,
  createFeedbackInbox,
  type FeedbackEntry,
  FeedbackSchema,
} from '@quanzi/consultation';
import { safeParseInput } from '@quanzi/core';
import { records, runCorpus } from '../packages/consultation/test/fixtures/runCorpus';
import { comments, flood, synonyms } from '../packages/consultation/test/fixtures/squareCorpus';
import type { BenchCase } from './BenchCase';
import { throughput } from './throughput';

// The square corpus twenty times over, each copy by other authors, plus the flood.
const copies = 20;
const { round, postId } = await runCorpus();
const corpus = Array.from({ length: copies }, (_, copy) =>
  records(postId, comments).map((r) => ({
    ...r,
    id: `${r.id}-${copy}`,
    author: `${r.author}-${copy}`,
  })),
).flat();
const incoming = [...corpus, ...records(postId, flood(300))];
const inbox = createFeedbackInbox();
inbox.ingest(incoming, { round, channel: 'portal' });
const entries: readonly FeedbackEntry[] = inbox.entries();
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const texts = entries.flatMap((e) => (e.text ? [e.text] : []));

const cases: BenchCase[] = [
  {
    name: 'consultation.analyze_vs_segmentation',
    unit: 'items/s',
    async run() {
      const result = await throughput({
        analyze: {
          fn: () => analyzeRound(round, entries, { synonyms }),
          opsPerCall: entries.length,
        },
        segment: {
          fn: () => texts.map((t) => [...segmenter.segment(t)].length),
          opsPerCall: entries.length,
        },
      });
      return {
        value: result.analyze,
        baseline: result.segment,
        details: {
          items: entries.length,
          note: 'full analysis against bare word segmentation of the same texts',
        },
      };
    },
  },
  {
    name: 'consultation.ingest_vs_validation',
    unit: 'records/s',
    async run() {
      const result = await throughput({
        ingest: {
          fn: () => createFeedbackInbox().ingest(incoming, { round, channel: 'portal' }),
          opsPerCall: incoming.length,
        },
        validate: {
          fn: () => incoming.map((r) => safeParseInput(FeedbackSchema, r).ok),
          opsPerCall: incoming.length,
        },
      });
      return {
        value: result.ingest,
        baseline: result.validate,
        details: {
          records: incoming.length,
          note: 'dedup and flood damping on top of schema validation',
        },
      };
    },
  },
];

export default cases;

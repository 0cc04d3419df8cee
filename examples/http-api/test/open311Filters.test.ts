import type { CommandInput } from '@quanzi/engine';
import { type GeoReportRequest, parseRequests } from '@quanzi/open311';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bikeTask } from './httpClient';
import { createTestClock, jurisdiction, startOpen311Service } from './open311Service';

const day = 86_400_000;
const base = Date.parse('2026-12-05T08:00:00.000Z');
const codes = ['shared_bike_parking', 'litter', 'graffiti'] as const;

describe('GET requests filters, over HTTP', () => {
  const clock = createTestClock(new Date(base).toISOString());
  let service: Awaited<ReturnType<typeof startOpen311Service>>;
  let all: GeoReportRequest[] = [];
  const ids: string[] = [];

  // Fourteen public tasks spread over 150 days, every third one cancelled (closed).
  beforeAll(async () => {
    service = await startOpen311Service(clock);
    for (let i = 0; i < 14; i++) {
      clock.set(new Date(base - i * 11 * day - i * 3_600_000).toISOString());
      const act = async (command: Record<string, unknown>) => {
        const outcome = await service.engine.execute({
          ...command,
          idempotencyKey: `${command.type}-${i}`,
          actorId: 'center',
        } as CommandInput);
        if (outcome.status !== 'applied')
          throw new Error(`${command.type} #${i} was refused: ${JSON.stringify(outcome.reasons)}`);
        return 'taskId' in outcome ? outcome.taskId : undefined;
      };
      const taskId = (await act(bikeTask(codes[i % codes.length]))) as string;
      ids.push(taskId);
      await act({ type: 'task.publish', taskId });
      if (i % 3 === 0) await act({ type: 'task.cancel', taskId });
    }
    clock.set(new Date(base).toISOString());
    const named = await service.api.request(
      'GET',
      `/open311/v2/requests.json?service_request_id=${ids.join(',')}`,
    );
    all = parseRequests(named.text, 'json');
  });
  afterAll(() => service.api.close());

  it('names every task by id, whatever its age, newest first', () => {
    expect(all.map((r) => r.service_request_id)).toEqual(ids);
    expect(all.filter((r) => r.status === 'closed')).toHaveLength(5);
  });

  it('narrows exactly as a plain filter of the same requests does (fixed seed)', async () => {
    const query = fc.record(
      {
        service_code: fc.subarray([...codes, 'streetlight'], { minLength: 1 }),
        status: fc.subarray(['open', 'closed'] as const, { minLength: 1 }),
        startDaysAgo: fc.integer({ min: 0, max: 160 }),
        spanDays: fc.integer({ min: 0, max: 90 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        query,
        fc.constantFrom('json' as const, 'xml' as const),
        async (q, format) => {
          const start = q.startDaysAgo === undefined ? undefined : base - q.startDaysAgo * day;
          const end =
            q.spanDays === undefined
              ? undefined
              : (start ?? base) + (start === undefined ? -1 : 1) * q.spanDays * day;
          const params = new URLSearchParams({ jurisdiction_id: jurisdiction });
          if (q.service_code) params.set('service_code', q.service_code.join(','));
          if (q.status) params.set('status', q.status.join(','));
          if (start !== undefined) params.set('start_date', new Date(start).toISOString());
          if (end !== undefined) params.set('end_date', new Date(end).toISOString());
          const answer = await service.api.request(
            'GET',
            `/open311/v2/requests.${format}?${params}`,
          );
          expect(answer.status).toBe(200);
          // The spec's defaults: the 90 days up to end_date, or from start_date up to now.
          const to = end ?? Math.min((start ?? base) + 90 * day, base);
          const from = start ?? to - 90 * day;
          const expected = all.filter((r) => {
            const at = Date.parse(r.requested_datetime);
            return (
              (q.service_code?.includes(r.service_code) ?? true) &&
              (q.status?.includes(r.status) ?? true) &&
              at >= from &&
              at <= to
            );
          });
          expect(parseRequests(answer.text, format)).toEqual(expected);
        },
      ),
      { seed: 16, numRuns: 60 },
    );
  });
});

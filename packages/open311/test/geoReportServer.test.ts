import { isQuanziError } from '@quanzi/core';
import { ReportDraftSchema } from '@quanzi/engine';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  formatErrors,
  formatPostedRequests,
  formatServiceDefinition,
  type GeoReportRequest,
  GeoReportRequestSchema,
  maxRequests,
  parseErrors,
  parsePostedRequests,
  parseRequestQuery,
  postedRequestToDraft,
  type RequestQuery,
  selectRequests,
} from '../src/index';

const fieldOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (!isQuanziError(error)) throw error;
    return (error.issues[0]?.path ?? error.path).join('.');
  }
  throw new Error('expected a QuanziError');
};

describe('answers of a GeoReport v2 server', () => {
  const xml = new XMLParser({ parseTagValue: false });

  it('writes the spec’s error list in XML and JSON', () => {
    const errors = [{ code: 403, description: 'api_key <x> is not valid' }];
    expect(xml.parse(formatErrors(errors, 'xml'))).toEqual({
      '?xml': '',
      errors: { error: { code: '403', description: 'api_key <x> is not valid' } },
    });
    expect(JSON.parse(formatErrors(errors, 'json'))).toEqual(errors);
    for (const format of ['json', 'xml'] as const)
      expect(parseErrors(formatErrors([...errors, ...errors], format), format)).toEqual([
        ...errors,
        ...errors,
      ]);
    expect(fieldOf(() => parseErrors('[{"code":"x","description":"d"}]', 'json'))).toBe('0.code');
  });

  it('writes the POST answer and a service definition', () => {
    const posted = [{ service_request_id: 'r-1', service_notice: '24h', account_id: null }];
    expect(xml.parse(formatPostedRequests(posted, 'xml')).service_requests.request).toEqual({
      service_request_id: 'r-1',
      service_notice: '24h',
      account_id: '',
    });
    expect(JSON.parse(formatPostedRequests(posted, 'json'))).toEqual(posted);
    for (const format of ['json', 'xml'] as const)
      expect(parsePostedRequests(formatPostedRequests(posted, format), format)).toEqual(posted);
    expect(xml.parse(formatServiceDefinition('litter', 'xml')).service_definition).toEqual({
      service_code: 'litter',
      attributes: '',
    });
    expect(JSON.parse(formatServiceDefinition('litter', 'json'))).toEqual({
      service_code: 'litter',
      attributes: [],
    });
  });
});

describe('postedRequestToDraft', () => {
  // The fields FixMyStreet's Open311 client posts (api_key and jurisdiction_id are the server's).
  const fixMyStreet = {
    service_code: 'shared_bike_parking',
    lat: '39.90912',
    long: '116.39731',
    email: 'li.lei@example.cn',
    first_name: 'Lei',
    last_name: 'Li',
    phone: '13800000000',
    description: 'title: 单车堵门\n\ndetail: 小区门口共享单车乱停放\n\nSubmitted via FixMyStreet',
    media_url: ['https://fms.example.cn/photo/1.jpeg', 'https://fms.example.cn/photo/2.jpeg'],
    'attribute[fixmystreet_id]': '1012',
  };

  it('makes an anonymous proxy report naming the person only in proxyFor', () => {
    const draft = postedRequestToDraft(fixMyStreet);
    expect(draft).toEqual({
      channel: 'proxy',
      proxyFor: { name: 'Lei Li', contact: 'li.lei@example.cn / 13800000000' },
      category: 'shared_bike_parking',
      text: fixMyStreet.description,
      media: fixMyStreet.media_url.map((url) => ({ type: 'image', url })),
      location: { type: 'Point', coordinates: [116.39731, 39.90912] },
      anonymous: true,
    });
    // What the engine will check at report.submit.
    ReportDraftSchema.parse(draft);
  });

  it('keeps address_string in the text and sends no proxy for a form without a person', () => {
    const draft = postedRequestToDraft({ service_code: 'x', address_string: '新华路 1 号' });
    expect(draft).toMatchObject({ channel: 'web', text: 'Address / 地址: 新华路 1 号' });
    expect(draft).not.toHaveProperty('proxyFor');
    expect(draft).not.toHaveProperty('location');
  });

  it('names the bad field', () => {
    expect(fieldOf(() => postedRequestToDraft({ ...fixMyStreet, lat: 'north' }))).toBe('lat');
    expect(fieldOf(() => postedRequestToDraft({ ...fixMyStreet, long: '181' }))).toBe('long');
    expect(fieldOf(() => postedRequestToDraft({ ...fixMyStreet, long: undefined }))).toBe('long');
    expect(fieldOf(() => postedRequestToDraft({ description: 'x', lat: '1', long: '1' }))).toBe(
      'service_code',
    );
    expect(fieldOf(() => postedRequestToDraft({ service_code: 'x' }))).toBe('lat');
    expect(fieldOf(() => postedRequestToDraft({ ...fixMyStreet, first_name: 'Lei\u0000' }))).toBe(
      'first_name',
    );
    expect(fieldOf(() => postedRequestToDraft({ ...fixMyStreet, email: 'x'.repeat(148) }))).toBe(
      'email',
    );
    // The longest person the form allows still fits the report's proxyFor.
    const longest = postedRequestToDraft({
      ...fixMyStreet,
      first_name: 'f'.repeat(100),
      last_name: 'l'.repeat(99),
      email: 'e'.repeat(147),
      phone: 'p'.repeat(50),
    });
    expect(ReportDraftSchema.shape.proxyFor.parse(longest.proxyFor)).toEqual(longest.proxyFor);
    expect(
      fieldOf(() => postedRequestToDraft({ ...fixMyStreet, media_url: 'javascript:alert(1)' })),
    ).toBe('media_url.0');
    expect(
      fieldOf(() =>
        postedRequestToDraft(fixMyStreet, { serviceCodes: new Set(['tactile_paving']) }),
      ),
    ).toBe('service_code');
  });
});

const now = '2026-12-05T12:00:00.000Z';

describe('refusals of a posted form or a query', () => {
  const messagesOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (isQuanziError(error)) return error.messages;
    }
    throw new Error('expected a QuanziError');
  };
  it('are worded in each language alone, no "English / 中文" pairs', () => {
    const han = /\p{Script=Han}/u;
    for (const run of [
      () => postedRequestToDraft({ description: 'x', lat: '1', long: '1' }),
      () => postedRequestToDraft({ service_code: 'litter', lat: '39.9' }),
      () => postedRequestToDraft({ service_code: 'x' }),
      () => parseRequestQuery({ start_date: '2026-12-01' }, now),
      () => parseRequestQuery({ start_date: '2026-13-01T00:00:00Z' }, now),
    ]) {
      const messages = messagesOf(run);
      expect(messages.en).not.toMatch(han);
      expect(messages['zh-CN']).toMatch(han);
      expect(messages['zh-CN']).not.toMatch(/[A-Za-z]+ [a-z]+ [a-z]+/);
    }
  });
});

describe('parseRequestQuery', () => {
  it('defaults to the 90 days before now; service_request_id overrides everything', () => {
    expect(parseRequestQuery({}, now)).toEqual({
      kind: 'search',
      start: '2026-09-06T12:00:00.000Z',
      end: now,
    });
    expect(
      parseRequestQuery({ service_request_id: 'a, b', status: 'nonsense', start_date: 'x' }, now),
    ).toEqual({ kind: 'ids', ids: ['a', 'b'] });
    expect(
      parseRequestQuery(
        {
          start_date: '2026-12-01T08:00:00+08:00',
          status: 'OPEN,closed',
          service_code: ['a', 'b'],
        },
        now,
      ),
    ).toEqual({
      kind: 'search',
      serviceCodes: ['a', 'b'],
      statuses: ['open', 'closed'],
      start: '2026-12-01T00:00:00.000Z',
      end: now,
    });
  });

  it('refuses bad dates, wrong statuses and windows over 90 days, naming the parameter', () => {
    expect(fieldOf(() => parseRequestQuery({ start_date: '2026-12-01' }, now))).toBe('start_date');
    expect(fieldOf(() => parseRequestQuery({ status: 'pending' }, now))).toBe('status.0');
    expect(
      fieldOf(() =>
        parseRequestQuery(
          { start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' },
          now,
        ),
      ),
    ).toBe('end_date');
    expect(
      fieldOf(() =>
        parseRequestQuery(
          { start_date: '2026-12-02T00:00:00Z', end_date: '2026-12-01T00:00:00Z' },
          now,
        ),
      ),
    ).toBe('start_date');
  });
});

describe('selectRequests', () => {
  const base = Date.parse(now);
  const requestArb = fc.record({
    id: fc.integer({ min: 0, max: 40 }),
    code: fc.constantFrom('a', 'b', 'c'),
    status: fc.constantFrom('open' as const, 'closed' as const),
    minutesAgo: fc.integer({ min: 0, max: 200 * 24 * 60 }),
  });
  type RawRequest = {
    id: number;
    code: string;
    status: 'open' | 'closed';
    minutesAgo: number;
  };
  const toRequest = (r: RawRequest): GeoReportRequest =>
    GeoReportRequestSchema.parse({
      service_request_id: `r-${r.id}`,
      status: r.status,
      status_notes: null,
      service_name: null,
      service_code: r.code,
      description: null,
      agency_responsible: null,
      service_notice: null,
      requested_datetime: new Date(base - r.minutesAgo * 60_000).toISOString(),
      updated_datetime: null,
      expected_datetime: null,
      address: null,
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    });
  const queryArb = fc.record(
    {
      service_code: fc.subarray(['a', 'b', 'c', 'z'], { minLength: 1 }).map((c) => c.join(',')),
      status: fc.subarray(['open', 'closed'], { minLength: 1 }).map((s) => s.join(',')),
      start_date: fc.integer({ min: 0, max: 200 }).map((d) => new Date(base - d * 86_400_000)),
      end_date: fc.integer({ min: 0, max: 89 }),
    },
    { requiredKeys: [] },
  );

  it('keeps exactly what a plain filter keeps, newest first (fixed seed)', () => {
    fc.assert(
      fc.property(fc.array(requestArb, { maxLength: 60 }), queryArb, (raw, q) => {
        const requests = raw.map(toRequest);
        // end_date counts days after start_date, or before now when there is none.
        const day = 86_400_000;
        const end =
          q.end_date === undefined
            ? new Date(Math.min((q.start_date?.getTime() ?? base) + 90 * day, base))
            : new Date(
                (q.start_date?.getTime() ?? base) + (q.start_date ? 1 : -1) * q.end_date * day,
              );
        const start = q.start_date ?? new Date(end.getTime() - 90 * day);
        const params = {
          ...(q.service_code ? { service_code: q.service_code } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.start_date ? { start_date: q.start_date.toISOString() } : {}),
          ...(q.end_date !== undefined ? { end_date: end.toISOString() } : {}),
        };
        const query: RequestQuery = parseRequestQuery(params, now);
        const expected = requests.filter(
          (r) =>
            (q.service_code?.split(',').includes(r.service_code) ?? true) &&
            (q.status?.split(',').includes(r.status) ?? true) &&
            Date.parse(r.requested_datetime) >= start.getTime() &&
            Date.parse(r.requested_datetime) <= end.getTime(),
        );
        const selected = selectRequests(requests, query);
        expect(new Set(selected)).toEqual(new Set(expected));
        expect(selected).toHaveLength(expected.length);
        for (let i = 1; i < selected.length; i++)
          expect(
            Date.parse(selected[i - 1]?.requested_datetime ?? '') >=
              Date.parse(selected[i]?.requested_datetime ?? ''),
          ).toBe(true);
      }),
      { seed: 311, numRuns: 300 },
    );
  });

  it('selects named ids whatever their age, and never more than 1000', () => {
    const many = Array.from({ length: maxRequests + 5 }, (_, i) =>
      toRequest({ id: i, code: 'a', status: 'open', minutesAgo: i }),
    );
    expect(selectRequests(many, parseRequestQuery({}, now))).toHaveLength(maxRequests);
    const old = toRequest({ id: 7, code: 'a', status: 'open', minutesAgo: 300 * 24 * 60 });
    expect(
      selectRequests([old], parseRequestQuery({ service_request_id: 'r-7,r-8' }, now)),
    ).toEqual([old]);
    expect(selectRequests([old], parseRequestQuery({}, now))).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { isQuanziError } from '@quanzi/core';
import { open311ExtendedStatuses } from '@quanzi/lifecycle/open311';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closureReasonOf,
  formatRequests,
  formatServices,
  type GeoReportRequest,
  GeoReportRequestSchema,
  type GeoReportService,
  parseRequests,
  parseServices,
  requestStatus,
  statusOfExtended,
} from '../src/index';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parsing responses shaped like the GeoReport v2 spec examples', () => {
  it('reads requests.xml: text ids keep their zeros, offsets become UTC, empty elements null', () => {
    const [closed, open] = parseRequests(fixture('requests.xml'), 'xml');
    expect(closed).toEqual({
      service_request_id: '638344',
      status: 'closed',
      status_notes: 'Duplicate request.',
      service_name: 'Sidewalk and Curb Issues',
      service_code: '006',
      description: null,
      agency_responsible: null,
      service_notice: null,
      requested_datetime: '2010-04-14T14:37:38.000Z',
      updated_datetime: '2010-04-14T14:37:38.000Z',
      expected_datetime: '2010-04-15T14:37:38.000Z',
      address: '8TH AVE and JUDAH ST',
      address_id: '545483',
      zipcode: '94122',
      lat: 37.762221815,
      long: -122.4651145,
      media_url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
    });
    expect(open?.status).toBe('open');
    expect(closureReasonOf(open as GeoReportRequest)).toBeNull();
    expect(closureReasonOf(closed as GeoReportRequest)).toBe('resolved');
  });

  it('reads the JSON example to the same records as the XML one (differential)', () => {
    expect(parseRequests(fixture('requests.json'), 'json')).toEqual(
      parseRequests(fixture('requests.xml'), 'xml'),
    );
    expect(parseServices(fixture('services.json'), 'json')).toEqual(
      parseServices(fixture('services.xml'), 'xml'),
    );
  });

  it('reads services.xml in any element order', () => {
    const services = parseServices(fixture('services.xml'), 'xml');
    expect(services.map((s) => [s.service_code, s.group, s.metadata])).toEqual([
      ['001', 'sanitation', true],
      ['002', 'street', true],
      ['003', 'street', true],
    ]);
    expect(services[1]?.service_name).toBe('Construction plate shifted');
  });

  it('accepts the extended statuses FixMyStreet also sends: for_triage, planned, cancelled (#16)', () => {
    const [triage, planned, cancelled] = parseRequests(
      fixture('fixmystreet-extended-statuses.xml'),
      'xml',
    );
    expect(requestStatus(triage as GeoReportRequest)).toEqual({
      status: 'open',
      extendedStatus: 'FOR_TRIAGE',
    });
    expect(closureReasonOf(triage as GeoReportRequest)).toBeNull();
    expect(requestStatus(planned as GeoReportRequest)).toEqual({
      status: 'open',
      extendedStatus: 'PLANNED',
    });
    expect(closureReasonOf(cancelled as GeoReportRequest)).toBe('cancelled');
    expect(requestStatus(cancelled as GeoReportRequest).status).toBe('closed');
  });

  it('reads extended statuses sent in status (FixMyStreet) or in extended_attributes, dropping unknown fields', () => {
    const [refused, duplicate, working] = parseRequests(fixture('fixmystreet-requests.xml'), 'xml');
    expect(requestStatus(refused as GeoReportRequest)).toEqual({
      status: 'closed',
      extendedStatus: 'NOT_COUNCILS_RESPONSIBILITY',
    });
    expect(closureReasonOf(refused as GeoReportRequest)).toBe('not_responsible');
    expect(refused).not.toHaveProperty('title');
    expect(closureReasonOf(duplicate as GeoReportRequest)).toBe('duplicate');
    expect(requestStatus(working as GeoReportRequest)).toEqual({
      status: 'open',
      extendedStatus: 'IN_PROGRESS',
    });
    expect(working?.requested_datetime).toBe('2013-02-21T08:30:00.000Z');
    expect(working?.lat).toBeNull();
  });

  it('reads the lower-case extended statuses of mySociety’s open311-adapter', () => {
    const base = { service_code: 'x', requested_datetime: '2024-05-01T10:00:00Z' };
    const body = JSON.stringify([
      { ...base, service_request_id: '1', status: 'not_councils_responsibility' },
      {
        ...base,
        service_request_id: '2',
        status: 'open',
        extended_attributes: { extended_status: 'action_scheduled' },
      },
      { ...base, service_request_id: '3', status: 'closed' },
    ]);
    const [refused, scheduled, closed] = parseRequests(body, 'json') as GeoReportRequest[];
    expect(requestStatus(refused as GeoReportRequest)).toEqual({
      status: 'closed',
      extendedStatus: 'NOT_COUNCILS_RESPONSIBILITY',
    });
    expect(requestStatus(scheduled as GeoReportRequest)).toEqual({
      status: 'open',
      extendedStatus: 'ACTION_SCHEDULED',
    });
    // A base status stays a base status; its extended status is the default.
    expect(closed?.extended_attributes).toBeUndefined();
    expect(requestStatus(closed as GeoReportRequest)).toEqual({
      status: 'closed',
      extendedStatus: 'CLOSED',
    });
  });
});

describe('bad bodies', () => {
  it('names every bad field by record index, in both languages', () => {
    const body = JSON.stringify([
      {
        service_request_id: '1',
        status: 'open',
        service_code: 'x',
        requested_datetime: '2010-04-14T06:37:38',
      },
      {
        service_request_id: '2',
        status: 'pending',
        service_code: 'x',
        requested_datetime: '2010-04-14T06:37:38Z',
        lat: 'north',
      },
    ]);
    try {
      parseRequests(body, 'json');
      expect.unreachable();
    } catch (error) {
      if (!isQuanziError(error)) throw error;
      expect(error.code).toBe('invalid_input');
      expect(error.issues.map((i) => i.path)).toEqual([
        [0, 'requested_datetime'],
        [1, 'status'],
        [1, 'lat'],
      ]);
      expect(error.localized('zh-CN')).toContain('3 处问题');
    }
  });

  it('rejects broken XML, a wrong root and non-array JSON', () => {
    expect(() => parseRequests('<service_requests><request>', 'xml')).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => parseRequests(fixture('services.xml'), 'xml')).toThrow(/service_requests/);
    expect(() => parseServices('{"service_code":"1"}', 'json')).toThrow(/JSON array/);
    expect(() => parseServices('{oops', 'json')).toThrow(/not valid JSON/);
  });

  it('reads an empty list in both formats', () => {
    expect(
      parseRequests('<?xml version="1.0"?><service_requests></service_requests>', 'xml'),
    ).toEqual([]);
    expect(parseRequests(formatRequests([], 'xml'), 'xml')).toEqual([]);
    expect(parseServices('[]', 'json')).toEqual([]);
  });
});

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const instant = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());
const textArb = fc.string({ unit: 'grapheme', maxLength: 40 });
const requestArb: fc.Arbitrary<GeoReportRequest> = fc
  .record({
    service_request_id: fc.string({ minLength: 1, maxLength: 20 }),
    status: fc.constantFrom('open' as const, 'closed' as const),
    status_notes: maybe(textArb),
    service_name: maybe(textArb),
    service_code: fc.string({ minLength: 1, maxLength: 20 }),
    description: maybe(fc.string({ unit: 'binary', maxLength: 80 })),
    agency_responsible: maybe(textArb),
    service_notice: maybe(textArb),
    requested_datetime: instant,
    updated_datetime: maybe(instant),
    expected_datetime: maybe(instant),
    address: maybe(textArb),
    address_id: maybe(fc.string({ minLength: 1, maxLength: 10 })),
    zipcode: maybe(fc.string({ minLength: 1, maxLength: 10 })),
    lat: maybe(fc.double({ min: -90, max: 90, noNaN: true })),
    long: maybe(fc.double({ min: -180, max: 180, noNaN: true })),
    media_url: maybe(fc.webUrl()),
    extended_attributes: fc.option(
      fc.record({ extended_status: fc.constantFrom(...open311ExtendedStatuses) }),
      { nil: undefined },
    ),
  })
  .map((raw) => {
    const { extended_attributes, ...rest } = raw;
    return extended_attributes ? { ...rest, extended_attributes } : rest;
  })
  // Normalised as every record that leaves Quanzi is; ids that trim to nothing are not records.
  .map((raw) => GeoReportRequestSchema.safeParse(raw))
  .filter((r) => r.success)
  .map((r) => r.data as GeoReportRequest)
  // An extended status decides open or closed, so a record must agree with it to round-trip.
  .map((r) =>
    r.extended_attributes
      ? { ...r, status: statusOfExtended(r.extended_attributes.extended_status) }
      : r,
  );

describe('round trip (property)', () => {
  it('formats and parses any request to the same record, in JSON and in XML', () => {
    fc.assert(
      fc.property(fc.array(requestArb, { maxLength: 5 }), (requests) => {
        expect(parseRequests(formatRequests(requests, 'json'), 'json')).toEqual(requests);
        expect(parseRequests(formatRequests(requests, 'xml'), 'xml')).toEqual(requests);
      }),
      { numRuns: 150 },
    );
  });

  it('formats and parses services the same way', () => {
    const serviceArb: fc.Arbitrary<GeoReportService> = fc.record({
      service_code: fc.stringMatching(/^[a-z0-9_]{1,12}$/),
      service_name: fc.stringMatching(/^\S.{0,20}\S$/),
      description: maybe(fc.stringMatching(/^\S.{0,30}\S$/)),
      metadata: fc.boolean(),
      type: fc.constantFrom('realtime' as const, 'batch' as const, 'blackbox' as const),
      keywords: maybe(fc.stringMatching(/^\S[^<&]{0,20}\S$/)),
      group: maybe(fc.stringMatching(/^[a-z]{1,10}$/)),
    });
    fc.assert(
      fc.property(fc.array(serviceArb, { maxLength: 5 }), (services) => {
        expect(parseServices(formatServices(services, 'xml'), 'xml')).toEqual(services);
        expect(parseServices(formatServices(services, 'json'), 'json')).toEqual(services);
      }),
      { numRuns: 100 },
    );
  });
});

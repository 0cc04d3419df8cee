import type { ClosureReason } from '@quanzi/core';
import type { TaskSnapshot } from '@quanzi/lifecycle';
import { describe, expectTypeOf, it } from 'vitest';
import {
  closureReasonOf,
  type GeoReportError,
  type GeoReportRequest,
  type PostedRequest,
  parseErrors,
  parsePostedRequests,
  parseRequests,
  postedRequestToDraft,
  type RequestQuery,
  type RequestSubject,
  requestToReport,
  selectRequests,
} from '../src/index';

describe('public types', () => {
  it('requires a lifecycle snapshot for a task but not for a report', () => {
    expectTypeOf<
      Extract<RequestSubject, { kind: 'task' }>['snapshot']
    >().toEqualTypeOf<TaskSnapshot>();
    expectTypeOf<Extract<RequestSubject, { kind: 'report' }>>().toHaveProperty('snapshot');
  });

  it('returns spec-named records and Quanzi closure reasons', () => {
    expectTypeOf(parseRequests).returns.toEqualTypeOf<GeoReportRequest[]>();
    expectTypeOf<GeoReportRequest['status']>().toEqualTypeOf<'open' | 'closed'>();
    expectTypeOf<GeoReportRequest['lat']>().toEqualTypeOf<number | null>();
    expectTypeOf(closureReasonOf).returns.toEqualTypeOf<ClosureReason | null>();
    expectTypeOf(requestToReport).returns.toHaveProperty('anonymous');
  });

  it('types what a GeoReport v2 server sends and reads', () => {
    expectTypeOf(postedRequestToDraft).returns.toHaveProperty('anonymous').toEqualTypeOf<true>();
    expectTypeOf(selectRequests).parameter(1).toEqualTypeOf<RequestQuery>();
    expectTypeOf<Extract<RequestQuery, { kind: 'ids' }>['ids']>().toEqualTypeOf<
      readonly string[]
    >();
    expectTypeOf(parseErrors).returns.toEqualTypeOf<GeoReportError[]>();
    expectTypeOf(parsePostedRequests).returns.toEqualTypeOf<PostedRequest[]>();
    expectTypeOf<PostedRequest['account_id']>().toEqualTypeOf<string | null>();
  });
});

import {
  type Channel,
  type ClosureReason,
  IdSchema,
  parseInput,
  type Report,
  ReportSchema,
} from '@quanzi/core';
import { type Open311Status, open311ToClosureReason } from '@quanzi/lifecycle/open311';
import * as z from 'zod';
import type { GeoReportRequest } from './geoReport';

/**
 * The lifecycle status a service request stands for: `open`/`closed` with the
 * extended status, defaulting to `OPEN` or `CLOSED` when the server sent none.
 */
export function requestStatus(request: GeoReportRequest): Open311Status {
  return {
    status: request.status,
    extendedStatus:
      request.extended_attributes?.extended_status ??
      (request.status === 'open' ? 'OPEN' : 'CLOSED'),
  };
}

/**
 * Why a closed service request closed, in Quanzi's words (the lifecycle's
 * table read backwards); `null` while it is open. A bare `closed` means fixed.
 *
 * @example
 * closureReasonOf(parseRequests(body, 'xml')[0]); // 'duplicate'
 */
export function closureReasonOf(request: GeoReportRequest): ClosureReason | null {
  return open311ToClosureReason({
    status: request.status,
    ...(request.extended_attributes
      ? { extendedStatus: request.extended_attributes.extended_status }
      : {}),
  });
}

/** Who a service request from elsewhere is filed under. */
export const RequestImportContextSchema = z.strictObject({
  circleId: IdSchema,
  /** The participant standing for the outside system, e.g. `open311-gateway`. */
  reporterId: IdSchema,
  channel: z
    .enum(['web', 'mobile', 'sms', 'mini-program', 'phone', 'sensor', 'proxy'])
    .default('web'),
});

/** Import context as accepted. */
export type RequestImportContext = z.input<typeof RequestImportContextSchema>;

/**
 * A service request from another Open311 system as a Quanzi report, anonymous
 * because its reporter is not a participant of the circle. The text is the
 * description (or the service name), the location comes from `lat`/`long`, and
 * `media_url` becomes an image. A record Quanzi cannot hold (an id with spaces,
 * a `javascript:` media link) throws a `QuanziError` naming the field.
 */
export function requestToReport(request: GeoReportRequest, context: RequestImportContext): Report {
  const { circleId, reporterId, channel } = parseInput(RequestImportContextSchema, context, {
    path: ['context'],
  });
  const location =
    request.lat !== null && request.long !== null
      ? { type: 'Point' as const, coordinates: [request.long, request.lat] as [number, number] }
      : undefined;
  return parseInput(
    ReportSchema,
    {
      id: request.service_request_id,
      circleId,
      reporterId,
      channel: channel satisfies Channel,
      category: request.service_code,
      text: request.description ?? request.service_name ?? request.service_code,
      media: request.media_url ? [{ type: 'image', url: request.media_url }] : [],
      ...(location ? { location } : {}),
      anonymous: true,
      receivedAt: request.requested_datetime,
    },
    { path: ['request', request.service_request_id] },
  );
}

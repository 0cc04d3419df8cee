import { InstantSchema } from '@quanzi/core';
import { open311ExtendedStatuses } from '@quanzi/lifecycle/open311';
import * as z from 'zod';

// XML 1.0 cannot carry most control characters and reads every line break as
// \n; normalising here (and trimming, as XML parsers do) makes JSON and XML
// carry the very same value.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const xmlIllegal = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu;
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value.replace(xmlIllegal, '').replace(/\r\n?/g, '\n').trim());
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .transform((value) => (value === '' ? null : value));
const code = text(200).pipe(z.string().min(1));
// JSON writes -0 as 0, so -0 becomes 0 before anything is written.
const coordinate = (limit: number) =>
  z
    .number()
    .min(-limit)
    .max(limit)
    .transform((value) => (Object.is(value, -0) ? 0 : value))
    .nullable();

/** A GeoReport v2 extended status (mySociety's list), as `@quanzi/lifecycle` defines it. */
export const ExtendedStatusSchema = z.enum(open311ExtendedStatuses);

/**
 * One GeoReport v2 service (`GET services`), field names as the spec writes them.
 *
 * @example
 * { service_code: 'litter', service_name: 'Litter or dumped rubbish', description: '垃圾乱堆',
 *   metadata: false, type: 'realtime', keywords: 'litter, 垃圾乱堆', group: 'civic' }
 */
export const GeoReportServiceSchema = z.strictObject({
  service_code: code,
  service_name: text(500).pipe(z.string().min(1)),
  description: optionalText(2000),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: optionalText(2000),
  group: optionalText(200),
});

/**
 * One GeoReport v2 service request (`GET requests`), with every field of the
 * spec. `extended_attributes.extended_status` carries the mySociety extended
 * status; plain clients read `status` alone.
 */
export const GeoReportRequestSchema = z.strictObject({
  service_request_id: code,
  status: z.enum(['open', 'closed']),
  status_notes: optionalText(5000),
  service_name: optionalText(500),
  service_code: code,
  description: optionalText(10_000),
  agency_responsible: optionalText(500),
  service_notice: optionalText(2000),
  requested_datetime: InstantSchema,
  updated_datetime: z.nullable(InstantSchema),
  expected_datetime: z.nullable(InstantSchema),
  address: optionalText(1000),
  address_id: optionalText(200),
  zipcode: optionalText(50),
  lat: coordinate(90),
  long: coordinate(180),
  media_url: optionalText(2048),
  extended_attributes: z.strictObject({ extended_status: ExtendedStatusSchema }).optional(),
});

/** A GeoReport v2 service. */
export type GeoReportService = z.infer<typeof GeoReportServiceSchema>;
/** A GeoReport v2 service request. */
export type GeoReportRequest = z.infer<typeof GeoReportRequestSchema>;
/** A GeoReport v2 service request before validation. */
export type GeoReportRequestInput = z.input<typeof GeoReportRequestSchema>;
/** A mySociety extended status. */
export type ExtendedStatus = z.infer<typeof ExtendedStatusSchema>;

/** The fields of a service request in the order the spec lists them. */
export const requestFields = Object.keys(GeoReportRequestSchema.shape) as Array<
  keyof GeoReportRequest
>;
/** The fields of a service in the order the spec lists them. */
export const serviceFields = Object.keys(GeoReportServiceSchema.shape) as Array<
  keyof GeoReportService
>;

import { open311ExtendedStatuses, open311ToClosureReason } from '@quanzi/lifecycle/open311';
import { type ExtendedStatus, requestFields, serviceFields } from './geoReport';

type Row = Record<string, unknown>;

const idFields = ['service_request_id', 'service_code', 'address_id', 'zipcode'];
const timeFields = ['requested_datetime', 'updated_datetime', 'expected_datetime'];
const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function pick(raw: unknown, fields: readonly string[]): Row {
  const row = typeof raw === 'object' && raw !== null ? (raw as Row) : {};
  return Object.fromEntries(fields.map((field) => [field, row[field]]));
}

function isExtended(value: unknown): value is ExtendedStatus {
  return (open311ExtendedStatuses as readonly unknown[]).includes(value);
}

/**
 * Whether an extended status is open or closed, read off the lifecycle's
 * closure table: a status that names a closure reason is closed.
 *
 * @example
 * statusOfExtended('IN_PROGRESS'); // 'open'
 */
export function statusOfExtended(extended: ExtendedStatus): 'open' | 'closed' {
  return open311ToClosureReason({ status: 'closed', extendedStatus: extended }) === null
    ? 'open'
    : 'closed';
}

function toNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  if (value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : value;
}

function toInstant(value: unknown): unknown {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !withZone.test(value.trim())) return value;
  const ms = Date.parse(value);
  // The spec allows any UTC offset; Quanzi keeps instants in UTC.
  return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}

// FixMyStreet writes extended statuses in upper case, mySociety's open311-adapter in
// lower case (`not_councils_responsibility`); both mean the same. A bare `open` or
// `closed` is the base status, not an extended one.
function asExtended(value: unknown): ExtendedStatus | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  if (value === 'open' || value === 'closed') return undefined;
  return isExtended(upper) ? upper : undefined;
}

function extendedOf(row: Row): ExtendedStatus | undefined {
  const attributes = row.extended_attributes as Row | undefined;
  for (const candidate of [attributes?.extended_status, row.status]) {
    const extended = asExtended(candidate);
    if (extended) return extended;
  }
  return undefined;
}

/**
 * Brings a service request as real servers send it to the shape the schema
 * checks: numeric ids as strings, `lat`/`long` from text, offsets to UTC, empty
 * XML elements to `null`, an extended status sent in `status` (as FixMyStreet
 * does) to `extended_attributes`, and unknown fields dropped.
 */
export function normalizeRequest(raw: unknown): Row {
  const row = pick(raw, requestFields);
  for (const field of requestFields) if (row[field] === undefined) row[field] = null;
  for (const field of idFields) if (typeof row[field] === 'number') row[field] = String(row[field]);
  for (const field of timeFields) row[field] = toInstant(row[field]);
  row.lat = toNumber(row.lat);
  row.long = toNumber(row.long);
  const extended = extendedOf({ ...row, ...pick(raw, ['extended_attributes', 'status']) });
  if (typeof row.status === 'string' && !asExtended(row.status))
    row.status = row.status.toLowerCase();
  if (extended) {
    row.status = statusOfExtended(extended);
    row.extended_attributes = { extended_status: extended };
  } else delete row.extended_attributes;
  return row;
}

/** The same for a service: numeric codes as strings, `metadata` from text, unknown fields dropped. */
export function normalizeService(raw: unknown): Row {
  const row = pick(raw, serviceFields);
  for (const field of ['description', 'keywords', 'group']) row[field] = row[field] ?? null;
  if (typeof row.service_code === 'number') row.service_code = String(row.service_code);
  if (row.metadata === 'true' || row.metadata === 'false') row.metadata = row.metadata === 'true';
  return row;
}

import {
  bilingualMessage,
  type Channel,
  type Media,
  MediaSchema,
  type Point,
  type ProxySubjectSchema,
  parseInput,
  plainText,
  QuanziError,
} from '@quanzi/core';
import * as z from 'zod';
import { maxDescriptionLength } from './fitDescription';

// A form field may come once (a string) or repeated (FixMyStreet sends one media_url per photo).
const one = (schema: z.core.$ZodType<string, string>) =>
  z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.optional(schema));
// Core's plain text (no control characters), so a field the engine would refuse is named here.
const text = (max: number, multiline = false) =>
  one(plainText({ max, multiline }).check(z.trim())).transform((value) =>
    value === '' ? undefined : value,
  );
const coordinate = (limit: number) =>
  z.preprocess((value) => {
    const raw = Array.isArray(value) ? value[0] : value;
    if (typeof raw !== 'string') return raw;
    return raw.trim() === '' ? undefined : Number(raw);
  }, z.number().min(-limit).max(limit).optional());

/**
 * The fields of a GeoReport v2 `POST requests` form, as FixMyStreet and other
 * clients send them. `jurisdiction_id` and `api_key` are the server's to check;
 * `attribute[…]` answers are ignored, since Quanzi's services ask no questions.
 */
export const PostedRequestSchema = z
  .object({
    service_code: one(z.string().trim().min(1).max(200)),
    lat: coordinate(90),
    long: coordinate(180),
    address_string: text(1000),
    address_id: text(200),
    device_id: text(200),
    account_id: text(200),
    // "first last" and "email / phone" each fit the 200 characters of proxyFor's name and contact.
    first_name: text(100),
    last_name: text(99),
    email: text(147),
    phone: text(50),
    description: text(maxDescriptionLength, true),
    media_url: z
      .preprocess(
        (value) => (value === undefined || Array.isArray(value) ? value : [value]),
        z.array(MediaSchema.shape.url).max(20).optional(),
      )
      .transform((urls) => urls ?? []),
  })
  .superRefine((form, context) => {
    if (form.service_code === undefined)
      context.addIssue({
        code: 'custom',
        path: ['service_code'],
        message: bilingualMessage({ en: 'Required', 'zh-CN': '必填' }),
      });
    if ((form.lat === undefined) !== (form.long === undefined))
      context.addIssue({
        code: 'custom',
        path: [form.lat === undefined ? 'lat' : 'long'],
        message: bilingualMessage({
          en: 'lat and long come together',
          'zh-CN': 'lat 与 long 须同时提供',
        }),
      });
    if (form.lat === undefined && !form.address_string && !form.address_id)
      context.addIssue({
        code: 'custom',
        path: ['lat'],
        message: bilingualMessage({
          en: 'A location is required: lat and long, address_string or address_id',
          'zh-CN': '须提供位置：lat 与 long、address_string 或 address_id',
        }),
      });
  });

type ProxySubject = z.infer<typeof ProxySubjectSchema>;

/** A posted form as accepted (strings, or arrays of strings for repeated fields). */
export type PostedRequestInput = z.input<typeof PostedRequestSchema>;

/**
 * The report a posted service request becomes, in the shape of the engine's
 * `report.submit` draft: always anonymous; made by proxy for the person the form
 * names, so their name and contact reach the command center and nobody else.
 */
export interface PostedReportDraft {
  readonly channel: Channel;
  readonly proxyFor?: ProxySubject;
  readonly category: string;
  readonly text: string;
  readonly media: Media[];
  readonly location?: Point;
  readonly anonymous: true;
}

/** Options of {@link postedRequestToDraft}. */
export interface PostedRequestOptions {
  /** The service codes this server offers; another code is refused, naming `service_code`. */
  readonly serviceCodes?: ReadonlySet<string>;
}

function personOf(form: z.output<typeof PostedRequestSchema>): ProxySubject | undefined {
  const name = [form.first_name, form.last_name].filter(Boolean).join(' ');
  const contact = [form.email, form.phone].filter(Boolean).join(' / ');
  if (!name && !contact) return undefined;
  return { name: name || contact, ...(contact ? { contact } : {}) };
}

/**
 * A GeoReport v2 `POST requests` form as a report draft for `report.submit`: the
 * service code as category, `description` (and `address_string`, which Quanzi keeps
 * no field for) as text, `lat`/`long` as the location, each `media_url` as an image,
 * and the person — `first_name`, `last_name`, `email`, `phone` — as `proxyFor`.
 * A bad field throws a `QuanziError` (`invalid_input`) naming it.
 *
 * @example
 * postedRequestToDraft({ service_code: 'shared_bike_parking', lat: '39.909', long: '116.397',
 *   description: '单车乱停', first_name: 'Li', email: 'li@example.cn' });
 */
export function postedRequestToDraft(
  fields: PostedRequestInput,
  options: PostedRequestOptions = {},
): PostedReportDraft {
  const form = parseInput(PostedRequestSchema, fields, { path: [] });
  const category = form.service_code as string;
  if (options.serviceCodes && !options.serviceCodes.has(category))
    throw new QuanziError({
      code: 'invalid_input',
      path: ['service_code'],
      message: {
        en: `"${category.slice(0, 200)}" is not a service of this server`,
        'zh-CN': `“${category.slice(0, 200)}”不是本服务器提供的服务`,
      },
    });
  const address = form.address_string && `Address / 地址: ${form.address_string}`;
  const person = personOf(form);
  return {
    channel: person ? 'proxy' : 'web',
    ...(person ? { proxyFor: person } : {}),
    category,
    text: [form.description, address].filter(Boolean).join('\n\n') || category,
    media: form.media_url.map((url) => ({ type: 'image', url })),
    ...(form.lat !== undefined && form.long !== undefined
      ? { location: { type: 'Point', coordinates: [form.long, form.lat] } }
      : {}),
    anonymous: true,
  };
}

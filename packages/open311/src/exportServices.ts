import {
  type Category,
  CategorySchema,
  defaultCategories,
  type Locale,
  parseInput,
} from '@quanzi/core';
import * as z from 'zod';
import type { GeoReportService } from './geoReport';

// A policy's resolved categories carry extra fields (`minLevel`); they are
// categories all the same, so extra keys are dropped rather than refused.
const looseCategory = z.object(CategorySchema.shape);

/** Categories that only police see are not offered as public services. */
const hidden = new Set<Category['defaultSensitivity']>(['officers', 'command']);

const other = (locale: Locale): Locale => (locale === 'en' ? 'zh-CN' : 'en');

/** Options shared by service export and import. */
export interface ServiceOptions {
  /** The language of `service_name`; the other language goes in `description`. Default `zh-CN`. */
  readonly locale?: Locale;
}

/**
 * The circle's categories (core's `defaultCategories`, or a policy's resolved
 * ones) as GeoReport v2 services: `service_code` is the
 * category code, `service_name` and `description` its name in both languages,
 * `group` its group. Police-only categories (sensitivity `officers` or
 * `command`) are left out.
 *
 * @example
 * exportServices(defaultCategories, { locale: 'en' })[0].service_code; // 'civil_dispute_mediation'
 */
export function exportServices(
  categories: readonly Category[] = defaultCategories,
  options: ServiceOptions = {},
): GeoReportService[] {
  const locale = options.locale ?? 'zh-CN';
  const checked = parseInput(z.array(looseCategory), categories, { path: ['categories'] });
  return checked
    .filter((category) => !hidden.has(category.defaultSensitivity))
    .map((category) => ({
      service_code: category.code,
      service_name: category.name[locale],
      description: category.name[other(locale)],
      metadata: false,
      type: 'realtime',
      keywords: [category.code, category.name[other(locale)]].join(', '),
      group: category.group,
    }));
}

/** Options for {@link importServices}. */
export interface ImportServiceOptions extends ServiceOptions {
  /** Categories already known: their difficulty, sensitivity, qualifications and SLA are kept. */
  readonly known?: readonly Category[];
  /** What a service from elsewhere gets for the fields Open311 does not carry. */
  readonly defaults?: Pick<Category, 'defaultDifficulty' | 'slaHours'>;
}

const groups = new Set<string>(CategorySchema.shape.group.options);

/**
 * GeoReport v2 services as categories. A known code keeps the circle's own
 * settings; a new one becomes a `custom`, public category with the defaults.
 * An invalid result throws a `QuanziError` naming the service.
 */
export function importServices(
  services: readonly GeoReportService[],
  options: ImportServiceOptions = {},
): Category[] {
  const locale = options.locale ?? 'zh-CN';
  const known = new Map((options.known ?? defaultCategories).map((c) => [c.code, c]));
  const defaults = options.defaults ?? { defaultDifficulty: 2, slaHours: 72 };
  return services.map((service, index) => {
    const base = known.get(service.service_code);
    const name = {
      [locale]: service.service_name,
      [other(locale)]: service.description ?? service.service_name,
    } as Category['name'];
    const group = service.group && groups.has(service.group) ? service.group : 'custom';
    const candidate = base
      ? { ...base, name }
      : {
          code: service.service_code,
          name,
          group,
          defaultSensitivity: 'public',
          requiredQualifications: [],
          ...defaults,
        };
    return parseInput(CategorySchema, candidate, { path: ['services', index] });
  });
}

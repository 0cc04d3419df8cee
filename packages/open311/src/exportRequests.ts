import {
  anchorOf,
  type Category,
  coarsenPosition,
  defaultCategories,
  type Locale,
  type Position,
  parseInput,
  type Report,
  ReportSchema,
  type Task,
  TaskSchema,
} from '@quanzi/core';
import {
  type ReportSnapshot,
  ReportSnapshotSchema,
  type TaskSnapshot,
  TaskSnapshotSchema,
} from '@quanzi/lifecycle';
import { type Open311Status, reportToOpen311, taskToOpen311 } from '@quanzi/lifecycle/open311';
import { fitDescription } from './fitDescription';
import { type GeoReportRequest, GeoReportRequestSchema } from './geoReport';

/** A report or a task to publish as a service request, with its lifecycle snapshot. */
export type RequestSubject =
  | { readonly kind: 'report'; readonly report: Report; readonly snapshot?: ReportSnapshot }
  | { readonly kind: 'task'; readonly task: Task; readonly snapshot: TaskSnapshot };

/** Options for {@link exportRequests}. */
export interface RequestExportOptions {
  /** The taxonomy that names services and gives SLAs and default sensitivity. */
  readonly categories?: readonly Category[];
  /** The language of `service_name`. Default `zh-CN`. */
  readonly locale?: Locale;
  /** `agency_responsible`, e.g. the circle's command center. */
  readonly agency?: string;
  /** The host's geocoder, for `address`; Quanzi itself keeps only coordinates. */
  readonly addressOf?: (position: Position) => string | undefined;
}

/** A subject left out of the export, and why. */
export interface WithheldRequest {
  readonly id: string;
  readonly kind: RequestSubject['kind'];
  /**
   * `sensitive`: not public. `unknown_category`: its sensitivity cannot be known, so it
   * is not risked. `anonymous`: a report whose reporter asked to stay anonymous; its
   * text and place could name them.
   */
  readonly reason: 'sensitive' | 'unknown_category' | 'anonymous';
}

/** The outcome of {@link exportRequests}. */
export interface RequestExport {
  readonly requests: readonly GeoReportRequest[];
  readonly withheld: readonly WithheldRequest[];
}

const hours = (from: string, count: number) =>
  new Date(Date.parse(from) + count * 3_600_000).toISOString();

interface Common {
  id: string;
  status: Open311Status;
  category: Category;
  notes: string | null;
  description: string;
  requestedAt: string;
  updatedAt: string | null;
  expectedAt: string | null;
  position: Position | undefined;
  mediaUrl: string | null;
}

function toRequest(common: Common, options: RequestExportOptions): GeoReportRequest {
  const { status } = common;
  // An open-data feed is a public view: places as coarse as the engine's public viewer sees them.
  const position = common.position && coarsenPosition(common.position, 'place');
  return parseInput(GeoReportRequestSchema, {
    service_request_id: common.id,
    status: status.status,
    status_notes: common.notes,
    service_name: common.category.name[options.locale ?? 'zh-CN'],
    service_code: common.category.code,
    description: fitDescription(common.description),
    agency_responsible: options.agency ?? null,
    service_notice: null,
    requested_datetime: common.requestedAt,
    updated_datetime: common.updatedAt,
    expected_datetime: common.expectedAt,
    address: (position && options.addressOf?.(position)) ?? null,
    address_id: null,
    zipcode: null,
    lat: position?.[1] ?? null,
    long: position?.[0] ?? null,
    media_url: common.mediaUrl,
    extended_attributes: { extended_status: status.extendedStatus },
  });
}

// Only what the public may see leaves: never the reporter, the proxy subject,
// the publisher, claimants or internal notes.
function fromReport(
  report: Report,
  snapshot: ReportSnapshot | undefined,
  category: Category,
): Common {
  return {
    id: report.id,
    status: snapshot ? reportToOpen311(snapshot) : { status: 'open', extendedStatus: 'OPEN' },
    category,
    notes: snapshot?.answer ?? null,
    description: report.text,
    requestedAt: report.receivedAt,
    updatedAt: snapshot?.updatedAt ?? null,
    expectedAt: hours(report.receivedAt, category.slaHours),
    position: report.location?.coordinates,
    mediaUrl: report.media[0]?.url ?? null,
  };
}

function fromTask(task: Task, snapshot: TaskSnapshot, category: Category): Common {
  const start = snapshot.publishedAt ?? task.createdAt;
  return {
    id: task.id,
    status: taskToOpen311(snapshot),
    category,
    notes: snapshot.closure?.note ?? null,
    description: `${task.title}\n${task.goal}`,
    requestedAt: task.createdAt,
    updatedAt: snapshot.updatedAt,
    expectedAt: task.deadline ?? hours(start, task.slaHours ?? category.slaHours),
    position: anchorOf(task.location),
    mediaUrl: snapshot.evidence.at(-1)?.media[0]?.url ?? null,
  };
}

/**
 * Reports and tasks as GeoReport v2 service requests: status and extended
 * status from the lifecycle, `expected_datetime` from the deadline or the SLA,
 * `lat`/`long` from the GeoJSON location, coarsened to about 110 m as in every
 * public view (`coarsenPosition(…, 'place')`). Nothing that is not public is
 * exported — a task's own sensitivity or its category's must be `public` — no
 * reporter identity ever is, and an anonymous reporter's report is not exported at
 * all; what is left out comes back in `withheld`.
 *
 * @example
 * const { requests } = exportRequests([{ kind: 'report', report, snapshot }], { agency: '新华警务区' });
 * formatRequests(requests, 'xml');
 */
export function exportRequests(
  subjects: readonly RequestSubject[],
  options: RequestExportOptions = {},
): RequestExport {
  const categories = new Map((options.categories ?? defaultCategories).map((c) => [c.code, c]));
  const requests: GeoReportRequest[] = [];
  const withheld: WithheldRequest[] = [];
  subjects.forEach((subject, index) => {
    const path = [index, subject.kind];
    const parsed =
      subject.kind === 'report'
        ? {
            ...subject,
            report: parseInput(ReportSchema, subject.report, { path }),
            snapshot:
              subject.snapshot &&
              parseInput(ReportSnapshotSchema, subject.snapshot, { path: [index, 'snapshot'] }),
          }
        : {
            ...subject,
            task: parseInput(TaskSchema, subject.task, { path }),
            snapshot: parseInput(TaskSnapshotSchema, subject.snapshot, {
              path: [index, 'snapshot'],
            }),
          };
    const item = parsed.kind === 'report' ? parsed.report : parsed.task;
    if (parsed.kind === 'report' && parsed.report.anonymous) {
      withheld.push({ id: item.id, kind: 'report', reason: 'anonymous' });
      return;
    }
    const category = item.category === undefined ? undefined : categories.get(item.category);
    const own = parsed.kind === 'task' ? parsed.task.sensitivity : undefined;
    if (!category || (own ?? category.defaultSensitivity) !== 'public') {
      withheld.push({
        id: item.id,
        kind: subject.kind,
        reason: category ? 'sensitive' : 'unknown_category',
      });
      return;
    }
    const common =
      parsed.kind === 'report'
        ? fromReport(parsed.report, parsed.snapshot, category)
        : fromTask(parsed.task, parsed.snapshot, category);
    requests.push(toRequest(common, options));
  });
  return { requests, withheld };
}

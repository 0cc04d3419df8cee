import {
  type Category,
  type ClosureReason,
  ClosureReasonSchema,
  defaultCategories,
  type Report,
  ReportSchema,
  type Task,
  TaskSchema,
} from '@quanzi/core';
import {
  createReportSnapshot,
  createTaskSnapshot,
  type TaskSnapshot,
  type TaskState,
} from '@quanzi/lifecycle';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closureReasonOf,
  exportRequests,
  exportServices,
  formatRequests,
  formatServices,
  importServices,
  parseRequests,
  parseServices,
  requestStatus,
  requestToReport,
} from '../src/index';

const report: Report = ReportSchema.parse({
  id: 'r-1',
  circleId: 'xinhua',
  reporterId: 'resident-42',
  channel: 'mobile',
  category: 'shared_bike_parking',
  text: '小区门口共享单车乱停放，挡住盲道',
  media: [{ type: 'image', url: 'https://img.example.org/r-1.jpg' }],
  location: { type: 'Point', coordinates: [116.397, 39.909] },
  anonymous: false,
  receivedAt: '2026-11-29T08:00:00Z',
});

const task: Task = TaskSchema.parse({
  id: 't-1',
  circleId: 'xinhua',
  publisherId: 'cmd',
  source: { kind: 'report', reportId: 'r-1' },
  category: 'road_damage',
  title: 'Fill the pothole on Xinhua Road',
  goal: 'Road surface level and safe',
  location: {
    type: 'LineString',
    coordinates: [
      [116.39, 39.9],
      [116.41, 39.92],
    ],
  },
  createdAt: '2026-11-29T09:00:00Z',
});

function taskIn(state: TaskState, closure?: ClosureReason): TaskSnapshot {
  const base = createTaskSnapshot(task);
  return {
    ...base,
    state,
    publishedAt: '2026-11-29T10:00:00Z',
    updatedAt: '2026-11-30T10:00:00Z',
    closure: closure ? { reason: closure, duplicateOf: null, note: `closed: ${closure}` } : null,
  };
}

const roundTrip = (requests: Parameters<typeof formatRequests>[0], format: 'json' | 'xml') =>
  parseRequests(formatRequests(requests, format), format);

describe('services', () => {
  it('exports the taxonomy without police-only categories, and imports it back as the same categories', () => {
    const services = exportServices(defaultCategories);
    const codes = services.map((s) => s.service_code);
    expect(codes).toContain('shared_bike_parking');
    expect(codes).not.toContain('suspicious_watch');
    expect(codes).not.toContain('clue_screening');
    const bike = services.find((s) => s.service_code === 'shared_bike_parking');
    expect(bike).toMatchObject({
      service_name: '共享单车违规停放',
      description: 'Shared bike parked outside its box',
      group: 'civic',
      type: 'realtime',
    });
    const shown = defaultCategories.filter(
      (c) => c.defaultSensitivity !== 'officers' && c.defaultSensitivity !== 'command',
    );
    for (const format of ['json', 'xml'] as const)
      expect(importServices(parseServices(formatServices(services, format), format))).toEqual(
        shown,
      );
  });

  it("exports a policy's resolved categories, extra fields and all, and refuses a broken one", () => {
    const resolved = defaultCategories.map((c) => ({ ...c, minLevel: 2 }));
    expect(exportServices(resolved)).toEqual(exportServices(defaultCategories));
    const broken = [{ ...defaultCategories[0], slaHours: -1 }] as Category[];
    expect(() => exportServices(broken)).toThrow(
      expect.objectContaining({ path: ['categories', 0, 'slaHours'] }),
    );
  });

  it('imports services from another city as public custom categories with both names', () => {
    const xml = formatServices(exportServices(defaultCategories, { locale: 'en' }), 'xml');
    const [first] = importServices(parseServices(xml, 'xml'), { locale: 'en', known: [] });
    expect(first).toMatchObject({
      code: 'civil_dispute_mediation',
      name: { en: 'Civil dispute mediation', 'zh-CN': '民事纠纷调解' },
      group: 'non_professional_police',
      defaultSensitivity: 'public',
      slaHours: 72,
    });
    const foreign: Category[] = importServices([
      {
        service_code: '001',
        service_name: 'Cans left out 24x7',
        description: null,
        metadata: true,
        type: 'realtime',
        keywords: null,
        group: 'sanitation',
      },
    ]);
    expect(foreign[0]).toMatchObject({
      code: '001',
      group: 'custom',
      name: { 'zh-CN': 'Cans left out 24x7', en: 'Cans left out 24x7' },
    });
  });
});

describe('service requests', () => {
  it("cuts a description over the spec's 4,000 characters, ending it with an ellipsis (#16)", () => {
    const long = { ...report, text: '长'.repeat(3000) + '🚲'.repeat(2000) };
    const { requests } = exportRequests([{ kind: 'report', report: long }], {});
    const description = requests[0]?.description ?? '';
    expect(Array.from(description)).toHaveLength(4000);
    expect(description.endsWith('🚲…')).toBe(true);
    expect(description.startsWith('长'.repeat(3000))).toBe(true);
    const short = exportRequests([{ kind: 'report', report }], {}).requests[0];
    expect(short?.description).toBe(report.text);
  });

  it('exports a report with every field the issue names and round-trips it in both formats', () => {
    const snapshot = {
      ...createReportSnapshot(report),
      state: 'triaged' as const,
      answer: '已派单处理',
      updatedAt: '2026-11-29T08:30:00Z',
    };
    const { requests, withheld } = exportRequests([{ kind: 'report', report, snapshot }], {
      agency: '新华警务区指挥室',
      addressOf: ([lng, lat]) => `${lat},${lng}`,
    });
    expect(withheld).toEqual([]);
    expect(requests[0]).toEqual({
      service_request_id: 'r-1',
      status: 'open',
      status_notes: '已派单处理',
      service_name: '共享单车违规停放',
      service_code: 'shared_bike_parking',
      description: report.text,
      agency_responsible: '新华警务区指挥室',
      service_notice: null,
      requested_datetime: '2026-11-29T08:00:00Z',
      updated_datetime: '2026-11-29T08:30:00Z',
      expected_datetime: '2026-11-30T08:00:00.000Z',
      address: '39.909,116.397',
      address_id: null,
      zipcode: null,
      lat: 39.909,
      long: 116.397,
      media_url: 'https://img.example.org/r-1.jpg',
      extended_attributes: { extended_status: 'INVESTIGATING' },
    });
    for (const format of ['json', 'xml'] as const) {
      const [back] = roundTrip(requests, format);
      expect(back).toEqual({
        ...requests[0],
        requested_datetime: '2026-11-29T08:00:00.000Z',
        updated_datetime: '2026-11-29T08:30:00.000Z',
      });
      const imported = requestToReport(back as NonNullable<typeof back>, {
        circleId: 'xinhua',
        reporterId: 'open311-gateway',
      });
      expect(imported).toMatchObject({
        id: report.id,
        category: report.category,
        text: report.text,
        media: report.media,
        location: report.location,
        anonymous: true,
      });
      expect(Date.parse(imported.receivedAt)).toBe(Date.parse(report.receivedAt));
    }
  });

  it('takes the task expected time from the deadline or the SLA and its position from the geometry', () => {
    const [fromSla] = exportRequests([
      { kind: 'task', task, snapshot: taskIn('in_progress') },
    ]).requests;
    expect(fromSla?.expected_datetime).toBe('2026-12-06T10:00:00.000Z');
    expect([fromSla?.long, fromSla?.lat]).toEqual([116.4, 39.91]);
    expect(fromSla?.description).toBe(
      'Fill the pothole on Xinhua Road\nRoad surface level and safe',
    );
    expect(requestStatus(fromSla as NonNullable<typeof fromSla>)).toEqual({
      status: 'open',
      extendedStatus: 'IN_PROGRESS',
    });
    const withDeadline = { ...task, deadline: '2026-12-01T00:00:00Z' };
    expect(
      exportRequests([{ kind: 'task', task: withDeadline, snapshot: taskIn('published') }])
        .requests[0]?.expected_datetime,
    ).toBe('2026-12-01T00:00:00Z');
  });

  it('maps every closure reason to an extended status and back through the lifecycle table', () => {
    for (const reason of ClosureReasonSchema.options) {
      const { requests } = exportRequests([
        { kind: 'task', task, snapshot: taskIn('closed', reason) },
      ]);
      for (const format of ['json', 'xml'] as const) {
        const [back] = roundTrip(requests, format);
        if (!back) throw new Error('lost the request');
        expect(back.status).toBe('closed');
        expect(back.status_notes).toBe(`closed: ${reason}`);
        // Open311 has no word for a lapsed deadline; the lifecycle reads it back as closed_not_fixed.
        expect(closureReasonOf(back)).toBe(reason === 'expired' ? 'closed_not_fixed' : reason);
      }
    }
  });

  it('never exports a task or report that is not public, and says which were withheld', () => {
    const sensitivities = ['circle', 'qualified', 'officers', 'command'] as const;
    const subjects = [
      ...sensitivities.map((sensitivity, i) => ({
        kind: 'task' as const,
        task: { ...task, id: `t-s${i}`, sensitivity },
        snapshot: taskIn('published'),
      })),
      {
        kind: 'task' as const,
        task: { ...task, id: 't-watch', category: 'suspicious_watch' },
        snapshot: taskIn('published'),
      },
      { kind: 'report' as const, report: { ...report, id: 'r-noise', category: 'noise' } },
      { kind: 'report' as const, report: { ...report, id: 'r-none', category: undefined } },
      {
        kind: 'task' as const,
        task: {
          ...task,
          id: 't-public',
          category: 'suspicious_watch',
          sensitivity: 'public' as const,
        },
        snapshot: taskIn('published'),
      },
    ];
    const { requests, withheld } = exportRequests(subjects);
    expect(requests.map((r) => r.service_request_id)).toEqual(['t-public']);
    expect(withheld.map((w) => [w.id, w.reason])).toEqual([
      ['t-s0', 'sensitive'],
      ['t-s1', 'sensitive'],
      ['t-s2', 'sensitive'],
      ['t-s3', 'sensitive'],
      ['t-watch', 'sensitive'],
      ['r-noise', 'sensitive'],
      ['r-none', 'unknown_category'],
    ]);
  });

  it('never lets a reporter or proxied resident reach the export (property)', () => {
    const exported = (subject: Report) => {
      const { requests } = exportRequests([
        { kind: 'report', report: subject, snapshot: createReportSnapshot(subject) },
      ]);
      return [formatRequests(requests, 'json'), formatRequests(requests, 'xml')];
    };
    const known = exported({
      ...report,
      reporterId: 'resident-42',
      proxyFor: { name: '王秀英', contact: '13912345678' },
    });
    for (const body of known)
      for (const secret of ['resident-42', '王秀英', '13912345678'])
        expect(body).not.toContain(secret);
    const identity = fc.record({
      reporterId: fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/),
      anonymous: fc.boolean(),
      proxyFor: fc.option(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 20 }),
          contact: fc.string({ maxLength: 20 }),
        }),
        { nil: undefined },
      ),
    });
    // Whatever the identity, the bytes are those of a report with none (or, for an
    // anonymous reporter, of no report at all): nothing of it can leak.
    const bare = exported({ ...report, reporterId: 'nobody' });
    const none = [formatRequests([], 'json'), formatRequests([], 'xml')];
    fc.assert(
      fc.property(identity, ({ proxyFor, ...who }) => {
        expect(exported({ ...report, ...who, ...(proxyFor ? { proxyFor } : {}) })).toEqual(
          who.anonymous ? none : bare,
        );
      }),
      { numRuns: 100 },
    );
  });

  it("withholds an anonymous reporter's report and coarsens every place as the public viewer sees it (#15)", () => {
    const exact = {
      type: 'Point' as const,
      coordinates: [116.39512345, 39.90187654] as [number, number],
    };
    const anonymous = { ...report, id: 'r-anon', anonymous: true, location: exact };
    const named = { ...report, id: 'r-named', location: exact };
    const { requests, withheld } = exportRequests([
      { kind: 'report', report: anonymous },
      { kind: 'report', report: named },
      { kind: 'task', task: { ...task, location: exact }, snapshot: createTaskSnapshot(task) },
    ]);
    expect(withheld).toEqual([{ id: 'r-anon', kind: 'report', reason: 'anonymous' }]);
    expect(requests.map((r) => [r.service_request_id, r.long, r.lat])).toEqual([
      ['r-named', 116.395, 39.902],
      [task.id, 116.395, 39.902],
    ]);
    const body = formatRequests(requests, 'json');
    expect(body).not.toContain('39.90187654');
  });

  it('rejects a report it cannot export, naming the subject', () => {
    const broken = { ...report, receivedAt: 'yesterday' };
    expect(() => exportRequests([{ kind: 'report', report: broken }])).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: [0, 'report', 'receivedAt'] }),
    );
    const badSnapshot = {
      ...taskIn('closed', 'resolved'),
      state: 'done',
    } as unknown as TaskSnapshot;
    expect(() => exportRequests([{ kind: 'task', task, snapshot: badSnapshot }])).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: [0, 'snapshot', 'state'] }),
    );
  });
});

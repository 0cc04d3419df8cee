import { defaultCategories, parseInput, ReportSchema } from '@quanzi/core';
import { createReportSnapshot } from '@quanzi/lifecycle';
import { expect, it } from 'vitest';
import {
  closureReasonOf,
  exportRequests,
  exportServices,
  formatRequests,
  formatServices,
  parseRequests,
  requestToReport,
} from '../src/index';

// The README's usage example, kept runnable so it cannot rot.
it('runs the README example', () => {
  const servicesXml = formatServices(exportServices(defaultCategories, { locale: 'zh-CN' }), 'xml');
  expect(servicesXml).toContain('<service_code>shared_bike_parking</service_code>');

  const report = parseInput(ReportSchema, {
    id: 'r-1',
    circleId: 'xinhua',
    reporterId: 'resident-42',
    channel: 'mobile',
    category: 'shared_bike_parking',
    text: '小区门口共享单车乱停放',
    location: { type: 'Point', coordinates: [116.397, 39.909] },
    anonymous: false,
    receivedAt: '2026-11-29T08:00:00Z',
  });
  const { requests, withheld } = exportRequests(
    [{ kind: 'report', report, snapshot: createReportSnapshot(report) }],
    {
      agency: '新华警务区指挥室',
      addressOf: ([lng, lat]) => `${lat.toFixed(4)}, ${lng.toFixed(4)}`,
    },
  );
  expect(withheld).toEqual([]);
  const body = formatRequests(requests, 'json');
  expect(body).not.toContain('resident-42');
  expect(body).toContain('"address": "39.9090, 116.3970"');

  for (const request of parseRequests(formatRequests(requests, 'xml'), 'xml')) {
    const incoming = requestToReport(request, {
      circleId: 'xinhua',
      reporterId: 'open311-gateway',
    });
    expect(incoming).toMatchObject({ id: 'r-1', anonymous: true, reporterId: 'open311-gateway' });
    expect(closureReasonOf(request)).toBeNull();
  }
});

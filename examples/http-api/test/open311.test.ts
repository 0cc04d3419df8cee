import { parseErrors, parsePostedRequests, parseRequests, parseServices } from '@quanzi/open311';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bikeTask, people } from './httpClient';
import {
  createTestClock,
  fmsKey,
  gatewayId,
  jurisdiction,
  startOpen311Service,
} from './open311Service';

const xmlErrors = (body: string) => parseErrors(body, 'xml');
const center = people.find((p) => p.id === 'center');
if (!center) throw new Error('the test circle has a command center');

// What FixMyStreet's Open311 client posts for a problem (form fields, brackets percent-encoded).
const fmsForm = () =>
  new URLSearchParams([
    ['jurisdiction_id', jurisdiction],
    ['api_key', fmsKey],
    [
      'description',
      'title: 单车堵住小区门口\n\ndetail: 七八辆共享单车堵住人行道\n\nSubmitted via FixMyStreet',
    ],
    ['service_code', 'shared_bike_parking'],
    ['first_name', 'Lei'],
    ['last_name', 'Li'],
    ['phone', '13800000000'],
    ['email', 'li.lei@example.cn'],
    ['lat', '39.909123'],
    ['long', '116.397456'],
    ['media_url', 'https://fms.example.cn/photo/1012.full.jpeg'],
    ['attribute[title]', '单车堵住小区门口'],
    ['attribute[fixmystreet_id]', '1012'],
  ]);

describe('Open311 GeoReport v2 endpoints, as FixMyStreet calls them', () => {
  const clock = createTestClock('2026-12-05T08:00:00.000Z');
  let service: Awaited<ReturnType<typeof startOpen311Service>>;
  beforeAll(async () => {
    service = await startOpen311Service(clock);
  });
  afterAll(() => service.api.close());
  const get = (path: string) => service.api.request('GET', path);

  it('GET services.xml and services.json: the public categories of the policy', async () => {
    const answer = await get(`/open311/v2/services.xml?jurisdiction_id=${jurisdiction}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/xml; charset=utf-8/);
    expect(answer.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const services = parseServices(answer.text, 'xml');
    const codes = services.map((s) => s.service_code);
    expect(codes).toContain('shared_bike_parking');
    expect(codes).toContain('tactile_paving');
    // Police-only categories are not services.
    expect(codes).not.toContain('security_info');
    expect(codes).not.toContain('suspicious_watch');
    const json = await get('/open311/v2/services.json');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(parseServices(json.text, 'json')).toEqual(services);
  });

  it('GET services/{code}: the definition of a known service, the spec’s 404 for another', async () => {
    const known = await get(
      `/open311/v2/services/shared_bike_parking.xml?jurisdiction_id=${jurisdiction}`,
    );
    expect(known.status).toBe(200);
    expect(known.text).toMatch(
      /<service_definition>\s*<service_code>shared_bike_parking<\/service_code>\s*<attributes><\/attributes>\s*<\/service_definition>/,
    );
    const unknown = await get('/open311/v2/services/security_info.xml');
    expect(unknown.status).toBe(404);
    expect(xmlErrors(unknown.text)).toEqual([
      { code: 404, description: 'No service "security_info"' },
    ]);
    const json = await get('/open311/v2/services/no_such_service.json');
    expect(json.status).toBe(404);
    expect(json.body).toEqual([{ code: 404, description: 'No service "no_such_service"' }]);
  });

  it('answers another jurisdiction_id and an unknown endpoint with the spec’s 404', async () => {
    const other = await get('/open311/v2/services.json?jurisdiction_id=elsewhere');
    expect(other.status).toBe(404);
    expect(other.body).toEqual([
      { code: 404, description: 'jurisdiction_id: "elsewhere" is not served here' },
    ]);
    const zh = await service.api.request('GET', '/open311/v2/requests.xml?jurisdiction_id=x', {
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(xmlErrors(zh.text)[0]?.description).toMatch(/^jurisdiction_id: 本服务器不受理“x”/);
    const route = await get('/open311/v2/tokens/abc.xml');
    expect(route.status).toBe(404);
    expect(xmlErrors(route.text)[0]?.code).toBe(404);
  });

  it('POST requests.xml: the report reaches the command center and no public feed', async () => {
    const before = service.engine.listReports(center as never).length;
    const posted = await service.postForm('/open311/v2/requests.xml', fmsForm());
    expect(posted.status).toBe(200);
    expect(posted.type).toMatch(/^text\/xml/);
    const [answer, ...more] = parsePostedRequests(posted.text, 'xml');
    expect(more).toEqual([]);
    expect(answer?.service_notice).toMatch(/24 小时/);
    expect(answer?.account_id).toBeNull();
    const id = answer?.service_request_id ?? '';

    // The command center sees who it came from and where, exactly.
    const record = service.engine.getReport(center as never, id);
    expect(service.engine.listReports(center as never)).toHaveLength(before + 1);
    expect(record?.report).toMatchObject({
      reporterId: gatewayId,
      channel: 'proxy',
      anonymous: true,
      proxyFor: { name: 'Lei Li', contact: 'li.lei@example.cn / 13800000000' },
      category: 'shared_bike_parking',
      location: { type: 'Point', coordinates: [116.397456, 39.909123] },
      media: [{ type: 'image', url: 'https://fms.example.cn/photo/1012.full.jpeg' }],
    });
    expect(record?.report.text).toMatch(/七八辆共享单车/);

    // The public feed withholds the anonymous report: no id, person, contact or place.
    const feed = await get('/open311/v2/requests.xml');
    for (const secret of [id, 'Lei', 'li.lei@example.cn', '13800000000', '39.909123', '116.397456'])
      expect(feed.text).not.toContain(secret);
    const single = await get(`/open311/v2/requests/${id}.json`);
    expect(single.status).toBe(404);

    // Once the command center turns it into a task, the task is public — at a coarse place.
    const location = record?.report.location;
    if (!location) throw new Error('the report has a place');
    await service.api.command('center', { type: 'report.prioritize', reportId: id, priority: 2 });
    const { source: _source, ...draft } = bikeTask().task;
    const converted = await service.engine.execute({
      type: 'report.convert',
      idempotencyKey: `convert-${id}`,
      actorId: 'center',
      reportId: id,
      task: { ...draft, location },
    });
    const taskId = converted.status === 'applied' ? converted.taskId : '';
    await service.api.command('center', { type: 'task.publish', taskId });
    const after = await get('/open311/v2/requests.xml');
    const [task] = parseRequests(after.text, 'xml').filter((r) => r.service_request_id === taskId);
    expect(task).toMatchObject({ service_code: 'shared_bike_parking', status: 'open' });
    expect(task?.agency_responsible).toBe('文明城市街道办指挥中心');
    expect([task?.long, task?.lat]).not.toEqual([116.397456, 39.909123]);
    expect(Math.abs((task?.lat ?? 0) - 39.909123)).toBeLessThan(0.002);
    for (const secret of [id, 'Lei', 'li.lei@example.cn', '13800000000', gatewayId])
      expect(after.text).not.toContain(secret);
  });

  it('POST requests.json: refuses a missing or unknown api_key with the spec’s 403, changing nothing', async () => {
    const before = service.engine.listReports(center as never).length;
    const form = fmsForm();
    form.delete('api_key');
    const missing = await service.postForm('/open311/v2/requests.json', form);
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.text)).toEqual([
      { code: 403, description: 'api_key: missing or not valid' },
    ]);
    form.set('api_key', 'guessed');
    const unknown = await service.postForm('/open311/v2/requests.xml', form);
    expect(unknown.status).toBe(403);
    expect(xmlErrors(unknown.text)).toEqual([
      { code: 403, description: 'api_key: missing or not valid' },
    ]);
    expect(service.engine.listReports(center as never)).toHaveLength(before);
  });

  it('POST: names each bad field in a 400, and takes only forms', async () => {
    const before = service.engine.listReports(center as never).length;
    const form = fmsForm();
    form.set('lat', 'north');
    form.set('service_code', 'security_info');
    const bad = await service.postForm('/open311/v2/requests.json', form);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual([
      { code: 400, description: expect.stringMatching(/^lat: /) },
    ]);
    form.set('lat', '39.9');
    const code = await service.postForm('/open311/v2/requests.xml', form);
    expect(code.status).toBe(400);
    expect(xmlErrors(code.text)[0]?.description).toMatch(
      /^service_code: "security_info" is not a service/,
    );
    const asJson = await fetch(`${service.api.address}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: fmsKey, service_code: 'litter', lat: 1, long: 1 }),
    });
    expect(asJson.status).toBe(415);
    expect((await asJson.json())[0].code).toBe(415);
    expect(service.engine.listReports(center as never)).toHaveLength(before);
    // The JSON API keeps refusing forms.
    const v1 = await service.postForm('/v1/commands', fmsForm());
    expect(v1.status).toBe(415);
    expect(v1.type).toMatch(/^application\/problem\+json/);
  });

  it('POST requests.json without a person: a plain anonymous report, answered in JSON', async () => {
    const form = new URLSearchParams({
      api_key: fmsKey,
      service_code: 'litter',
      address_string: '新华路 1 号门口',
      description: '垃圾堆在门口',
    });
    const posted = await service.postForm('/open311/v2/requests.json', form);
    expect(posted.status).toBe(200);
    expect(posted.type).toMatch(/^application\/json/);
    const [answer] = parsePostedRequests(posted.text, 'json');
    const report = service.engine.getReport(center as never, answer?.service_request_id ?? '');
    expect(report?.report).toMatchObject({
      channel: 'web',
      anonymous: true,
      text: '垃圾堆在门口\n\nAddress / 地址: 新华路 1 号门口',
    });
    expect(report?.report).not.toHaveProperty('proxyFor');
    expect(report?.report).not.toHaveProperty('location');
  });

  it('answers the service’s own limits in the spec’s format too', async () => {
    const long = await get(`/open311/v2/requests.json?service_code=${'a'.repeat(5000)}`);
    expect(long.status).toBe(414);
    expect(long.body).toEqual([{ code: 414, description: expect.stringMatching(/URI/) }]);
  });

  it('GET requests with FixMyStreet’s date window, in XML and JSON, and requests/{id}', async () => {
    const created = await service.api.command('center', bikeTask('litter'));
    const taskId: string = created.body.taskId;
    await service.api.command('center', { type: 'task.publish', taskId });
    const window = `start_date=2026-12-04T08:00:00Z&end_date=2026-12-05T09:00:00%2B01:00`;
    const path = `/open311/v2/requests.xml?jurisdiction_id=${jurisdiction}&${window}`;
    const fromXml = parseRequests((await get(path)).text, 'xml');
    expect(fromXml.map((r) => r.service_request_id)).toContain(taskId);
    const fromJson = parseRequests((await get(path.replace('.xml', '.json'))).text, 'json');
    expect(fromJson).toEqual(fromXml);
    const earlier = await get(
      '/open311/v2/requests.json?start_date=2026-11-01T00:00:00Z&end_date=2026-11-30T00:00:00Z',
    );
    expect(parseRequests(earlier.text, 'json')).toEqual([]);
    const one = await get(`/open311/v2/requests/${taskId}.xml`);
    expect(parseRequests(one.text, 'xml')).toEqual(
      fromXml.filter((r) => r.service_request_id === taskId),
    );
    const wide = await get(
      '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z',
    );
    expect(wide.status).toBe(400);
    expect(wide.body[0].description).toMatch(/^end_date: .*at most 90/);
  });
});

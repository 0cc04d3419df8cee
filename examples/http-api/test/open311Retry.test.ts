import { parseErrors, parsePostedRequests } from '@quanzi/open311';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from './httpClient';
import { createTestClock, fmsKey, startOpen311Service } from './open311Service';

const center = people.find((p) => p.id === 'center');
if (!center) throw new Error('the test circle has a command center');

/**
 * The body FixMyStreet's Open311 client (Perl, LWP's `POST $uri, [ jurisdiction_id,
 * api_key, %params ]`) sends for a problem: jurisdiction and key first, the other
 * fields in Perl's hash order, which changes from one run — and one retry — to the
 * next; spaces as `+`, newlines as `%0A`, brackets percent-encoded.
 */
const fixMyStreetBody = (order: readonly string[], detail = '七八辆共享单车堵住人行道') => {
  const fields: Record<string, string> = {
    lat: '39.909123',
    long: '116.397456',
    email: 'li.lei@example.cn',
    description: `title:  单车堵住小区门口\n\ndetail: ${detail}\n\nurl: https://fms.example.cn/report/1012\n\nSubmitted via FixMyStreet\n`,
    service_code: 'shared_bike_parking',
    first_name: 'Lei',
    last_name: 'Li',
    phone: '13800000000',
    media_url: 'https://fms.example.cn/photo/1012.full.jpeg',
    'attribute[title]': '单车堵住小区门口',
    'attribute[fixmystreet_id]': '1012',
  };
  const form = new URLSearchParams([
    ['jurisdiction_id', 'civilized-city'],
    ['api_key', fmsKey],
    ...order.map((name) => [name, fields[name] as string] as [string, string]),
  ]);
  return form.toString();
};
const firstOrder = [
  'long',
  'email',
  'attribute[title]',
  'description',
  'lat',
  'first_name',
  'service_code',
  'media_url',
  'last_name',
  'attribute[fixmystreet_id]',
  'phone',
];
const retryOrder = [...firstOrder].reverse();

describe('Open311 POST requests: a retried post gets the first service_request_id', () => {
  const clock = createTestClock('2026-12-06T10:00:00.000Z');
  let service: Awaited<ReturnType<typeof startOpen311Service>>;
  beforeAll(async () => {
    service = await startOpen311Service(clock);
  });
  afterAll(() => service.api.close());
  const reports = () => service.engine.listReports(center as never).length;
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const answer = await service.postForm('/open311/v2/requests.xml', body, headers);
    expect(answer.status, answer.text).toBe(200);
    const [posted] = parsePostedRequests(answer.text, 'xml');
    return posted?.service_request_id ?? '';
  };

  it('sends FixMyStreet’s form as the test expects it on the wire', () => {
    const body = fixMyStreetBody(firstOrder);
    expect(body.startsWith('jurisdiction_id=civilized-city&api_key=fms-7f3a9c&long=')).toBe(true);
    expect(body).toContain('email=li.lei%40example.cn');
    expect(body).toContain('attribute%5Bfixmystreet_id%5D=1012');
    expect(body).toContain('title%3A++%E5%8D%95');
    expect(body).toContain('%0A%0Adetail%3A+');
  });

  it('a retry after a timeout, fields in another order, files nothing new', async () => {
    const before = reports();
    const first = await post(fixMyStreetBody(firstOrder));
    clock.set('2026-12-06T10:05:00.000Z');
    const retried = await post(fixMyStreetBody(retryOrder));
    expect(retried).toBe(first);
    expect(reports()).toBe(before + 1);
    // JSON and XML are one endpoint: the retry may come in the other format.
    const asJson = await service.postForm('/open311/v2/requests.json', fixMyStreetBody(firstOrder));
    expect(parsePostedRequests(asJson.text, 'json')[0]?.service_request_id).toBe(first);
    expect(reports()).toBe(before + 1);
  });

  it('two identical posts racing each other file one report', async () => {
    clock.set('2026-12-06T12:00:00.000Z');
    const before = reports();
    const body = fixMyStreetBody(firstOrder, '单车倒在盲道上');
    const [a, b, c] = await Promise.all([post(body), post(body), post(body)]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(reports()).toBe(before + 1);
  });

  it('a retry across midnight (the derived key’s window) still finds the first post', async () => {
    clock.set('2026-12-06T23:59:30.000Z');
    const before = reports();
    const body = fixMyStreetBody(firstOrder, '路灯不亮');
    const first = await post(body);
    clock.set('2026-12-07T00:02:00.000Z');
    expect(await post(fixMyStreetBody(retryOrder, '路灯不亮'))).toBe(first);
    expect(reports()).toBe(before + 1);
  });

  it('another problem, or the same one after the 24-hour window, is a new request', async () => {
    clock.set('2026-12-08T09:00:00.000Z');
    const before = reports();
    const first = await post(fixMyStreetBody(firstOrder, '井盖缺失'));
    const other = await post(fixMyStreetBody(firstOrder, '井盖松动'));
    expect(other).not.toBe(first);
    clock.set('2026-12-09T09:00:00.000Z');
    const later = await post(fixMyStreetBody(firstOrder, '井盖缺失'));
    expect(later).not.toBe(first);
    expect(reports()).toBe(before + 3);
  });

  it('honours an Idempotency-Key header, and refuses it for another form', async () => {
    clock.set('2026-12-10T09:00:00.000Z');
    const before = reports();
    const headers = { 'idempotency-key': 'fms-1013-attempt' };
    const first = await post(fixMyStreetBody(firstOrder, '树枝挡住路牌'), headers);
    clock.set('2026-12-12T09:00:00.000Z'); // past the window: the header decides alone
    expect(await post(fixMyStreetBody(retryOrder, '树枝挡住路牌'), headers)).toBe(first);
    expect(reports()).toBe(before + 1);

    const reused = await service.postForm(
      '/open311/v2/requests.json',
      fixMyStreetBody(firstOrder, '另一件事'),
      headers,
    );
    expect(reused.status).toBe(422);
    expect(parseErrors(reused.text, 'json')).toEqual([
      { code: 422, description: 'Idempotency-Key: was already used for another request' },
    ]);
    const bad = await service.postForm(
      '/open311/v2/requests.xml',
      fixMyStreetBody(firstOrder, '另一件事'),
      { 'idempotency-key': 'has spaces in it', 'accept-language': 'zh-CN' },
    );
    expect(bad.status).toBe(400);
    expect(parseErrors(bad.text, 'xml')[0]?.description).toBe(
      'Idempotency-Key: 应为 1 到 128 个不含空格的可打印 ASCII 字符',
    );
    expect(reports()).toBe(before + 1);
  });
});

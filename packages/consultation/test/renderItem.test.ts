import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChannelProfile,
  type ConsultationItem,
  defaultChannelProfiles,
  measureLength,
  renderItem,
} from '../src/index';

const profile = (id: string) => defaultChannelProfiles.find((p) => p.id === id) as ChannelProfile;

const item: ConsultationItem = {
  title: { en: 'Evenings on Xinhua Square', 'zh-CN': '新华广场晚间使用' },
  body: {
    en: 'The square is shared by dancers, parents, shop owners and cyclists. '.repeat(8),
    'zh-CN': '广场由跳舞的居民、家长、商户和骑车人共同使用，请就三个方案发表意见。'.repeat(8),
  },
  media: [
    { type: 'image', url: 'https://example.org/a.jpg' },
    { type: 'image', url: 'https://example.org/b.jpg' },
    { type: 'video', url: 'https://example.org/v.mp4' },
  ],
  link: 'https://portal.example.org/r/1',
};

describe('renderItem', () => {
  it('cuts a long body to the channel limit and keeps the link', () => {
    const result = renderItem(item, profile('weibo'));
    if (!result.ok) throw new Error('expected a rendition');
    expect(result.rendition.truncated).toBe(true);
    expect(measureLength(result.rendition.text, 'grapheme')).toBeLessThanOrEqual(140);
    expect(result.rendition.text.startsWith('【新华广场晚间使用】')).toBe(true);
    expect(result.rendition.text.endsWith('… https://portal.example.org/r/1')).toBe(true);
  });

  it('speaks the channel language and counts CJK double where the channel does', () => {
    const x = renderItem(item, profile('x'));
    if (!x.ok) throw new Error('expected a rendition');
    expect(x.rendition.text).toContain('Evenings on Xinhua Square');
    expect(measureLength('共享单车', 'weighted')).toBe(8);
    expect(measureLength('共享单车', 'grapheme')).toBe(4);
    expect(measureLength('👍🏽ok', 'grapheme')).toBe(3);
  });

  it('keeps the whole text where it fits, in markdown where the channel uses it', () => {
    const result = renderItem(item, profile('wechat'));
    if (!result.ok) throw new Error('expected a rendition');
    expect(result.rendition.truncated).toBe(false);
    expect(result.rendition.text).toBe(`## ${item.title['zh-CN']}\n\n${item.body['zh-CN']}`);
  });

  it('drops media a channel cannot carry and refuses a video channel without video', () => {
    const sms = renderItem(item, profile('sms'));
    expect(sms.ok && sms.rendition.media).toEqual([]);
    expect(sms.ok && sms.rendition.droppedMedia).toBe(3);
    const noVideo = { ...item, media: item.media.filter((m) => m.type !== 'video') };
    expect(renderItem(noVideo, profile('douyin'))).toEqual({
      ok: false,
      channel: 'douyin',
      reason: 'needs_video',
    });
    const douyin = renderItem(item, profile('douyin'));
    expect(douyin.ok && douyin.rendition.media.map((m) => m.type)).toEqual(['video']);
  });

  it('never exceeds any channel limit (property)', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 });
    fc.assert(
      fc.property(
        text,
        text,
        fc.constantFrom(...defaultChannelProfiles),
        fc.boolean(),
        (title, body, p, linked) => {
          const input: ConsultationItem = {
            title: { en: title, 'zh-CN': title },
            body: { en: body, 'zh-CN': body },
            media: [{ type: 'video', url: 'https://example.org/v.mp4' }],
            ...(linked ? { link: 'https://portal.example.org/r/1' } : {}),
          };
          const result = renderItem(input, { ...p, maxLength: Math.min(p.maxLength, 120) });
          if (!result.ok) return false;
          return measureLength(result.rendition.text, p.lengthUnit) <= Math.min(p.maxLength, 120);
        },
      ),
      { numRuns: 200 },
    );
  });
});

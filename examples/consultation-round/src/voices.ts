/** One person's comment as it arrives on a channel. */
export interface Voice {
  readonly author: string;
  readonly text: string;
  readonly hour: number;
  readonly area: string;
  readonly group: string;
}

// What residents of Xinhua said about evening dancing on the square, on Weibo and by
// SMS. Option one: dancing until 21:00; option two: move to the riverside.
// biome-ignore format: one voice per line reads like the comment stream it is
export const weiboVoices: Voice[] = [
  { author: 'w1', text: '支持方案一，晚上九点以后要安静', hour: 1, area: 'north', group: 'workers' },
  { author: 'w2', text: '支持方案一，但是音量也要限制', hour: 2, area: 'north', group: 'families' },
  { author: 'w3', text: '我支持方案二，河边地方大，不扰民', hour: 2, area: 'south', group: 'elderly' },
  { author: 'w4', text: '反对方案二，河边没有路灯，晚上不安全', hour: 5, area: 'south', group: 'elderly' },
  { author: 'w5', text: 'I support option a, the noise after nine is too much', hour: 6, area: 'east', group: 'workers' },
  { author: 'w6', text: '方案一好，孩子晚上要睡觉，噪音太大', hour: 7, area: 'east', group: 'families' },
  { author: 'w7', text: 'Option b is fine but the riverside needs lights', hour: 20, area: 'west', group: 'elderly' },
  { author: 'w8', text: '支持方案一，广场舞音量太大了', hour: 26, area: 'north', group: 'workers' },
  { author: 'w9', text: '支持方案一，噪音影响休息', hour: 27, area: 'east', group: 'families' },
];

/** One author sends the same demand again and again: the flood the inbox must damp. */
export const flood: Voice[] = Array.from({ length: 12 }, (_, i) => ({
  author: 'loud',
  text: i % 2 === 0 ? '坚决支持方案二！！！' : '坚决支持方案二！！！！',
  hour: 30 + i / 60,
  area: 'west',
  group: 'elderly',
}));

// biome-ignore format: one voice per line
export const smsVoices: Voice[] = [
  { author: 's1', text: '支持方案一，晚上太吵', hour: 3, area: 'south', group: 'elderly' },
  { author: 's2', text: '方案二不行，河边太远，老人走不过去', hour: 8, area: 'south', group: 'elderly' },
  { author: 's3', text: '支持方案一', hour: 30, area: 'west', group: 'workers' },
];

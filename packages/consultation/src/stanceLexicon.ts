/** A cue word and its polarity: +1 support, -1 concern. */
export type Cue = readonly [cue: string, polarity: 1 | -1];

// biome-ignore format: word lists read better packed
const support = '支持 解决 赞成 同意 赞同 拥护 点赞 不错 挺好 很好 真好 太好 好主意 可以接受 期待 欢迎 满意 喜欢 support supports supported agree agreed favour favor good great like love prefer welcome better solve solved yes +1 👍'.split(' ');
// biome-ignore format: word lists read better packed
const concern = '反对 不同意 不支持 不赞成 不赞同 担心 担忧 顾虑 不行 不好 不满 不妥 糟糕 失望 瞎搞 没用 oppose opposed against disagree worried worry worries concern concerns concerned bad terrible dislike hate worse useless 👎'.split(' ');
// Issue words signal a concern but are also what people talk about, so they
// stay available as topic keywords.
// biome-ignore format: word lists read better packed
const issues = '太吵 太差 很差 扰民 危险 不安全 浪费 麻烦 不方便 问题 隐患 太远 太贵 noisy poor dangerous unsafe waste problem problems expensive inconvenient no way'.split(' ');

/** Every stance cue, longest first so `不支持` wins over `支持`. */
export const stanceCues: readonly Cue[] = [
  ...support.map((cue): Cue => [cue, 1]),
  ...concern.map((cue): Cue => [cue, -1]),
  ...issues.map((cue): Cue => [cue, -1]),
].sort((a, b) => b[0].length - a[0].length);

/** Cues that only express a stance; topic extraction leaves them out. */
export const pureStanceWords: ReadonlySet<string> = new Set([...support, ...concern]);

/** Chinese characters that negate a cue right after them (`不太担心`, `没问题`). */
export const chineseNegators = /[不没别未无非]/u;

/** English words that negate a cue within the next few words. */
export const englishNegators: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "isn't",
  'isnt',
  "won't",
  "can't",
  'cannot',
  "wasn't",
  "aren't",
  'hardly',
]);

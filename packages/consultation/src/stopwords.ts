// Function words that carry no topic. Short on purpose: topic extraction ranks
// by how many authors use a term, which already sinks most filler.
// biome-ignore format: word lists read better packed
const english = 'a an the and or but if then so of to in on at by for with from as is are was were be been being am i me my we our you your he she it its they them their this that these those there here what which who whom how why when where all any some no not do does did done have has had will would can could should may might must shall just very too also only than more most much many such own same other into out up down over about again once please really still even yes ok okay dont don\'t cant can\'t wont won\'t isnt isn\'t im i\'m its it\'s lets let\'s us get got make made think feel want need like one two'.split(' ');
// biome-ignore format: word lists read better packed
const chinese = '的 了 是 在 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 这些 那些 就 都 也 还 又 和 与 及 或 而 但 但是 不过 可是 因为 所以 如果 虽然 吧 吗 呢 啊 呀 哦 嗯 么 什么 怎么 为什么 有 没 没有 会 能 要 想 觉得 认为 希望 一个 一下 一些 已经 现在 自己 大家 这样 那样 非常 比较 真的 其实 还是 可以 应该 就是 一定 这么 那么 我家 我们家 个 很 太 更 最 把 被 让 给 对 到 从 向 上 下 里 中 说 看 做 去 来 过 着 等 人 多 少 好像 一直 还有 然后 而且 以后 以前 之后 之前 时候 一 二 三'.split(' ');

/** Words skipped by keyword and phrase extraction, English and Chinese. */
export const stopwords: ReadonlySet<string> = new Set([...english, ...chinese]);

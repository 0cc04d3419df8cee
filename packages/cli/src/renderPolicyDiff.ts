import type { Locale, LocalizedText } from '@quanzi/core';
import type { Policy } from '@quanzi/rules';
import { actionNames } from './actionNames';
import type { DiffRole, RightsChange } from './diffPolicies';

const roleNames: Record<DiffRole, LocalizedText> = {
  resident: { en: 'Resident', 'zh-CN': '群众' },
  qualified: { en: 'Qualified participant', 'zh-CN': '具资质者' },
  officer: { en: 'Officer', 'zh-CN': '民警' },
  command: { en: 'Command center', 'zh-CN': '指挥中心' },
};

function levelText({ from, to }: RightsChange['levels'], lang: Locale): string {
  if (lang === 'zh-CN') {
    if (to === null) return `${from} 级及以上`;
    return from === to ? `${from} 级` : `${from}–${to} 级`;
  }
  if (to === null) return `level ${from} and above`;
  return from === to ? `level ${from}` : `levels ${from}–${to}`;
}

function tierText(change: RightsChange, before: Policy, after: Policy, lang: Locale): string {
  const name = (policy: Policy, id: string) =>
    policy.tiers.find((tier) => tier.id === id)?.name[lang] ?? id;
  const was = name(before, change.tier.before);
  const is = name(after, change.tier.after);
  return was === is ? is : `${was} → ${is}`;
}

function whoText(change: RightsChange, before: Policy, after: Policy, lang: Locale): string {
  const zh = lang === 'zh-CN';
  const parts = [roleNames[change.role][lang], levelText(change.levels, lang)];
  const { tags = [], credibility = null } = change.only ?? {};
  if (change.only && tags.length === 0) parts.push(zh ? '无标签' : 'no tags');
  if (tags.length > 0) parts.push(zh ? `标签 ${tags.join('、')}` : `tagged ${tags.join(', ')}`);
  if (change.only)
    parts.push(
      credibility === null
        ? zh
          ? '无信誉记录'
          : 'no credibility yet'
        : zh
          ? `信誉 ${credibility}`
          : `credibility ${credibility}`,
    );
  const tier = tierText(change, before, after, lang);
  return zh ? `${parts.join('，')}（${tier}）` : `${parts.join(', ')} (${tier})`;
}

/**
 * One line per right a policy change gives or takes, naming roles, tiers,
 * categories and actions as the policies and the glossary name them.
 */
export function renderPolicyDiff(
  changes: readonly RightsChange[],
  before: Policy,
  after: Policy,
  lang: Locale,
): string {
  const mark = (allowed: boolean) => (allowed ? '✓' : '✗');
  const colon = lang === 'zh-CN' ? '：' : ': ';
  return changes
    .map((change) => {
      const category =
        (after.categories.get(change.category) ?? before.categories.get(change.category))?.name[
          lang
        ] ?? change.category;
      const why = change.reasons[0]?.message[lang];
      // A right gained shows the denial it lifts; a right lost shows the new denial.
      const lifted = lang === 'zh-CN' ? '不再：' : 'no longer: ';
      const [open, close] = lang === 'zh-CN' ? ['（', '）'] : ['  (', ')'];
      const reason = why ? `${open}${change.after ? lifted : ''}${why}${close}` : '';
      const what = `${category} · ${actionNames[change.action][lang]}`;
      return `${whoText(change, before, after, lang)} · ${what}${colon}${mark(change.before)} → ${mark(change.after)}${reason}`;
    })
    .join('\n');
}

import { QuanziError } from '@quanzi/core';
import type { Round, RoundState } from './round';

/** Throws `invalid_transition` unless the round is in one of `states`. */
export function expectState(round: Round, states: readonly RoundState[], action: string): void {
  if (states.includes(round.state)) return;
  throw new QuanziError({
    code: 'invalid_transition',
    path: ['state'],
    message: {
      en: `Cannot ${action} round ${round.id}: it is ${round.state}, expected ${states.join(' or ')}`,
      'zh-CN': `无法对第 ${round.number} 轮（${round.id}）执行“${action}”：当前状态为 ${round.state}，需要 ${states.join(' 或 ')}`,
    },
  });
}

import { errorHttpStatus, type Locale, type LocalizedText, type QuanziError } from '@quanzi/core';
import type { Refusal } from '@quanzi/engine';

/**
 * An RFC 9457 problem document. `title` and `detail` are in the language the client
 * asked for; `message` carries both, so a portal can show either.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  message: LocalizedText;
  issues?: QuanziError['issues'];
  reasons?: ReadonlyArray<Refusal>;
}

const typeBase = 'https://quanzi.dev/problems/';

/** A thrown `QuanziError` as problem+json, with the status from core's table. */
export function errorProblem(error: QuanziError, lang: Locale): Problem {
  return {
    type: `${typeBase}${error.code}`,
    title: error.code,
    status: errorHttpStatus[error.code],
    detail: error.localized(lang),
    code: error.code,
    message: error.messages,
    issues: error.issues,
  };
}

/**
 * A refused command (the rules or the lifecycle said no, or another writer won a
 * race) as problem+json: 403 for a denial, 409 for a conflict.
 */
export function refusalProblem(
  status: 'denied' | 'conflict',
  reasons: ReadonlyArray<Refusal>,
  lang: Locale,
): Problem {
  const first = reasons[0];
  return {
    type: `${typeBase}${status}`,
    title: status,
    status: status === 'denied' ? 403 : 409,
    detail: reasons.map((reason) => reason.message[lang]).join(' / '),
    code: first?.code ?? status,
    message: first?.message ?? { en: status, 'zh-CN': status },
    reasons,
  };
}

/** `zh-CN` when the client prefers Chinese, else English. */
export function languageOf(acceptLanguage: string | undefined): Locale {
  return /^\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}

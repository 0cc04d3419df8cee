import {
  errorHttpStatus,
  type Locale,
  type LocalizedText,
  type QuanziError,
  type QuanziErrorCode,
} from '@quanzi/core';
import type { Refusal } from '@quanzi/engine';

/**
 * An RFC 9457 problem document. `title` is a short human sentence and `detail` the
 * specifics, both in the language the client asked for; `code` is the stable
 * machine-readable reason; `message` carries the detail in both languages.
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

/** Codes the HTTP layer itself answers with, besides the core's error codes. */
export type TransportCode =
  | 'unauthenticated'
  | 'actor_mismatch'
  | 'host_only'
  | 'route_not_found'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'headers_too_large'
  | 'unsupported_media_type';

const typeBase = 'https://quanzi.dev/problems/';

const titles: Record<QuanziErrorCode | TransportCode | 'denied', LocalizedText> = {
  invalid_input: { en: 'The request is not valid.', 'zh-CN': '请求无效。' },
  invalid_policy: { en: 'The policy is not valid.', 'zh-CN': '规则配置无效。' },
  invalid_formula: { en: 'The formula is not valid.', 'zh-CN': '公式无效。' },
  invalid_scenario: { en: 'The scenario is not valid.', 'zh-CN': '场景无效。' },
  invalid_transition: {
    en: 'The task cannot do that in its current state.',
    'zh-CN': '任务当前状态不允许此操作。',
  },
  forbidden: { en: 'You may not do that.', 'zh-CN': '您无权执行此操作。' },
  not_found: { en: 'Nothing found that you may see.', 'zh-CN': '未找到您可查看的内容。' },
  conflict: {
    en: 'Someone else changed this first.',
    'zh-CN': '内容已被他人抢先修改。',
  },
  idempotency_mismatch: {
    en: 'The idempotency key was already used for another command.',
    'zh-CN': '该幂等键已用于其他命令。',
  },
  storage_failure: { en: 'The store is not available.', 'zh-CN': '存储暂不可用。' },
  audit_broken: { en: 'The audit chain is broken.', 'zh-CN': '审计链已损坏。' },
  unsupported: { en: 'That is not supported.', 'zh-CN': '不支持此操作。' },
  internal: { en: 'Something went wrong on our side.', 'zh-CN': '服务内部出错。' },
  denied: { en: 'The rules refuse this command.', 'zh-CN': '规则拒绝了此命令。' },
  unauthenticated: {
    en: 'A valid credential is required.',
    'zh-CN': '需要有效的身份凭证。',
  },
  actor_mismatch: {
    en: 'You may act only as yourself.',
    'zh-CN': '只能以本人身份操作。',
  },
  host_only: {
    en: 'Only the hosting application may do that.',
    'zh-CN': '只有宿主应用可以执行此操作。',
  },
  route_not_found: { en: 'There is no such route.', 'zh-CN': '不存在该接口。' },
  payload_too_large: { en: 'The request body is too large.', 'zh-CN': '请求体过大。' },
  uri_too_long: { en: 'The request URI is too long.', 'zh-CN': '请求地址过长。' },
  headers_too_large: {
    en: 'The request headers are too large.',
    'zh-CN': '请求头过大。',
  },
  unsupported_media_type: {
    en: 'The request body must be application/json.',
    'zh-CN': '请求体必须为 application/json。',
  },
};

/** A thrown `QuanziError` as problem+json, with the status from core's table. */
export function errorProblem(error: QuanziError, lang: Locale): Problem {
  return {
    type: `${typeBase}${error.code}`,
    title: titles[error.code][lang],
    status: errorHttpStatus[error.code],
    detail: error.localized(lang),
    code: error.code,
    message: error.messages,
    issues: error.issues,
  };
}

/** A refusal by the HTTP layer itself (credentials, limits, routes) as problem+json. */
export function transportProblem(
  status: number,
  code: TransportCode,
  message: LocalizedText,
  lang: Locale,
): Problem {
  return {
    type: `${typeBase}${code}`,
    title: titles[code][lang],
    status,
    detail: message[lang],
    code,
    message,
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
    title: titles[status][lang],
    status: status === 'denied' ? 403 : 409,
    detail: reasons.map((reason) => reason.message[lang]).join(' / '),
    code: first?.code ?? status,
    message: first?.message ?? titles[status],
    reasons,
  };
}

/** `zh-CN` when the client prefers Chinese, else English. */
export function languageOf(acceptLanguage: string | undefined): Locale {
  return /^\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}

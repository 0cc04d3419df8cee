import { formatPath, isQuanziError, QuanziError } from '@quanzi/core';

/**
 * Runs the parser of another package on one section of a scenario (the policy,
 * the lifecycle or reputation settings) and re-raises its error as
 * `invalid_scenario`, with every issue path under the section's own path.
 */
export function sectionOf<T>(section: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!isQuanziError(error)) throw error;
    const found = error.issues.length
      ? error.issues
      : [{ path: error.path, code: error.code, message: error.messages }];
    const issues = found.map((issue) => ({ ...issue, path: [section, ...issue.path] }));
    const where = formatPath;
    throw new QuanziError({
      code: 'invalid_scenario',
      issues,
      message: {
        en: issues.map((issue) => `${where(issue.path)}: ${issue.message.en}`).join('; '),
        'zh-CN': issues
          .map((issue) => `${where(issue.path)}：${issue.message['zh-CN']}`)
          .join('；'),
      },
      cause: error,
    });
  }
}

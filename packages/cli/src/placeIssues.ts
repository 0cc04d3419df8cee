import { errorFromIssues, isQuanziError, type QuanziIssue } from '@quanzi/core';
import { isNode, LineCounter, parseDocument } from 'yaml';

/** The node a path leads to, or its nearest ancestor there is (a missing field points at its parent). */
function nodeAt(document: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]) {
  for (let length = path.length; length > 0; length -= 1) {
    const node = document.getIn(path.slice(0, length) as unknown[], true);
    if (isNode(node) && node.range) return node;
  }
  return undefined;
}

/**
 * A loader's error with the line and column of each field it names in the file's
 * text, so a person finds `tiers[0].radiusMeters` at "line 15, column 19" without
 * counting list items. JSON is YAML, so one parser places both. Anything that is not
 * a `QuanziError` with field issues is returned as it is.
 *
 * @example
 * placeIssues(error, text, 'policy.yaml').message;
 * // 'policy.yaml: tiers[0].radiusMeters: line 15, column 19: expected a number, got "600米"'
 */
export function placeIssues(error: unknown, text: string, source: string): unknown {
  if (!isQuanziError(error) || !error.issues.some((issue) => issue.path.length > 0)) return error;
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (document.errors.length > 0) return error;
  const issues = error.issues.map((issue): QuanziIssue => {
    const node = issue.path.length > 0 ? nodeAt(document, issue.path) : undefined;
    if (!node?.range) return issue;
    const { line, col } = lines.linePos(node.range[0]);
    return {
      ...issue,
      message: {
        en: `line ${line}, column ${col}: ${issue.message.en}`,
        'zh-CN': `第 ${line} 行第 ${col} 列：${issue.message['zh-CN']}`,
      },
    };
  });
  return errorFromIssues(error.code, issues, source, error);
}

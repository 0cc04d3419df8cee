import type { VerifyAuditOptions } from './AuditedEventStore';
import type { AuditVerification } from './AuditVerification';
import type { AuditHead } from './auditChain';
import { openAuditCheckpoint } from './auditCheckpoint';
import { IdSchema } from './circle';
import { parseInput } from './parseInput';
import { QuanziError } from './QuanziError';
import { type AuditChainInput, verifyAuditChain } from './verifyAuditChain';

/** What a store hands {@link verifyAuditLog}: its circles and, for each, the rows to walk. */
export interface AuditSource {
  /** Every circle the store has a chain, head or event for (or just `circleId`'s, if given). */
  circleIds(circleId?: string): Promise<string[]>;
  /** One circle's entries, events and stored head. */
  chain(circleId: string): Promise<Omit<AuditChainInput, 'circleId' | 'checkpoint'>>;
}

/**
 * The body of every store's `verifyAudit`: checks the options and the checkpoint's
 * signature, then walks each circle's chain with {@link verifyAuditChain}. A circle
 * the checkpoint remembers but the store lost entirely counts as truncated.
 */
export async function verifyAuditLog(
  source: AuditSource,
  options: VerifyAuditOptions = {},
): Promise<AuditVerification> {
  const circleId =
    options.circleId === undefined
      ? undefined
      : parseInput(IdSchema, options.circleId, { path: ['circleId'] });
  let heads: ReadonlyArray<AuditHead> = [];
  if (options.checkpoint !== undefined) {
    if (options.publicKey === undefined)
      throw new QuanziError({
        code: 'invalid_input',
        path: ['publicKey'],
        message: {
          en: 'publicKey is required to verify against a checkpoint',
          'zh-CN': '按检查点验证时必须提供 publicKey',
        },
      });
    const opened = await openAuditCheckpoint(options.checkpoint, options.publicKey);
    if (!opened.ok) return opened;
    heads = opened.heads.filter((head) => circleId === undefined || head.circleId === circleId);
  }
  const stored = await source.circleIds(circleId);
  const circles = [...new Set([...stored, ...heads.map((head) => head.circleId)])].sort();
  const marks = new Map(heads.map((head) => [head.circleId, head]));
  let entries = 0;
  for (const circle of circles) {
    const mark = marks.get(circle);
    const result = await verifyAuditChain({
      circleId: circle,
      ...(await source.chain(circle)),
      ...(mark ? { checkpoint: mark } : {}),
    });
    if (typeof result !== 'number') return result;
    entries += result;
  }
  return {
    ok: true,
    circles: circles.length,
    entries,
    checkpoint: options.checkpoint !== undefined,
  };
}

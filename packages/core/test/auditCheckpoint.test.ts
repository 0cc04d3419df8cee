import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditKeyId, auditPublicKey, openAuditCheckpoint, signAuditCheckpoint } from '../src/audit';
import { type AuditHead, chainHash, genesisHash, isQuanziError } from '../src/index';

const time = '2026-12-05T09:00:00.000Z';
const hexKey = fc.uint8Array({ minLength: 32, maxLength: 32 });
const heads = fc.uniqueArray(
  fc.record({
    circleId: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    seq: fc.nat(1_000_000),
    hash: fc.stringMatching(/^[0-9a-f]{64}$/),
  }),
  { selector: (head) => head.circleId, maxLength: 5 },
);

describe('audit checkpoints', () => {
  it('uses standard Ed25519 (RFC 8032 test 1 key pair)', async () => {
    const secret = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const publicKey = await auditPublicKey(secret);
    expect(publicKey).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(auditKeyId(publicKey)).toMatch(/^ed25519:[0-9a-f]{16}$/);
  });

  it('chains with plain SHA-256 of the previous hash, a newline and the entry', () => {
    fc.assert(
      fc.property(fc.string(), (entry) => {
        const expected = createHash('sha256').update(`${genesisHash}\n${entry}`).digest('hex');
        expect(chainHash(genesisHash, entry)).toBe(expected);
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  it('opens what it signed, with bytes or hex keys, whatever order the heads come in', async () => {
    await fc.assert(
      fc.asyncProperty(hexKey, heads, async (secret, list) => {
        const checkpoint = await signAuditCheckpoint({
          heads: [...list].reverse(),
          time,
          privateKey: secret,
        });
        const sorted = [...list].sort((a, b) => (a.circleId < b.circleId ? -1 : 1));
        expect(checkpoint.heads).toEqual(sorted);
        const opened = await openAuditCheckpoint(
          JSON.parse(JSON.stringify(checkpoint)),
          await auditPublicKey(secret),
        );
        expect(opened).toEqual({ ok: true, heads: sorted });
      }),
      { numRuns: 50, seed: 15 },
    );
  });

  it('refuses any changed head, time or signature, and any other key', async () => {
    await fc.assert(
      fc.asyncProperty(
        hexKey,
        heads.filter((list) => list.length > 0),
        fc.nat(),
        fc.constantFrom('seq', 'hash', 'circleId', 'time', 'signature', 'key'),
        async (secret, list, pick, what) => {
          const checkpoint = await signAuditCheckpoint({ heads: list, time, privateKey: secret });
          const i = pick % checkpoint.heads.length;
          const head = checkpoint.heads[i] as AuditHead;
          const flip = (hex: string) => `${hex[0] === 'a' ? 'b' : 'a'}${hex.slice(1)}`;
          const changed = (patch: Partial<AuditHead>) => ({
            ...checkpoint,
            heads: checkpoint.heads.map((h, j) => (j === i ? { ...h, ...patch } : h)),
          });
          const publicKey = await auditPublicKey(secret);
          const cases = {
            seq: [changed({ seq: head.seq + 1 }), 'signature_invalid'],
            hash: [changed({ hash: flip(head.hash) }), 'signature_invalid'],
            circleId: [changed({ circleId: `${head.circleId}x` }), 'signature_invalid'],
            time: [{ ...checkpoint, time: '2026-12-05T09:00:01.000Z' }, 'signature_invalid'],
            signature: [
              { ...checkpoint, signature: flip(checkpoint.signature) },
              'signature_invalid',
            ],
            key: [checkpoint, 'wrong_key'],
          } as const;
          const [document, reason] = cases[what];
          const key = what === 'key' ? await auditPublicKey(flip(publicKey)) : publicKey;
          expect(await openAuditCheckpoint(document, key)).toEqual({ ok: false, reason });
        },
      ),
      { numRuns: 120, seed: 15 },
    );
  });

  it('names the bad field of a malformed checkpoint or key', async () => {
    const secret = '1f'.repeat(32);
    const checkpoint = await signAuditCheckpoint({ heads: [], time, privateKey: secret });
    const pathOf = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        return isQuanziError(error) ? [error.code, error.path] : error;
      }
      return 'no error';
    };
    expect(await pathOf(() => openAuditCheckpoint({ ...checkpoint, keyId: 'k' }, secret))).toEqual([
      'invalid_input',
      ['checkpoint', 'keyId'],
    ]);
    expect(await pathOf(() => openAuditCheckpoint(checkpoint, new Uint8Array(31)))).toEqual([
      'invalid_input',
      ['publicKey'],
    ]);
    expect(
      await pathOf(() => signAuditCheckpoint({ heads: [], time: 'yesterday', privateKey: secret })),
    ).toEqual(['invalid_input', ['time']]);
    expect(await pathOf(() => signAuditCheckpoint({ heads: [], time, privateKey: 'AB' }))).toEqual([
      'invalid_input',
      ['privateKey'],
    ]);
  });
});

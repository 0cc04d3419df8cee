// LocalizedText's shape, spelled here: LocalizedText's schema is built from plainText,
// whose messages come from this catalogue, so importing it would close a cycle.
type LocalizedText = { readonly en: string; readonly 'zh-CN': string };

// English wording → the whole message. zod carries one string per issue, so a schema's
// own message is its English text and parseInput looks the Chinese up here. Entries are
// written when schemas are defined or refined, from fixed wordings, so the map stays small.
const catalogue = new Map<string, LocalizedText>();

/**
 * A schema's own error message in both languages, for zod's `message`/`error` options
 * and `ctx.addIssue`. Returns the English text (what zod shows on its own); issues
 * that go through {@link parseInput} carry the Chinese text as well.
 *
 * @example
 * z.string().regex(/^[a-z]+$/, bilingualMessage({ en: 'Use a-z only', 'zh-CN': '只能使用 a-z' }));
 */
export function bilingualMessage(text: LocalizedText): string {
  catalogue.set(text.en, text);
  return text.en;
}

/** The message registered by {@link bilingualMessage} for an English text, if any. */
export function bilingualMessageFor(en: string): LocalizedText | undefined {
  return catalogue.get(en);
}

/**
 * Provider token detectors as data, and the engine that matches them.
 *
 * `findTokens(text)` runs one case-insensitive keyword pass (Aho-Corasick) over the text and only
 * then the regexes of detectors whose keywords occur, on windows around the hits.
 */
import { DETECTORS } from './catalog/index.js';
import { createTokenMatcher } from './engine.js';
import type { TokenMatch } from './types.js';

export { DETECTORS } from './catalog/index.js';
export { base62, crc32, hasBase62Crc32Tail } from './checksum.js';
export { type CredentialFileKind, credentialFileKind, isCredentialFileName } from './credential-files.js';
export { createTokenMatcher, type TokenMatcher } from './engine.js';
export { isKnownExample, isPlaceholder } from './examples.js';
export type { Detector, TokenMatch } from './types.js';

let defaultMatcher: ReturnType<typeof createTokenMatcher> | undefined;

/** All provider tokens and private keys in `text`, with offsets of each secret. */
export function findTokens(text: string): TokenMatch[] {
  // Built on first use: the scanner builds its own matcher (with the line prefilter's keywords).
  defaultMatcher ??= createTokenMatcher(DETECTORS);
  return defaultMatcher.findTokens(text);
}

/** Looks a detector up by id. */
export function getDetector(id: string): (typeof DETECTORS)[number] | undefined {
  return DETECTORS.find((d) => d.id === id);
}

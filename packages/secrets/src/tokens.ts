/**
 * The provider token detectors (written in `./detectors/`), seen through one small seam so the
 * rest of the package does not depend on their internals.
 */
import {
  createTokenMatcher,
  DETECTORS,
  isCredentialFileName as detectorsIsCredentialFileName,
  isKnownExample as detectorsIsKnownExample,
} from './detectors/index.js';
import type { Detector, TokenMatch } from './detectors/types.js';
import { LINE_KEYWORD_LITERALS, lineKeywordStarts } from './extract/lines.js';

export type { Detector, TokenMatch };
export { DETECTORS };

// One automaton for the detectors' keywords and the line prefilter's, so a file is scanned once.
const matcher = createTokenMatcher(DETECTORS, LINE_KEYWORD_LITERALS);

/** Every provider token found in `text` (offsets in `text`), documentation examples left out. */
export function findTokens(text: string): TokenMatch[] {
  return matcher.findTokens(text).filter((m) => !detectorsIsKnownExample(m.secret));
}

/**
 * `findTokens` plus the match starts of the line prefilter (`LINE_KEYWORDS` in extract/lines),
 * found in the same pass over the text.
 */
export function findTokensAndKeywords(text: string): { tokens: TokenMatch[]; lineKeywords: number[] } {
  const hits: number[] = [];
  const tokens = matcher.scan(text, hits).filter((m) => !detectorsIsKnownExample(m.secret));
  return { tokens, lineKeywords: lineKeywordStarts(text, hits) };
}

/** True for values published in vendor docs (AWS's example key pair, jwt.io's token, Azurite's key...). */
export function isKnownExample(secret: string): boolean {
  return detectorsIsKnownExample(secret);
}

/** True for file names that hold credentials by convention (`id_rsa`, `credentials.json`, `.pypirc`...). */
export function isCredentialFileName(path: string): boolean {
  return detectorsIsCredentialFileName(path);
}

/**
 * The provider token detectors (written in `./detectors/`), seen through one small seam so the
 * rest of the package does not depend on their internals.
 */
import {
  DETECTORS,
  findTokens as detectorsFindTokens,
  isCredentialFileName as detectorsIsCredentialFileName,
  isKnownExample as detectorsIsKnownExample,
} from './detectors/index.js';
import type { Detector, TokenMatch } from './detectors/types.js';

export type { Detector, TokenMatch };
export { DETECTORS };

/** Every provider token found in `text` (offsets in `text`), documentation examples left out. */
export function findTokens(text: string): TokenMatch[] {
  return detectorsFindTokens(text).filter((m) => !detectorsIsKnownExample(m.secret));
}

/** True for values published in vendor docs (AWS's example key pair, jwt.io's token, Azurite's key...). */
export function isKnownExample(secret: string): boolean {
  return detectorsIsKnownExample(secret);
}

/** True for file names that hold credentials by convention (`id_rsa`, `credentials.json`, `.pypirc`...). */
export function isCredentialFileName(path: string): boolean {
  return detectorsIsCredentialFileName(path);
}

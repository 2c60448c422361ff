/** Shared judgement of a key/value pair: is this a secret, and how strong a literal. */

import type { Pair } from '../extract/types.js';
import { hasMaskedTemplate } from '../extract/yaml.js';
import { isNameLikeKey } from '../inspect.js';
import { isAccessKeyIdKey, isCredentialKey, isSlotKey, keyWords } from '../keys.js';
import { isKnownExample } from '../tokens.js';
import { classifyValue, type ValueClass } from '../values.js';

/** npm/yarn rc keys that hold credentials although their names are terse. */
const RC_CREDENTIAL = /(^|:)_(auth|authToken|password)$|^\/\/.*:_(auth|authToken|password)$/;

/** Whether the pair's key names a credential. */
export function pairHasCredentialKey(pair: Pair): boolean {
  return isCredentialKey(pair.key) || RC_CREDENTIAL.test(pair.key);
}

/** Classifies the value of a pair; masked Helm templates are interpolations. */
export function judgePairValue(pair: Pair, value: string = pair.value): ValueClass {
  if (hasMaskedTemplate(value)) return 'interpolation';
  if (value.length > 4096) return 'prose';
  const cls = classifyValue(value, {
    keyWords: keyWords(pair.key),
    nameLike: isNameLikeKey(pair.key),
    code: pair.code === true,
    keyName: pair.key,
    passphrase: pair.dotenv === true && /pass(word|phrase)|passwd/i.test(pair.key),
    slotKey: isSlotKey(pair.key),
    slotKeyName: pair.key,
    accessKeyId: isAccessKeyIdKey(pair.key),
  });
  if (cls === 'literal' && isKnownExample(value)) return 'placeholder';
  return cls;
}

/** A pair whose credential-named key is bound to a literal or weak secret value. */
export function credentialValue(pair: Pair): ValueClass | undefined {
  if (!pairHasCredentialKey(pair)) return undefined;
  const cls = judgePairValue(pair);
  return cls === 'literal' || cls === 'weak' ? cls : undefined;
}

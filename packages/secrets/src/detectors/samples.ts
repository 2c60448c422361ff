/**
 * Deterministic generator of token-shaped sample values. Samples are assembled at load time so no
 * token-looking literal sits in the source (push protection), and they are random-looking so the
 * placeholder filter does not drop them.
 */

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const HEX_UPPER = '0123456789ABCDEF';
export const BASE64 = `${ALNUM}+/`;
export const BASE64URL = `${ALNUM}-_`;
export const DIGITS = '0123456789';

let state = 0x2545f491;

function next(): number {
  // xorshift32: fixed seed, so samples are identical in every run.
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}

/** `length` characters drawn from `alphabet`. */
export function rand(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[next() % alphabet.length];
  return out;
}

export const alnum = (n: number): string => rand(ALNUM, n);
export const hex = (n: number): string => rand(HEX, n);
export const upperDigits = (n: number): string => rand(UPPER_DIGITS, n);
export const lowerDigits = (n: number): string => rand(LOWER_DIGITS, n);
export const b64 = (n: number): string => rand(BASE64, n);
export const b64url = (n: number): string => rand(BASE64URL, n);
export const digits = (n: number): string => rand(DIGITS, n);

/** Joins parts: lets token prefixes be written split (`j('gh', 'p_')`) in sample code. */
export const j = (...parts: string[]): string => parts.join('');

/** A UUID-shaped random value. */
export function uuid(): string {
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

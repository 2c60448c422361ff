import { describe, expect, it } from 'vitest';
import { findTokensAndKeywords } from '../tokens.js';
import { candidateSlices, LINE_KEYWORDS } from './lines.js';

/** Match starts of the reference regex. */
function regexStarts(text: string): number[] {
  const out: number[] = [];
  const re = new RegExp(LINE_KEYWORDS.source, 'gi');
  for (let i = 0; i <= text.length; i++) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) break;
    out.push(m.index);
    i = m.index;
  }
  return out;
}

// Deterministic generator of texts dense in keyword fragments, separators, case changes and
// line terminators (the places where a literal expansion of the regex could go wrong).
function* texts(count: number): Generator<string> {
  let seed = 0x9e3779b9;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  // Written out independently of LINE_KEYWORD_LITERALS, so a literal missing there shows up.
  const words =
    'pass pwd private secret session signing storage service ssh sshpass token cred client access app account admin authori encryption master mysql license jwt hmac deploy webhook x _auth --user identified setcookie';
  const pieces = [
    ...words.split(' '),
    // Every word of the regex too, so a keyword added there without its literal here fails.
    ...(LINE_KEYWORDS.source.match(/[A-Za-z_-]{2,}/g) ?? []),
    'api',
    'basic',
    'key',
    'auth',
    'KEY',
    'Api',
    'PASS',
    '-u',
    '-',
    '_',
    '.',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u2028',
    '\u00a0',
    '\u00e9',
    'x',
    '=',
    'ssh',
    'private',
    'to',
    'ken',
  ];
  for (let n = 0; n < count; n++) {
    let text = '';
    const parts = 1 + Math.floor(next() * 40);
    for (let p = 0; p < parts; p++) {
      let piece = pieces[Math.floor(next() * pieces.length)] as string;
      if (next() < 0.2) piece = piece.toUpperCase();
      text += piece;
      if (next() < 0.1) text += 'y'.repeat(Math.floor(next() * 3000));
    }
    yield text;
  }
}

describe('line keyword prefilter through the detectors automaton', () => {
  it('finds exactly the match starts of LINE_KEYWORDS', () => {
    for (const text of texts(3000)) {
      const { lineKeywords } = findTokensAndKeywords(text);
      expect(lineKeywords, JSON.stringify(text.slice(0, 200))).toEqual(regexStarts(text));
    }
  });

  it('yields the same slices as the regex-driven scan, long lines included', () => {
    for (const text of texts(1500)) {
      const { lineKeywords } = findTokensAndKeywords(text);
      expect(candidateSlices(text, lineKeywords)).toEqual(candidateSlices(text));
    }
  });

  it('finds keywords around the middle of long texts', () => {
    for (const length of [4096, 9001]) {
      for (let shift = -12; shift <= 12; shift++) {
        const at = (length >> 1) + shift;
        const text = `${'z'.repeat(at)}Api-Key: ${'z'.repeat(length - at)}`;
        expect(findTokensAndKeywords(text).lineKeywords, `${length}/${shift}`).toEqual(regexStarts(text));
      }
    }
  });

  it('handles the anchored forms (api.?key, basic.?auth, -u\\s)', () => {
    const starts = (t: string) => findTokensAndKeywords(t).lineKeywords;
    expect(starts('API_KEY=1')).toEqual([0]);
    expect(starts('apiXkey')).toEqual([0]);
    expect(starts('api\nkey')).toEqual([]);
    expect(starts('basic-auth')).toEqual([0]);
    expect(starts('curl -u me:pw')).toEqual([5]);
    expect(starts('x -user')).toEqual([]);
    expect(starts('-u')).toEqual([]);
  });
});

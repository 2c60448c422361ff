import { shannonEntropy } from '@shipshape/core';
import { isKnownExample, isPlaceholder } from './examples.js';
import type { Detector, TokenMatch } from './types.js';

const DEFAULT_BEFORE = 128;
const DEFAULT_AFTER = 512;
/** Alphabet of the prefilter automaton: ASCII only; other code units reset it to the root. */
const SIGMA = 128;
/** Matches this close to a window edge that is not a text edge are re-checked on the full text. */
const EDGE = 16;
/** Above this many windows for one detector, its regex runs once over the whole text. */
const MAX_WINDOWS = 32;
/**
 * Above this many hits of its anchor keyword, an anchored detector's regex runs once over the
 * whole text instead of once per hit: a sticky attempt costs about as much as a global search
 * over ~16 characters, so dense hits (`path` everywhere for a `pat` anchor) go global.
 */
function anchoredHitLimit(length: number): number {
  return Math.max(256, length >> 4);
}
/** Texts at least this long run the automaton as two interleaved streams. */
const SPLIT_MIN = 4096;

interface CompiledDetector {
  detector: Detector;
  /** Clone of the pattern with the `d` flag, for the secret group's offsets. */
  regex: RegExp;
  /** Sticky clone, to re-check a match near a window edge against the full text. */
  sticky: RegExp;
  before: number;
  after: number;
  priority: number;
  /**
   * A keyword every match starts with (see `anchorKeyword`): the regex then runs sticky at each
   * hit of that keyword instead of over windows.
   */
  anchor: string | undefined;
}

/** Characters with a meaning in a regex outside a class; any other character is itself. */
const REGEX_SPECIAL = new Set([...'\\^$.|?*+()[]{}']);

/** Whether `c` starts a quantifier (`?`, `*`, `+`, `{n}`). */
function isQuantifier(c: string | undefined): boolean {
  return c === '?' || c === '*' || c === '+' || c === '{';
}

/** Index just past the group opening at `source[start]` (`(`), or -1. */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * The literal every match of `source` starts with, when the pattern has the shape
 * `[lookbehinds](?<secret>LITERAL...)...` (or `(?:` / no group) with no alternation at its top
 * level or in that first group; undefined otherwise.
 */
export function literalPrefix(source: string): string | undefined {
  let i = 0;
  while (source.startsWith('(?<!', i) || source.startsWith('(?<=', i)) {
    i = groupEnd(source, i);
    if (i === -1) return undefined;
  }
  let groupDepth = 0;
  if (source.startsWith('(?<secret>', i) || source.startsWith('(?:', i)) {
    const end = groupEnd(source, i);
    // An optional or repeated first group does not fix how a match starts.
    if (end === -1 || isQuantifier(source[end])) return undefined;
    i += source.startsWith('(?:', i) ? 3 : '(?<secret>'.length;
    groupDepth = 1;
  }
  // No `|` at the top level or directly in the first group (or, conservatively, in any group at that depth).
  let depth = 0;
  for (let j = 0; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') j++;
    else if (c === '[') {
      for (j++; j < source.length && source[j] !== ']'; j++) if (source[j] === '\\') j++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth <= groupDepth) return undefined;
  }
  let literal = '';
  while (i < source.length) {
    let c = source[i] as string;
    let width = 1;
    if (c === '\\') {
      const escaped = source[i + 1] ?? '';
      // `\d`, `\w`, `\b`, `\x41`, `\1`...: not a plain literal character.
      if (escaped === '' || /[A-Za-z0-9]/.test(escaped)) break;
      c = escaped;
      width = 2;
    } else if (REGEX_SPECIAL.has(c)) break;
    // A quantified character is not a fixed part of every match.
    if (isQuantifier(source[i + width])) break;
    literal += c;
    i += width;
  }
  return literal === '' ? undefined : literal;
}

/** A keyword of `detector` that every match of its pattern starts with, if its pattern shows one. */
export function anchorKeyword(detector: Detector): string | undefined {
  const prefix = literalPrefix(detector.pattern.source)?.toLowerCase();
  if (prefix === undefined) return undefined;
  return detector.keywords.map((k) => k.toLowerCase()).find((k) => prefix.startsWith(k));
}

/**
 * Aho-Corasick automaton over lowercase keywords. Input characters are first mapped to a small set
 * of classes (one per character that occurs in some keyword, A-Z folded onto a-z, everything else
 * class 0), which keeps the transition table small enough to stay in cache.
 */
interface Automaton {
  /** Character class of every UTF-16 code unit (non-keyword characters are class 0). */
  classes: Uint8Array;
  /**
   * Transitions by row: `delta[row + class]` is the next state's row (`state * classCount`), or
   * `~row` when that state ends a keyword, so the hot loop needs no multiply and no second lookup.
   */
  delta: Int32Array;
  /** Keyword indices ending in each state (including via failure links), indexed by row / classCount. */
  outputs: (number[] | undefined)[];
  classCount: number;
}

function buildAutomaton(keywords: readonly string[]): Automaton {
  const classes = new Uint8Array(0x10000);
  let classCount = 1;
  for (const keyword of keywords) {
    for (let i = 0; i < keyword.length; i++) {
      const code = keyword.charCodeAt(i);
      if (code >= SIGMA) throw new Error(`detector keyword must be ASCII: ${keyword}`);
      if (classes[code] === 0) classes[code] = classCount++;
    }
  }
  for (let code = 65; code <= 90; code++) classes[code] = classes[code + 32] as number;
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const cls = classes[keyword.charCodeAt(i)] as number;
      const node = children[state] as Map<number, number>;
      let nextState = node.get(cls);
      if (nextState === undefined) {
        nextState = children.length;
        children.push(new Map());
        ends.push([]);
        node.set(cls, nextState);
      }
      state = nextState;
    }
    (ends[state] as number[]).push(index);
  });
  const count = children.length;
  const delta = new Int32Array(count * classCount);
  const fail = new Int32Array(count);
  // Breadth-first: a state's failure target is always complete before its children are built.
  const queue: number[] = [];
  for (let cls = 1; cls < classCount; cls++) {
    const child = (children[0] as Map<number, number>).get(cls);
    if (child !== undefined) {
      delta[cls] = child;
      queue.push(child);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const node = children[state] as Map<number, number>;
    const failState = fail[state] as number;
    (ends[state] as number[]).push(...(ends[failState] as number[]));
    for (let cls = 0; cls < classCount; cls++) {
      const child = cls === 0 ? undefined : node.get(cls);
      if (child !== undefined) {
        fail[child] = delta[failState * classCount + cls] as number;
        delta[state * classCount + cls] = child;
        queue.push(child);
      } else {
        delta[state * classCount + cls] = delta[failState * classCount + cls] as number;
      }
    }
  }
  const outputs = ends.map((list) => (list.length > 0 ? [...new Set(list)] : undefined));
  // Re-encode targets as row offsets, complemented when the target state has outputs.
  for (let i = 0; i < delta.length; i++) {
    const target = delta[i] as number;
    delta[i] = outputs[target] === undefined ? target * classCount : ~(target * classCount);
  }
  return { classes, delta, outputs, classCount };
}

export interface TokenMatcher {
  readonly detectors: readonly Detector[];
  findTokens(text: string): TokenMatch[];
  /**
   * `findTokens` that also reports, in the same pass over the text, every occurrence of the extra
   * keywords given to `createTokenMatcher` (case-insensitive): pushes `start, extraIndex` pairs
   * onto `hits`, ordered by end offset.
   */
  scan(text: string, hits: number[]): TokenMatch[];
}

/**
 * Compiles detectors into a matcher: one case-insensitive Aho-Corasick pass finds keyword hits,
 * then each hit detector's regex runs only over merged windows around its hits. `extraKeywords`
 * (ASCII) ride along in the same automaton for callers that need their own prefilter (`scan`).
 */
export function createTokenMatcher(
  detectors: readonly Detector[],
  extraKeywords: readonly string[] = [],
): TokenMatcher {
  const compiled: CompiledDetector[] = detectors.map((detector) => {
    const { pattern } = detector;
    if (!pattern.global) throw new Error(`detector ${detector.id}: pattern must be global`);
    const flags = pattern.flags.includes('d') ? pattern.flags : `${pattern.flags}d`;
    return {
      detector,
      regex: new RegExp(pattern.source, flags),
      sticky: new RegExp(pattern.source, flags.includes('y') ? flags : `${flags}y`),
      before: detector.window?.before ?? DEFAULT_BEFORE,
      after: detector.window?.after ?? DEFAULT_AFTER,
      priority: detector.priority ?? 0,
      anchor: anchorKeyword(detector),
    };
  });
  const keywordIndex = new Map<string, number>();
  const keywordDetectors: number[][] = [];
  compiled.forEach((entry, detectorIndex) => {
    for (const raw of entry.detector.keywords) {
      const keyword = raw.toLowerCase();
      // An anchored detector needs only its anchor's hits: every match starts at one.
      if (entry.anchor !== undefined && keyword !== entry.anchor) continue;
      let index = keywordIndex.get(keyword);
      if (index === undefined) {
        index = keywordDetectors.length;
        keywordIndex.set(keyword, index);
        keywordDetectors.push([]);
      }
      (keywordDetectors[index] as number[]).push(detectorIndex);
    }
  });
  // Extra keywords share the automaton; `keywordExtras[k]` lists the extra indices keyword k stands for.
  const keywordExtras: (number[] | undefined)[] = [];
  extraKeywords.forEach((raw, extraIndex) => {
    const keyword = raw.toLowerCase();
    let index = keywordIndex.get(keyword);
    if (index === undefined) {
      index = keywordDetectors.length;
      keywordIndex.set(keyword, index);
      keywordDetectors.push([]);
    }
    const list = keywordExtras[index];
    if (list === undefined) keywordExtras[index] = [extraIndex];
    else list.push(extraIndex);
  });
  const keywords = [...keywordIndex.keys()];
  const keywordLengths = keywords.map((k) => k.length);
  const automaton = buildAutomaton(keywords);
  const windows: (number[] | undefined)[] = new Array(compiled.length).fill(undefined);
  const NO_HITS: number[] = [];

  function findTokens(text: string): TokenMatch[] {
    return scan(text, NO_HITS);
  }

  const maxKeywordLength = Math.max(1, ...keywordLengths);
  // Output states reached, as flat [endOffset, row, ...] pairs (`hitCount` numbers used); reused
  // across calls and only ever grown, so keyword-dense texts cost no reallocation per call.
  let stateHits: Int32Array<ArrayBuffer> = new Int32Array(1024);
  let tailHits: Int32Array<ArrayBuffer> = new Int32Array(1024);
  let hitCount = 0;
  let tailCount = 0;
  const grow = (array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
    const larger = new Int32Array(array.length * 2);
    larger.set(array);
    return larger;
  };

  /**
   * The automaton pass: records every output state reached. Long texts run as two interleaved
   * streams (first half, and second half from `maxKeywordLength - 1` before the middle), so the
   * two chains of dependent table lookups overlap in the CPU; the second stream only reports
   * keywords ending in its half, where its state is exact (any keyword ending there starts inside
   * the stream). Hits come out ordered by end offset.
   */
  function runAutomaton(text: string): void {
    const { classes, delta } = automaton;
    const length = text.length;
    hitCount = 0;
    tailCount = 0;
    let a = 0;
    let rowA = 0;
    if (length >= SPLIT_MIN) {
      const mid = length >> 1;
      let b = Math.max(0, mid - (maxKeywordLength - 1));
      let rowB = 0;
      for (; a < mid; a++, b++) {
        const nextA = delta[rowA + (classes[text.charCodeAt(a)] as number)] as number;
        const nextB = delta[rowB + (classes[text.charCodeAt(b)] as number)] as number;
        if ((nextA | nextB) >= 0) {
          rowA = nextA;
          rowB = nextB;
          continue;
        }
        if (nextA < 0) {
          rowA = ~nextA;
          if (hitCount + 2 > stateHits.length) stateHits = grow(stateHits);
          stateHits[hitCount++] = a;
          stateHits[hitCount++] = rowA;
        } else rowA = nextA;
        if (nextB < 0) {
          rowB = ~nextB;
          if (b >= mid) {
            if (tailCount + 2 > tailHits.length) tailHits = grow(tailHits);
            tailHits[tailCount++] = b;
            tailHits[tailCount++] = rowB;
          }
        } else rowB = nextB;
      }
      for (; b < length; b++) {
        const next = delta[rowB + (classes[text.charCodeAt(b)] as number)] as number;
        if (next >= 0) rowB = next;
        else {
          rowB = ~next;
          if (b >= mid) {
            if (tailCount + 2 > tailHits.length) tailHits = grow(tailHits);
            tailHits[tailCount++] = b;
            tailHits[tailCount++] = rowB;
          }
        }
      }
      while (hitCount + tailCount > stateHits.length) stateHits = grow(stateHits);
      stateHits.set(tailHits.subarray(0, tailCount), hitCount);
      hitCount += tailCount;
      return;
    }
    for (; a < length; a++) {
      const next = delta[rowA + (classes[text.charCodeAt(a)] as number)] as number;
      if (next >= 0) rowA = next;
      else {
        rowA = ~next;
        if (hitCount + 2 > stateHits.length) stateHits = grow(stateHits);
        stateHits[hitCount++] = a;
        stateHits[hitCount++] = rowA;
      }
    }
  }

  function scan(text: string, hits: number[]): TokenMatch[] {
    if (text.length === 0 || keywords.length === 0) return [];
    const wantExtras = hits !== NO_HITS;
    const { classCount, outputs } = automaton;
    const length = text.length;
    runAutomaton(text);
    const anchoredCap = anchoredHitLimit(length);
    // Per detector: flat [start, end, start, end...] windows, merged as hits arrive in order.
    // The arrays are reused across calls (findTokens is synchronous); `touched` lists what to reset.
    const touched: number[] = [];
    for (let h = 0; h < hitCount; h += 2) {
      const i = stateHits[h] as number;
      const out = outputs[(stateHits[h + 1] as number) / classCount] as number[];
      for (const keyword of out) {
        const hitStart = i + 1 - (keywordLengths[keyword] as number);
        if (wantExtras) {
          const extras = keywordExtras[keyword];
          if (extras !== undefined) for (const extraIndex of extras) hits.push(hitStart, extraIndex);
        }
        for (const detectorIndex of keywordDetectors[keyword] as number[]) {
          const entry = compiled[detectorIndex] as CompiledDetector;
          if (entry.anchor !== undefined) {
            // Anchored: the list holds hit starts (ascending: one keyword, hits by end offset).
            const starts = windows[detectorIndex];
            if (starts === undefined) {
              windows[detectorIndex] = [hitStart];
              touched.push(detectorIndex);
            } else if (starts.length <= anchoredCap) starts.push(hitStart);
            // (past the cap the regex runs over the whole text: more starts are not needed)
            continue;
          }
          const start = Math.max(0, hitStart - entry.before);
          const end = Math.min(length, i + 1 + entry.after);
          let list = windows[detectorIndex];
          if (list === undefined) {
            list = [start, end];
            windows[detectorIndex] = list;
            touched.push(detectorIndex);
          } else if (start <= (list[list.length - 1] as number)) {
            // Hits arrive by end offset; a longer keyword may start before the current window.
            if (start < (list[list.length - 2] as number)) list[list.length - 2] = start;
            if (end > (list[list.length - 1] as number)) list[list.length - 1] = end;
          } else {
            list.push(start, end);
          }
        }
      }
    }
    if (touched.length === 0) return [];
    try {
      return matchWindows(text, touched);
    } finally {
      for (const detectorIndex of touched) windows[detectorIndex] = undefined;
    }
  }

  function matchWindows(text: string, touched: readonly number[]): TokenMatch[] {
    const candidates: { match: TokenMatch; priority: number }[] = [];
    for (const detectorIndex of touched) {
      const entry = compiled[detectorIndex] as CompiledDetector;
      let list = windows[detectorIndex] as number[];
      if (entry.anchor !== undefined) {
        if (list.length <= anchoredHitLimit(text.length)) {
          matchAnchored(text, entry, list, candidates);
          continue;
        }
        // Very dense hits (`path` everywhere for a `pat` anchor): one global pass over the whole
        // text finds the same matches at less cost than a sticky attempt per hit.
        list = [0, text.length];
      }
      // Many separate windows (a keyword-dense file): one pass over the whole text is cheaper than
      // slicing and re-checking edges window by window, and matches the same secrets.
      if (list.length > MAX_WINDOWS * 2) list = [0, text.length];
      let lastEnd = -1;
      for (let w = 0; w < list.length; w += 2) {
        const windowStart = list[w] as number;
        const windowEnd = list[w + 1] as number;
        const slice = windowStart === 0 && windowEnd === text.length ? text : text.slice(windowStart, windowEnd);
        const regex = entry.regex;
        regex.lastIndex = 0;
        for (let m = regex.exec(slice); m !== null; m = regex.exec(slice)) {
          if (m[0].length === 0) regex.lastIndex++;
          let span = m.indices?.groups?.secret;
          let offset = windowStart;
          // Near a cut edge, lookarounds and greedy runs saw a truncated text: re-match on the full text.
          const nearStart = windowStart > 0 && m.index < EDGE;
          const nearEnd = windowEnd < text.length && m.index + m[0].length > slice.length - EDGE;
          if (nearStart || nearEnd) {
            entry.sticky.lastIndex = windowStart + m.index;
            const full = entry.sticky.exec(text);
            span = full?.indices?.groups?.secret;
            offset = 0;
          }
          if (span === undefined) continue;
          const start = offset + span[0];
          const end = offset + span[1];
          // Windows may overlap after padding: report each secret once.
          if (start < lastEnd) continue;
          if (consider(text, entry, start, end, candidates)) lastEnd = end;
        }
      }
    }
    return resolveOverlaps(candidates);
  }

  /**
   * Every match starts at a hit of the anchor keyword: trying the sticky regex at each hit, in
   * order and skipping hits inside the previous match, finds exactly the matches a global search
   * of the whole text would.
   */
  function matchAnchored(
    text: string,
    entry: CompiledDetector,
    starts: readonly number[],
    candidates: { match: TokenMatch; priority: number }[],
  ): void {
    const sticky = entry.sticky;
    let resume = 0;
    for (const at of starts) {
      if (at < resume) continue;
      sticky.lastIndex = at;
      const m = sticky.exec(text);
      if (m === null) continue;
      resume = m.index + Math.max(1, m[0].length);
      const span = m.indices?.groups?.secret;
      if (span !== undefined) consider(text, entry, span[0], span[1], candidates);
    }
  }

  /** Adds the secret at `start..end` as a candidate unless the detector's checks reject it. */
  function consider(
    text: string,
    entry: CompiledDetector,
    start: number,
    end: number,
    candidates: { match: TokenMatch; priority: number }[],
  ): boolean {
    const secret = text.slice(start, end);
    if (!acceptSecret(entry.detector, secret)) return false;
    const checksum = entry.detector.checksum === undefined ? undefined : entry.detector.checksum(secret);
    candidates.push({
      match: {
        detectorId: entry.detector.id,
        title: entry.detector.title,
        secret,
        start,
        end,
        severity: checksum === false ? 'medium' : entry.detector.severity,
        kind: 'token',
        ...(checksum === undefined ? {} : { checksum: checksum ? 'valid' : 'invalid' }),
      },
      priority: entry.priority,
    });
    return true;
  }

  return { detectors, findTokens, scan };
}

function acceptSecret(detector: Detector, secret: string): boolean {
  if (secret.length === 0) return false;
  if (isKnownExample(secret)) return false;
  if (!detector.allowPlaceholderLike && isPlaceholder(secret)) return false;
  if (detector.minEntropy !== undefined && shannonEntropy(secret) < detector.minEntropy) return false;
  if (detector.validate !== undefined && !detector.validate(secret)) return false;
  return true;
}

/** Where secrets of different detectors overlap, keeps the higher priority, then the longer one. */
function resolveOverlaps(candidates: { match: TokenMatch; priority: number }[]): TokenMatch[] {
  if (candidates.length <= 1) return candidates.map((c) => c.match);
  candidates.sort(
    (a, b) =>
      a.match.start - b.match.start ||
      b.priority - a.priority ||
      b.match.end - b.match.start - (a.match.end - a.match.start) ||
      (a.match.detectorId < b.match.detectorId ? -1 : 1),
  );
  const kept: { match: TokenMatch; priority: number }[] = [];
  for (const candidate of candidates) {
    const last = kept[kept.length - 1];
    if (last === undefined || candidate.match.start >= last.match.end) {
      kept.push(candidate);
      continue;
    }
    const better =
      candidate.priority > last.priority ||
      (candidate.priority === last.priority &&
        candidate.match.end - candidate.match.start > last.match.end - last.match.start);
    if (better) kept[kept.length - 1] = candidate;
  }
  return kept.map((c) => c.match);
}

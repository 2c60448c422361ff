import type { Severity } from '@shipshape/core';

/** A provider token format described as data: keywords for the prefilter, a pattern, checks. */
export interface Detector {
  /** Kebab-case id; the analyzer turns it into the rule `secrets/<id>`. */
  id: string;
  /** One-line title, e.g. "GitHub personal access token (classic)". */
  title: string;
  /** One or two sentences for the generated rule docs. */
  description: string;
  severity: Severity;
  /**
   * Lowercase literals; the pattern only runs near an occurrence of one of them (case-insensitive).
   * Each keyword should occur inside (or right before) every match.
   */
  keywords: string[];
  /** Global regex with a named group `secret`. Bounded repetitions only. */
  pattern: RegExp;
  /** Structural check on the secret (decodable header, character mix...); false drops the match. */
  validate?: (secret: string) => boolean;
  /**
   * Checksum the format embeds (GitHub's and npm's CRC32 tail). A match whose checksum fails is
   * still reported, as `checksum: 'invalid'` with severity lowered to `medium`: the prefix and shape
   * are distinctive enough that it is most likely a (possibly mistyped or synthetic) credential.
   */
  checksum?: (secret: string) => boolean;
  /** Minimum Shannon entropy (bits/char) of the secret. */
  minEntropy?: number;
  /** Peer rule ids (gitleaks rule ids; TruffleHog detector names). */
  aliases: string[];
  tags?: string[];
  /**
   * How far around a keyword hit the pattern may reach, in characters
   * (defaults: 128 before, 512 after the keyword).
   */
  window?: { before: number; after: number };
  /** When matches of two detectors overlap, the higher priority wins (default 0), then the longer secret. */
  priority?: number;
  /** Skip the generic placeholder filter (for formats whose bodies legitimately look regular). */
  allowPlaceholderLike?: boolean;
  /** True/false positive samples, generated or obviously fake. */
  samples: { positive: string[]; negative: string[] };
}

export interface TokenMatch {
  detectorId: string;
  title: string;
  /** The raw secret: callers must redact it before it leaves the process. */
  secret: string;
  /** Offset of the secret group within the scanned text. */
  start: number;
  /** End offset (exclusive) of the secret group. */
  end: number;
  severity: Severity;
  kind: 'token';
  /** Present for formats with a checksum: whether the secret's checksum holds. */
  checksum?: 'valid' | 'invalid';
}

/**
 * Redacts a secret for display: at most the first 4 characters (fewer for short values) and the
 * length. Never returns enough of the value to use it.
 */
export function redact(secret: string): string {
  const shown = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, shown)}${'*'.repeat(Math.min(8, Math.max(4, secret.length - shown)))} (${secret.length} chars)`;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Replaces every occurrence of the given raw secrets in `text` with their redacted form. */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(redact(secret));
  }
  return out;
}

// What looks like a secret on a line, for displays that show source text (code frames). Broad on
// purpose: hiding a harmless value costs a reader little, printing a secret that a suppression
// or the baseline hid from the findings leaks it. Inputs are bounded by the caller (a window of
// one line), and no pattern nests quantifiers.
const SECRET_KEY =
  /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|signing[_-]?key|encryption[_-]?key|auth|credentials?|bearer|cookie|session|salt|dsn|conn(?:ection)?[_-]?str(?:ing)?)/gi;
const KEY_TAIL = /^[A-Za-z0-9_.-]{0,40}["']?\s{0,8}(?:=>|:=|=|:)\s{0,8}/;
const URL_PASSWORD = /[a-z][a-z0-9+.-]{0,20}:\/\/[^\s:@/]{1,256}:([^\s@/]{1,512})@/gi;
const PREFIXED_TOKEN =
  /(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}|glpat-[A-Za-z0-9_-]{20,255}|xox[abeprs]-[A-Za-z0-9-]{10,255}|(?:AKIA|ASIA)[0-9A-Z]{16}|[sr]k_(?:live|test)_[0-9A-Za-z]{16,255}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,4096})/g;
const TOKEN_RUN = /[A-Za-z0-9+/_\-.~]{20,}={0,2}/g;

/** Where a value starting at `from` ends: a quoted string, or a run up to whitespace or a separator. */
function valueEnd(line: string, from: number): number {
  const quote = line[from];
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = line.indexOf(quote, from + 1);
    return close === -1 ? line.length : close + 1;
  }
  let i = from;
  while (i < line.length && !/[\s,;#)]/.test(line[i] as string)) i++;
  return i;
}

/**
 * Spans `[from, to)` of `line` that look like secrets: values of credential-named keys, URL
 * passwords, known token formats and long high-entropy runs. Meant for masking displayed source.
 */
export function secretLookingSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of line.matchAll(SECRET_KEY)) {
    const afterKey = (m.index ?? 0) + m[0].length;
    const tail = KEY_TAIL.exec(line.slice(afterKey, afterKey + 64));
    if (!tail) continue;
    const from = afterKey + tail[0].length;
    const to = valueEnd(line, from);
    if (to > from) spans.push([from, to]);
  }
  for (const m of line.matchAll(URL_PASSWORD)) {
    const pass = m[1] ?? '';
    const from = (m.index ?? 0) + m[0].length - 1 - pass.length;
    spans.push([from, from + pass.length]);
  }
  for (const m of line.matchAll(PREFIXED_TOKEN)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  for (const m of line.matchAll(TOKEN_RUN)) {
    const run = m[0];
    const classes = Number(/[a-z]/.test(run)) + Number(/[A-Z]/.test(run)) + Number(/[0-9]/.test(run));
    // A path or dotted name (`src/components/Button2.tsx`) is short segments, not one token.
    const pathLike = /[/.]/.test(run) && run.split(/[/.]/).every((part) => part.length < 16);
    if (classes >= 2 && !pathLike && shannonEntropy(run) >= 3.5)
      spans.push([m.index ?? 0, (m.index ?? 0) + run.length]);
  }
  return spans;
}

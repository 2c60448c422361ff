/**
 * Line-oriented extraction for formats without a tree worth building (dotenv, INI, properties,
 * HCL, source code, plain text) and as the fallback when YAML does not parse. Only lines that
 * hold a credential keyword are looked at, and very long lines only around the keyword, so
 * minified bundles cost bounded time.
 */
import type { FileFormat } from '../roles.js';
import type { LineCredential, Pair } from './types.js';

/** Keywords a line must contain before any pattern runs on it. */
// Factored by first letter (a trie) so the regex engine rejects most positions on one character.
// The scan itself does not run this regex: `LINE_KEYWORD_LITERALS` below spell out the same
// language for the detectors' keyword automaton, which finds them in its single pass over the
// text (see `lineKeywordStarts`); the regex stays as the reference a differential test checks.
export const LINE_KEYWORDS =
  /p(?:ass|wd|rivate[_.-]?key)|s(?:ecret|etcookie|ession[_.-]?key|igning[_.-]?key|torage[_.-]?key|ervice[_.-]?key|sh(?:pass|[_.-]?key))|to(?:ken)|c(?:red|lient[_.-]?key)|a(?:pi.?key|ccess[_.-]?key|pp[_.-]?key|ccount[_.-]?key|dmin[_.-]?key|uthori)|e(?:ncryption[_.-]?key)|m(?:aster[_.-]?key|ysql)|l(?:icense[_.-]?key)|j(?:wt[_.-]?key)|h(?:mac[_.-]?key)|d(?:eploy[_.-]?key)|w(?:ebhook[_.-]?key)|x[_-]key|_auth|b(?:asic(?:.?auth|\s))|i(?:dentified)|-(?:u\s|-user)/gi;

const KEY_PREFIXES = [
  'private',
  'session',
  'signing',
  'storage',
  'service',
  'ssh',
  'client',
  'access',
  'app',
  'account',
  'admin',
  'encryption',
  'master',
  'license',
  'jwt',
  'hmac',
  'deploy',
  'webhook',
];
/**
 * Anchors whose match needs one more check after the literal (`api.?key`, `basic.?auth` or `basic\s`, `-u\s`);
 * every other literal is a whole match of `LINE_KEYWORDS` by itself.
 */
const ANCHORED = ['api', 'basic', '-u'] as const;
/** Literals (lowercase) whose occurrences are exactly the match starts of `LINE_KEYWORDS`, anchors first. */
export const LINE_KEYWORD_LITERALS: readonly string[] = [
  ...ANCHORED,
  ...['pass', 'pwd', 'secret', 'sshpass', 'token', 'cred', 'authori', 'mysql', 'x_key', 'x-key', '_auth', '--user'],
  ...['identified', 'setcookie'],
  ...KEY_PREFIXES.flatMap((p) => ['', '_', '.', '-'].map((sep) => `${p}${sep}key`)),
];

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
const WHITESPACE = /\s/;

/** `text` at `at` starts with lowercase ASCII `word`, ignoring ASCII case. */
function startsWithFolded(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = text.charCodeAt(at + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** `.?word` at `at` (`.` = any character but a line terminator), as `LINE_KEYWORDS` reads it. */
function optionalCharThen(text: string, at: number, word: string): boolean {
  if (startsWithFolded(text, at, word)) return true;
  return at < text.length && !LINE_TERMINATOR.test(text[at] as string) && startsWithFolded(text, at + 1, word);
}

/**
 * Match starts of `LINE_KEYWORDS` in `text`, ascending and unique, from the `start, literalIndex`
 * pairs the keyword automaton reported for `LINE_KEYWORD_LITERALS`.
 */
export function lineKeywordStarts(text: string, hits: readonly number[]): number[] {
  const starts: number[] = [];
  for (let h = 0; h < hits.length; h += 2) {
    const start = hits[h] as number;
    const literal = hits[h + 1] as number;
    if (literal === 0 && !optionalCharThen(text, start + 3, 'key')) continue;
    if (
      literal === 1 &&
      !optionalCharThen(text, start + 5, 'auth') &&
      !(start + 5 < text.length && WHITESPACE.test(text[start + 5] as string))
    )
      continue;
    if (literal === 2 && !(start + 2 < text.length && WHITESPACE.test(text[start + 2] as string))) continue;
    starts.push(start);
  }
  // Hits arrive by end offset: a longer literal may start before a shorter one found earlier.
  starts.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < starts.length; i++) if (i === 0 || starts[i] !== starts[n - 1]) starts[n++] = starts[i] as number;
  starts.length = n;
  return starts;
}

/** Lines longer than this are only looked at around each keyword hit. */
const LONG_LINE = 2048;
const WINDOW = 256;
/**
 * Keyword windows looked at in one long line; past this many the rest of the line is left to the
 * token detectors (which see every byte) and the caller is told, so nothing is skipped silently.
 */
export const MAX_WINDOWS_PER_LINE = 256;

export interface LineSlice {
  /** Offset of `text` in the file. */
  offset: number;
  text: string;
}

/** A long line whose keyword windows were capped: generic patterns did not look past `examinedTo`. */
export interface CappedLine {
  /** Offset of the line's start in the file. */
  lineStart: number;
  /** Offset up to which the line was examined. */
  examinedTo: number;
  lineEnd: number;
}

/**
 * The slices of `text` worth inspecting: whole lines with a keyword, windows around keywords in
 * long lines. `starts` are the keyword match starts (`lineKeywordStarts`); without them the
 * `LINE_KEYWORDS` regex finds them. Linear in the text: line bounds are found once per line, a
 * long line yields at most `MAX_WINDOWS_PER_LINE` windows (the rest is reported in `capped`), and
 * a `\r` before the newline (CRLF files) is not part of the line.
 */
export function candidateSlices(text: string, starts?: readonly number[], capped?: CappedLine[]): LineSlice[] {
  const out: LineSlice[] = [];
  let next = 0;
  let k = 0;
  // The next keyword match at or after `from`, or -1.
  const find = (from: number): number => {
    if (starts !== undefined) {
      while (k < starts.length && (starts[k] as number) < from) k++;
      return k < starts.length ? (starts[k] as number) : -1;
    }
    LINE_KEYWORDS.lastIndex = from;
    const m = LINE_KEYWORDS.exec(text);
    return m === null ? -1 : m.index;
  };
  // Bounds of the line the previous hit was on (reused while hits stay on it).
  let lineStart = -1;
  let lineEnd = -1;
  let windows = 0;
  for (let hit = find(0); hit !== -1; hit = find(next)) {
    if (lineStart === -1 || hit > lineEnd) {
      // Scans back over this line's prefix only: once per line, so linear overall.
      lineStart = text.lastIndexOf('\n', hit - 1) + 1;
      lineEnd = text.indexOf('\n', hit);
      if (lineEnd === -1) lineEnd = text.length;
      windows = 0;
    }
    const end = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (end - lineStart <= LONG_LINE) {
      out.push({ offset: lineStart, text: text.slice(lineStart, end) });
      next = lineEnd;
    } else if (windows >= MAX_WINDOWS_PER_LINE) {
      capped?.push({ lineStart, examinedTo: hit, lineEnd: end });
      next = lineEnd;
    } else {
      const s = Math.max(lineStart, hit - WINDOW);
      const e = Math.min(end, hit + WINDOW);
      out.push({ offset: s, text: text.slice(s, e) });
      windows++;
      next = e;
    }
    if (next <= hit) next = hit + 1;
  }
  return out;
}

// KEY=value / key: value / key = "value" at the start of a config line.
const CONFIG_LINE =
  /^(?<pre>\s*(?:export\s+|set\s+|setx?\s+|-\s+|ENV\s+|ARG\s+|\$env:)?)(?<key>[A-Za-z_$@][\w.\-/$@[\]]{0,127}|\/\/[^\s=]{1,200}|"[^"\n]{1,128}"|'[^'\n]{1,128}')(?<sep>\s*(?:=|:(?!\/\/)|\s(?=\S)))\s*(?<val>.*)$/i;

/** Pairs of a config-style line (dotenv, INI, properties, YAML fallback, shell assignment). */
export function configPairs(slice: LineSlice, format: FileFormat): Pair[] {
  if (format === 'ini') {
    // TOML/INI list items holding `KEY=value` (pytest-env `env = ["API_SECRET=x"]`, tox `setenv`).
    const item = /^(\s*["'])([A-Za-z_][\w.]{0,127})=([^"'\n]*)["'],?\s*$/.exec(slice.text);
    if (item) {
      const key = item[2] as string;
      const value = item[3] as string;
      const start = slice.offset + (item[1] as string).length + key.length + 1;
      return [{ key, path: key, value, start, end: start + value.length, context: 'plain', quoted: true }];
    }
  }
  const m = CONFIG_LINE.exec(slice.text);
  if (!m?.groups) return [];
  const g = m.groups;
  const rawKey = g.key as string;
  const sep = g.sep as string;
  // A bare space separates key and value only in properties files and `ENV KEY value`.
  if (!/[=:]/.test(sep) && format !== 'properties' && !/ENV\s+$/i.test(g.pre as string)) return [];
  if (/^[#;!]/.test(slice.text.trimStart()) && format !== 'markdown') return [];
  let val = g.val as string;
  let valStart = slice.offset + m[0].length - val.length;
  val = val.trim();
  let quoted = false;
  const q = val[0];
  if ((q === '"' || q === "'" || q === '`') && val.length >= 2) {
    const close = val.indexOf(q, 1);
    if (close > 0) {
      val = val.slice(1, close);
      valStart += 1;
      quoted = true;
    }
  } else {
    // Unquoted: an inline comment ends the value (` #`, ` ;`), trailing commas/semicolons go.
    const hash = val.search(/\s+[#;]/);
    if (hash !== -1) val = val.slice(0, hash);
    val = val.replace(/[,;]+$/, '').trimEnd();
  }
  const key = rawKey.replace(/^["']|["']$/g, '');
  return [{ key, path: key, value: val, start: valStart, end: valStart + val.length, context: 'plain', quoted }];
}

// key = "literal" / key: 'literal' / "key": "literal" / key => 'literal' / key := "literal", anywhere in a line;
// a type annotation may sit between key and `=` (`password: str = "x"`, `const token: string = 'x'`).
const SOURCE_ASSIGN =
  /(?<![\w$.])(?<key>[A-Za-z_$][\w$]{0,80}(?:\.[A-Za-z_$][\w$]{0,80}){0,4}|"[^"\n]{1,80}"|'[^'\n]{1,80}'|\[["'][^"'\n]{1,80}["']\])\s*(?<ann>\s*:\s*[A-Za-z_][\w.]{0,40}(?:\[[^\]\n=]{0,60}\])?\??(?:\s*\|\s*[A-Za-z_][\w.]{0,40}){0,3}(?=\s*=(?![=>~])))?\s*(?<op>:=|=>|\?\?=|\|\|=|=(?![=>~])|:(?!:))\s*(?:[rRbBuUfF]{0,2}|@|new\s+String\(|SecretStr\(|String::from\(|str\(|bytes\.fromhex\(|(?:binascii\.)?unhexlify\(|Buffer\.from\(|hex\.DecodeString\(|\[\]byte\(|Hex\.decodeHex\(|hex!\()?(?<val>"(?:[^"\\\n]|\\.){0,512}"|'(?:[^'\\\n]|\\.){0,512}'|`[^`\n]{0,512}`)/g;
// config['JWT_SECRET_KEY'] = 'x' / os.environ["API_KEY"] = "x" / $cfg['db_pass'] = 'x'
const SUBSCRIPT =
  /\[\s*(?<q>["'])(?<key>[^"'\n\]]{1,80})\k<q>\s*\]\s*=(?![=>~])\s*(?<val>"(?:[^"\\\n]|\\.){0,512}"|'(?:[^'\\\n]|\\.){0,512}')/g;
// setPassword("x") / withToken('x') / .password("x")
const SETTER =
  /(?:\b(?:set|with)|\.)(?<key>[A-Za-z_]*(?:[Pp]assword|[Ss]ecret|[Tt]oken|[Aa]pi[Kk]ey|[Cc]redentials?|[Pp]assphrase))\(\s*(?<val>"(?:[^"\\\n]|\\.){1,512}"|'(?:[^'\\\n]|\\.){1,512}')\s*\)/g;

// <password>literal</password>, <add key="Password" value="literal"/>, define('DB_PASSWORD', 'literal')
const XML_ELEMENT = /<(?<key>[A-Za-z_][\w.:-]{0,80})>(?<val>[^<>\n]{1,512})<\/\k<key>>/g;
const XML_KEY_VALUE = /\bkey\s*=\s*"(?<key>[^"\n]{1,80})"\s+value\s*=\s*"(?<val>[^"\n]{0,512})"/g;
const PHP_DEFINE = /\bdefine\(\s*['"](?<key>\w{1,80})['"]\s*,\s*(?<q>['"])(?<val>[^'"\n]{0,512})\k<q>\s*\)/g;
// docker run -e KEY=value / --env KEY=value / --build-arg KEY=value / --set key=value (helm) /
// kubectl create secret --from-literal=key=value; a
// backtick ends the value (Markdown inline code around a command)
const CLI_ENV =
  /(?:\s-e|--env|--build-arg|--set(?:-string)?|--from-literal)[\s=]+["']?(?<key>[A-Za-z_][\w.]{0,80})=(?<val>[^\s"'`]{1,512})/g;

/** Pairs from markup and command lines: XML elements and key/value attributes, PHP `define`, `docker run -e`. */
export function markupPairs(slice: LineSlice): Pair[] {
  const out: Pair[] = [];
  const t = slice.text;
  const res: RegExp[] = [];
  if (t.includes('<')) res.push(XML_ELEMENT);
  if (/key\s*=/.test(t)) res.push(XML_KEY_VALUE);
  if (t.includes('define(')) res.push(PHP_DEFINE);
  // `# docker run -e PASSWORD=x` in a comment documents a command; it configures nothing.
  if (/-e\s|--env|--build-arg|--set|--from-literal/.test(t) && !COMMENT_LINE.test(t)) res.push(CLI_ENV);
  for (const re of res) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      const key = m.groups?.key as string;
      const val = m.groups?.val as string;
      const rel = re === XML_ELEMENT ? m.index + key.length + 2 : m.index + m[0].lastIndexOf(val);
      const start = slice.offset + rel;
      out.push({ key, path: key, value: val, start, end: start + val.length, context: 'plain', quoted: true });
    }
  }
  return out;
}

/** Comment lines of code (`//`, `#`, `*`, `/*`, `--`, `<!--`): examples, not configuration. */
const COMMENT_LINE = /^\s*(\/\/|#(?![!{])|\*|\/\*|--\s|<!--|;|%|rem\s)/i;

/** Quoted-literal assignments in source code (and JSON-ish text). */
export function sourcePairs(slice: LineSlice): Pair[] {
  const out: Pair[] = [];
  if (COMMENT_LINE.test(slice.text)) return out;
  for (const re of slice.text.includes('[') ? [SOURCE_ASSIGN, SETTER, SUBSCRIPT] : [SOURCE_ASSIGN, SETTER]) {
    re.lastIndex = 0;
    for (let m = re.exec(slice.text); m !== null; m = re.exec(slice.text)) {
      const g = m.groups as Record<string, string>;
      const rawVal = g.val as string;
      // A literal, not an expression: what follows the closing quote ends the value
      // (`"a" + b`, `"x".trim()`, `"a" | "b"` are expressions or types).
      const after = slice.text.slice(m.index + m[0].length).trimStart()[0];
      if (after !== undefined && !/[;,)}\]\r#/]/.test(after)) continue;
      // `.token("require(")`: a bare `.token(`/`.secret(` method call emits or reads a token of a
      // lexer or printer; setters name what they set (`setToken`, `withPassword`, `.apiKey(`).
      if (re === SETTER && /^\.(token|secret|key)\($/i.test(m[0].slice(0, m[0].indexOf('(') + 1).replace(/^\w+/, '')))
        continue;
      // `f(token: "extends")`: a TypeScript parameter typed with a string literal type.
      if (
        re === SOURCE_ASSIGN &&
        g.op === ':' &&
        after === ')' &&
        /[(,]\s*$/.test(slice.text.slice(0, m.index)) &&
        /\)\s*(:|=>|\{|;|$)/.test(slice.text.slice(m.index + m[0].length).trimStart())
      )
        continue;
      const valOffset = m.index + m[0].length - rawVal.length;
      const val = rawVal.slice(1, -1);
      let key = (g.key as string).replace(/^\[|\]$/g, '').replace(/^["']|["']$/g, '');
      const dot = key.lastIndexOf('.');
      if (dot !== -1 && !/^["']/.test(g.key as string)) key = key.slice(dot + 1);
      const start = slice.offset + valOffset + 1;
      out.push({ key, path: key, value: val, start, end: start + val.length, context: 'plain', quoted: true });
    }
  }
  return out;
}

// Authorization: Basic/Bearer literal (curl -H, .http files, code strings).
const AUTH_HEADER =
  /\bauthori[sz]ation["']?\s*[:=,]\s*["']?\s*(?<scheme>Basic|Bearer|Token|Bot)\s+(?<secret>[A-Za-z0-9+/=._~-]{8,2048})/gi;
// curl -u user:pass / --user user:pass / wget --password=x / mysql -pX / sshpass -p X
const CLI_USER =
  /(?:\bcurl\b[^\n|;&]{0,200}?(?:\s-u\s*|\s--user[\s=]+)|\bhttp(?:ie)?\b[^\n|;&]{0,100}?\s(?:-a|--auth)[\s=]+)["']?(?<user>[^\s:"'$]{1,64}):(?<secret>[^\s"'@]{1,256})/g;
const CLI_PASS =
  /(?:\b(?:mysql|mysqladmin|mysqldump|mariadb)\b[^\n|;&]{0,120}?\s-p(?<p1>[^\s"'-][^\s"']{2,127})|\bsshpass\s+-p\s*["']?(?<p2>[^\s"'$-][^\s"']{2,127})|\b(?:wget|curl|git|svn|docker\s+login|helm\s+repo\s+add|psql|redis-cli|mongo(?:sh)?)\b[^\n|;&]{0,160}?\s(?:--password|-a|--pass)[\s=]+["']?(?<p3>[^\s"'$-][^\s"']{2,127}))/g;
// mysql -p'x' / -p"x"; redis-server --requirepass x (also in a compose command array); redis.conf
// `requirepass x` / `masterauth x`; Erlang `-setcookie x` (vm.args, erl command lines).
const CLI_PASS_MORE =
  /\b(?:mysql|mysqladmin|mysqldump|mariadb)\b[^\n|;&]{0,120}?\s-p(?:'(?<q1>[^'\s$]{3,127})'|"(?<q2>[^"\s$]{3,127})")|--requirepass["',\s=]+(?<q3>[^\s"'$,\]-][^\s"',\]]{2,127})|^\s*(?:requirepass|masterauth)\s+["']?(?<q4>[^\s"'$#][^\s"']{2,127})|(?:^|\s)-setcookie\s+["']?(?<q5>[^\s"'$-][^\s"']{2,255})/g;
// SQL: CREATE/ALTER USER|ROLE ... PASSWORD 'x', IDENTIFIED BY 'x', SET PASSWORD ... = 'x'.
const SQL_PASSWORD =
  /\b(?:(?:create|alter)\s+(?:user|role|login)\b[^;\n]{0,200}?\b(?:password|identified\s+by)\s*(?:=\s*)?|set\s+password\b[^;\n]{0,120}?=\s*(?:password\s*\(\s*)?)'(?<secret>[^'\n]{1,256})'/gi;
// ?api_key=x / &access_token=x in a URL.
const QUERY_CREDENTIAL =
  /[?&](?<key>api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd)=(?<secret>[^&\s"'#<>`)]{8,256})/gi;
// A `Basic <base64>` credential held in a string constant.
const BASIC_LITERAL = /["'`]Basic\s+(?<secret>[A-Za-z0-9+/]{8,512}={0,2})["'`]/g;

// Password=...; in connection strings (ADO.NET, JDBC, ODBC) inside a string.
const CONN_STRING = /[;"']\s*(?:password|pwd)\s*=\s*(?<secret>[^;"'\s{}$%<>]{3,128})\s*(?:;|["']|$)/gi;

// libpq keyword/value DSN inside a string: "host=db dbname=app user=app password=literal".
const KEYWORD_DSN = /\b(?:host|hostaddr|dbname|user|port|sslmode)=[^\s"']/;
const DSN_PASSWORD = /(?<![\w.-])password=(?<secret>[^\s"'{}$%<>;&]{3,128})(?=[\s"']|$)/g;

/** Credentials found by line patterns. */
export function lineCredentials(slice: LineSlice, isSourceLike: boolean): LineCredential[] {
  const out: LineCredential[] = [];
  const t = slice.text;
  if (/authori[sz]ation/i.test(t)) {
    AUTH_HEADER.lastIndex = 0;
    for (let m = AUTH_HEADER.exec(t); m !== null; m = AUTH_HEADER.exec(t)) {
      const secret = m.groups?.secret as string;
      const start = slice.offset + m.index + m[0].length - secret.length;
      out.push({
        kind: 'authorization-header',
        secret,
        start,
        end: start + secret.length,
        label: m.groups?.scheme as string,
      });
    }
  }
  if (/curl|http|-u|--user/.test(t)) {
    CLI_USER.lastIndex = 0;
    for (let m = CLI_USER.exec(t); m !== null; m = CLI_USER.exec(t)) {
      const secret = m.groups?.secret as string;
      const start = slice.offset + m.index + m[0].length - secret.length;
      out.push({ kind: 'command-line', secret, start, end: start + secret.length, label: 'curl -u' });
    }
  }
  if (/-p|--pass|-a\s/.test(t)) {
    CLI_PASS.lastIndex = 0;
    for (let m = CLI_PASS.exec(t); m !== null; m = CLI_PASS.exec(t)) {
      const secret = (m.groups?.p1 ?? m.groups?.p2 ?? m.groups?.p3) as string;
      const start = slice.offset + m.index + m[0].length - secret.length;
      out.push({ kind: 'command-line', secret, start, end: start + secret.length, label: 'command-line password' });
    }
  }
  if (/-p['"]|requirepass|masterauth|-setcookie/.test(t)) {
    CLI_PASS_MORE.lastIndex = 0;
    for (let m = CLI_PASS_MORE.exec(t); m !== null; m = CLI_PASS_MORE.exec(t)) {
      const g = m.groups ?? {};
      const secret = (g.q1 ?? g.q2 ?? g.q3 ?? g.q4 ?? g.q5) as string;
      const close = g.q1 !== undefined || g.q2 !== undefined ? 1 : 0;
      const start = slice.offset + m.index + m[0].length - secret.length - close;
      const label =
        g.q5 !== undefined
          ? 'erl -setcookie'
          : g.q3 !== undefined || g.q4 !== undefined
            ? 'redis requirepass'
            : 'mysql -p';
      out.push({ kind: 'command-line', secret, start, end: start + secret.length, label });
    }
  }
  if (/identified|password/i.test(t) && /'/.test(t)) {
    SQL_PASSWORD.lastIndex = 0;
    for (let m = SQL_PASSWORD.exec(t); m !== null; m = SQL_PASSWORD.exec(t)) {
      const secret = m.groups?.secret as string;
      const start = slice.offset + m.index + m[0].length - secret.length - 1;
      out.push({ kind: 'command-line', secret, start, end: start + secret.length, label: 'a SQL user definition' });
    }
  }
  if (t.includes('=') && /[?&]/.test(t)) {
    QUERY_CREDENTIAL.lastIndex = 0;
    for (let m = QUERY_CREDENTIAL.exec(t); m !== null; m = QUERY_CREDENTIAL.exec(t)) {
      const secret = m.groups?.secret as string;
      const start = slice.offset + m.index + m[0].length - secret.length;
      out.push({ kind: 'query-string', secret, start, end: start + secret.length, label: m.groups?.key as string });
    }
  }
  if (isSourceLike && /Basic\s/.test(t)) {
    BASIC_LITERAL.lastIndex = 0;
    for (let m = BASIC_LITERAL.exec(t); m !== null; m = BASIC_LITERAL.exec(t)) {
      const secret = m.groups?.secret as string;
      const start = slice.offset + m.index + m[0].length - secret.length - 1;
      if (out.some((c) => c.start === start)) continue;
      out.push({ kind: 'authorization-header', secret, start, end: start + secret.length, label: 'Basic' });
    }
  }
  if (isSourceLike && /p(ass)?w(or)?d\s*=/i.test(t) && /;/.test(t)) {
    CONN_STRING.lastIndex = 0;
    for (let m = CONN_STRING.exec(t); m !== null; m = CONN_STRING.exec(t)) {
      const secret = m.groups?.secret as string;
      const idx = m[0].indexOf(secret, m[0].indexOf('='));
      const start = slice.offset + m.index + idx;
      out.push({ kind: 'connection-string', secret, start, end: start + secret.length, label: 'Password=' });
    }
  }
  if (isSourceLike && t.includes('password=') && KEYWORD_DSN.test(t)) {
    DSN_PASSWORD.lastIndex = 0;
    for (let m = DSN_PASSWORD.exec(t); m !== null; m = DSN_PASSWORD.exec(t)) {
      const secret = m.groups?.secret as string;
      // `conn.rebind(user=dn, password=password)` passes a variable by keyword: only a DSN inside
      // a string literal (an odd number of quotes before it) holds a literal password.
      const quotesBefore = (t.slice(0, m.index).match(/["']/g) ?? []).length;
      if (quotesBefore % 2 === 0 && /[(,]\s*$/.test(t.slice(0, m.index))) continue;
      const start = slice.offset + m.index + m[0].length - secret.length;
      out.push({ kind: 'connection-string', secret, start, end: start + secret.length, label: 'a password= DSN' });
    }
  }
  return out;
}

const HCL_VARIABLE = /^\s*variable\s+"(?<name>[^"\n]{1,128})"\s*\{/;
const HCL_DEFAULT = /(?<![\w.])default\s*=\s*"(?<val>(?:[^"\\\n]|\\.){0,512})"/;

/**
 * Terraform `variable "db_password" { default = "literal" }`: the default is a literal bound to
 * the variable's name. The block's `variable` line holds the keyword; its `default` line does not,
 * so it is looked up here, up to the block's closing brace.
 */
export function hclVariableDefaults(text: string, slice: LineSlice): Pair[] {
  const m = HCL_VARIABLE.exec(slice.text);
  if (!m?.groups) return [];
  const name = m.groups.name as string;
  const from = slice.offset + m[0].length;
  const lineEnd = text.indexOf('\n', from);
  const sameLine = text.indexOf('}', from);
  let end = sameLine !== -1 && (lineEnd === -1 || sameLine < lineEnd) ? sameLine : text.indexOf('\n}', from);
  if (end === -1 || end - from > 4096) end = Math.min(text.length, from + 4096);
  const d = HCL_DEFAULT.exec(text.slice(from, end));
  if (!d?.groups) return [];
  const val = d.groups.val as string;
  const start = from + d.index + d[0].length - val.length - 1;
  return [
    {
      key: name,
      path: `variable.${name}.default`,
      value: val,
      start,
      end: start + val.length,
      context: 'plain',
      quoted: true,
    },
  ];
}

// JAAS PlainLoginModule entries: `user_admin="..."` defines the password of user `admin`.
const JAAS_USER = /(?:^|\s)(?:user_(?<user>[\w.-]{1,64})|password)\s*=\s*"(?<secret>[^"\n]{1,256})"/g;

/**
 * Passwords of a JAAS login section (`KafkaServer { ...PlainLoginModule required username="admin"
 * password="..." user_admin="..." user_alice="..."; }`). The `user_<name>` lines carry no
 * credential keyword, so the whole text is read once when it names a LoginModule.
 */
export function jaasPairs(text: string): Pair[] {
  const out: Pair[] = [];
  if (!text.includes('LoginModule')) return out;
  JAAS_USER.lastIndex = 0;
  for (let m = JAAS_USER.exec(text); m !== null; m = JAAS_USER.exec(text)) {
    const user = m.groups?.user;
    if (user === undefined) continue;
    const value = m.groups?.secret as string;
    const start = m.index + m[0].length - value.length - 1;
    const key = `user_${user}_password`;
    out.push({
      key,
      path: `jaas.user_${user}`,
      value,
      start,
      end: start + value.length,
      context: 'plain',
      quoted: true,
    });
  }
  return out;
}

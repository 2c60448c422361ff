import { alnum, b64, b64url, hex, j, upperDigits } from '../samples.js';
import type { Detector } from '../types.js';

const BASE32_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const awsKeyId = (prefix = 'AKIA'): string => {
  let body = '';
  for (const ch of upperDigits(16)) body += BASE32_UPPER.includes(ch) ? ch : 'Q';
  return prefix + body;
};
/** A secret-access-key-shaped value: 40 base64 characters with both letter cases. */
const awsSecret = (): string => `${b64(18)}Ab3/${b64(18)}`;
const mixedCase = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9/+]/.test(s);

export const CLOUD_DETECTORS: Detector[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    description:
      "An AWS access key ID (AKIA long-term, ASIA temporary) identifies an IAM credential; next to its secret key it grants that identity's permissions.",
    severity: 'high',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})(?![A-Za-z0-9])/g,
    minEntropy: 3.2,
    window: { before: 8, after: 32 },
    aliases: ['aws-access-token'],
    tags: ['aws', 'cloud'],
    samples: {
      positive: [`aws_access_key_id = ${awsKeyId()}`, `"AccessKeyId": "${awsKeyId('ASIA')}"`],
      negative: [j('AKIAIOSFODNN7', 'EXAMPLE'), `${awsKeyId()}X1`, 'ASIANPACIFICREGIONCODES'],
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    description:
      'The 40-character secret half of an AWS access key, recognised only when bound to a secret-access-key name or within a few lines after an access key ID.',
    severity: 'critical',
    keywords: ['secret_access_key', 'secretaccesskey', 'secret-access-key', 'aws_secret', 'awssecret', 'akia', 'asia'],
    pattern:
      /(?:(?:[Ss]ecret[_.-]?[Aa]ccess[_.-]?[Kk]ey|SECRET[_.-]?ACCESS[_.-]?KEY|[Aa]ws[_.-]?[Ss]ecret(?:[_.-]?[Kk]ey)?|AWS[_.-]?SECRET(?:[_.-]?KEY)?)["']?\s{0,5}(?::|=|=>|:=)\s{0,5}["']?|(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])[\s\S]{1,200}?(?<![A-Za-z0-9/+]))(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    validate: mixedCase,
    minEntropy: 4,
    window: { before: 40, after: 320 },
    aliases: [],
    tags: ['aws', 'cloud'],
    samples: {
      positive: [
        `aws_secret_access_key = ${awsSecret()}`,
        `AWS_ACCESS_KEY_ID=${awsKeyId()}\nAWS_SECRET=${awsSecret()}`,
        `{"AccessKeyId": "${awsKeyId('ASIA')}", "SecretAccessKey": "${awsSecret()}"}`,
        `Access key ID,Secret access key\n${awsKeyId()},${awsSecret()}`,
      ],
      negative: [
        `aws_secret_access_key = ${j('wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY')}`,
        `commit = ${hex(40)}`,
        `sha1: ${hex(40)} ${awsSecret()}`,
      ],
    },
  },
  {
    id: 'aws-session-token',
    title: 'AWS session token',
    description:
      'A temporary AWS session token (STS); together with its key pair it acts as the assumed role until it expires.',
    severity: 'high',
    keywords: ['session_token', 'sessiontoken', 'security_token', 'securitytoken', 'iqojb3jpz2lux2vj', 'fwogzxivyxdz'],
    pattern:
      /(?:(?:[Ss]ession|SESSION|[Ss]ecurity|SECURITY)[_.-]?(?:[Tt]oken|TOKEN)["']?\s{0,5}(?::|=|=>)\s{0,5}["']?|(?<![A-Za-z0-9/+=])(?=IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz))(?<secret>[A-Za-z0-9/+]{100,2000}={0,2})(?![A-Za-z0-9/+=])/g,
    validate: (s) =>
      /^(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz)/.test(s) || (s.length >= 200 && /[a-z]/.test(s) && /[A-Z]/.test(s)),
    minEntropy: 4.5,
    window: { before: 40, after: 2100 },
    aliases: [],
    tags: ['aws', 'cloud'],
    samples: {
      positive: [
        `aws_session_token = ${j('IQoJb3JpZ2', 'luX2Vj')}${b64(300)}`,
        `AWS_SESSION_TOKEN="${j('FwoGZXIv', 'YXdz')}${b64(200)}"`,
      ],
      negative: [`session_token = ${hex(120)}`, `${b64(150)}`],
    },
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service account key',
    description:
      'A Google Cloud service-account JSON key file ("type": "service_account" with a "private_key"); it authenticates as the service account.',
    severity: 'critical',
    keywords: ['service_account'],
    // "type" usually precedes "private_key", but key-sorted dumps put it after: accept both orders.
    pattern:
      /(?:"type"\s{0,10}:\s{0,10}"service_account"[\s\S]{0,1200}?"private_key"|"private_key"(?=\s{0,10}:\s{0,10}"-----BEGIN[^"]{64,12000}"[^{}]{0,3000}?"type"\s{0,10}:\s{0,10}"service_account"))\s{0,10}:\s{0,10}"(?<secret>-----BEGIN[A-Z ]{0,20} PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{64,12000}?-----END[A-Z ]{0,20} PRIVATE KEY-----(?:\\n)?)"/g,
    priority: 10,
    window: { before: 14000, after: 14000 },
    aliases: [],
    tags: ['gcp', 'cloud'],
    samples: {
      positive: [
        `{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key_id": "${hex(40)}",\n  "private_key": "${j('-----BEGIN', ' PRIVATE KEY-----')}\\n${b64(64)}\\n${b64(64)}\\n${j('-----END', ' PRIVATE KEY-----')}\\n",\n  "client_email": "x@demo.iam.gserviceaccount.com"\n}`,
        `{"client_email": "x@demo.iam.gserviceaccount.com", "private_key": "${j('-----BEGIN', ' PRIVATE KEY-----')}\\n${b64(64)}\\n${b64(64)}\\n${j('-----END', ' PRIVATE KEY-----')}\\n", "project_id": "demo", "type": "service_account"}`,
      ],
      negative: [
        `{"type": "service_account", "private_key": ""}`,
        `{"type": "authorized_user", "private_key_id": "${hex(40)}"}`,
      ],
    },
  },
  {
    id: 'gcp-api-key',
    title: 'Google API key',
    description: 'A Google Cloud / Firebase / Maps API key (AIza prefix); unrestricted keys bill usage to the project.',
    severity: 'high',
    keywords: ['aiza'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{33,37})(?![A-Za-z0-9_-])/g,
    minEntropy: 3.5,
    window: { before: 4, after: 48 },
    aliases: ['gcp-api-key'],
    tags: ['gcp', 'cloud'],
    samples: {
      positive: [`apiKey: "${j('AI', 'za')}${b64url(35)}"`],
      negative: [`${j('AI', 'za')}${b64url(20)}`, `x${j('AI', 'za')}${b64url(35)}`],
    },
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure storage account key',
    description:
      "An Azure storage account key inside a connection string (AccountKey=); it grants full access to the account's blobs, queues and tables.",
    severity: 'critical',
    keywords: ['accountkey='],
    pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi,
    minEntropy: 4.5,
    window: { before: 0, after: 110 },
    aliases: [],
    tags: ['azure', 'cloud'],
    samples: {
      positive: [
        `DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${b64(86)}==;EndpointSuffix=core.windows.net`,
      ],
      negative: [
        `AccountName=devstoreaccount1;AccountKey=${j('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/', 'KBHBeksoGMGw==')}`,
        'AccountKey=<your-account-key>',
      ],
    },
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Azure AD (Entra ID) client secret',
    description: 'A Microsoft Entra ID application client secret (the `Q~` format); it signs in as the application.',
    severity: 'critical',
    keywords: ['q~'],
    pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/g,
    minEntropy: 3.5,
    window: { before: 8, after: 40 },
    aliases: ['azure-ad-client-secret'],
    tags: ['azure', 'cloud'],
    samples: {
      positive: [`client_secret = "${alnum(3)}8Q~${alnum(34)}"`],
      negative: [`value: ${alnum(3)}8Q~${alnum(10)}`, `${alnum(3)}Q~${alnum(34)}`],
    },
  },
];

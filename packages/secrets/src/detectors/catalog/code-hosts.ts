import { base62, crc32, hasBase62Crc32Tail } from '../checksum.js';
import { alnum, b64url, hex, j, lowerDigits } from '../samples.js';
import type { Detector } from '../types.js';

/** A GitHub-style token (prefix + 30 random base62 + 6-char CRC32 tail), valid or with a corrupted tail. */
export function githubStyleToken(prefix: string, valid = true): string {
  const random = alnum(30);
  const tail = base62(crc32(random), 6);
  if (valid) return prefix + random + tail;
  const last = tail.charAt(5) === 'a' ? 'b' : 'a';
  return prefix + random + tail.slice(0, 5) + last;
}

function github(id: string, prefix: string, title: string, description: string, aliases: string[]): Detector {
  return {
    id,
    title,
    description,
    severity: 'critical',
    keywords: [prefix],
    pattern: new RegExp(`(?<![A-Za-z0-9_])(?<secret>${prefix}[A-Za-z0-9]{36})(?![A-Za-z0-9_])`, 'g'),
    checksum: (secret) => hasBase62Crc32Tail(secret, prefix.length),
    minEntropy: 3.5,
    aliases,
    tags: ['github'],
    samples: {
      positive: [`GITHUB_TOKEN=${githubStyleToken(prefix)}`, `token: "${githubStyleToken(prefix)}"`],
      negative: [`${prefix}${alnum(20)}`, `x${githubStyleToken(prefix)}`],
    },
  };
}

function gitlab(
  id: string,
  prefix: string,
  title: string,
  body: string,
  sample: () => string,
  aliases: string[],
): Detector {
  return {
    id,
    title,
    description: `Matches ${title.replace(/^GitLab /, 'GitLab ')} values by their documented \`${prefix}\` prefix.`,
    severity: 'high',
    keywords: [prefix.toLowerCase()],
    pattern: new RegExp(`(?<![A-Za-z0-9_-])(?<secret>${prefix.replace(/[.]/g, '\\.')}${body})(?![A-Za-z0-9_-])`, 'g'),
    minEntropy: 3,
    aliases,
    tags: ['gitlab'],
    samples: {
      positive: [`token = "${prefix}${sample()}"`],
      negative: [`${prefix}${'x'.repeat(20)}`, `${prefix}abc`],
    },
  };
}

export const CODE_HOST_DETECTORS: Detector[] = [
  github(
    'github-pat-classic',
    'ghp_',
    'GitHub personal access token (classic)',
    'A classic GitHub personal access token grants the scopes its owner chose on every repository the owner can reach. The CRC32 tail is checked, so random ghp_-prefixed strings are ignored.',
    ['github-pat'],
  ),
  github(
    'github-oauth-token',
    'gho_',
    'GitHub OAuth access token',
    'An OAuth access token issued to a GitHub OAuth app acts as the user who authorised the app.',
    ['github-oauth'],
  ),
  github(
    'github-user-to-server-token',
    'ghu_',
    'GitHub App user-to-server token',
    'A GitHub App token acting on behalf of a user; it reaches what both the app and the user can access.',
    ['github-app-token'],
  ),
  github(
    'github-server-to-server-token',
    'ghs_',
    'GitHub App installation token',
    'A GitHub App installation (server-to-server) token, including the GITHUB_TOKEN of Actions runs.',
    ['github-app-token'],
  ),
  github(
    'github-refresh-token',
    'ghr_',
    'GitHub refresh token',
    'A GitHub App refresh token can mint new user-to-server tokens.',
    ['github-refresh-token'],
  ),
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    description:
      'A fine-grained GitHub personal access token (github_pat_) grants the repository and permission set chosen at creation.',
    severity: 'critical',
    keywords: ['github_pat_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9_]{50,120})(?![A-Za-z0-9_])/g,
    minEntropy: 3.5,
    aliases: ['github-fine-grained-pat'],
    tags: ['github'],
    samples: {
      positive: [`GH_TOKEN=${j('github', '_pat_')}${alnum(22)}_${alnum(59)}`],
      negative: [`${j('github', '_pat_')}${alnum(22)}_${alnum(10)}`, `${j('github', '_pat_')}_${'0'.repeat(82)}`],
    },
  },
  gitlab(
    'gitlab-pat',
    'glpat-',
    'GitLab personal access token',
    '[A-Za-z0-9_-]{20,300}(?:\\.[A-Za-z0-9_-]{2,16}){0,3}',
    () => b64url(20),
    ['gitlab-pat', 'gitlab-pat-routable'],
  ),
  gitlab('gitlab-deploy-token', 'gldt-', 'GitLab deploy token', '[A-Za-z0-9_-]{20,64}', () => b64url(20), [
    'gitlab-deploy-token',
  ]),
  gitlab(
    'gitlab-runner-token',
    'glrt-',
    'GitLab runner authentication token',
    '[A-Za-z0-9_-]{20,300}(?:\\.[A-Za-z0-9_-]{2,16}){0,3}',
    () => b64url(20),
    ['gitlab-runner-authentication-token', 'gitlab-runner-authentication-token-routable'],
  ),
  gitlab('gitlab-pipeline-trigger-token', 'glptt-', 'GitLab pipeline trigger token', '[0-9a-f]{40}', () => hex(40), [
    'gitlab-ptt',
  ]),
  gitlab('gitlab-scim-token', 'glsoat-', 'GitLab SCIM OAuth access token', '[A-Za-z0-9_-]{20,64}', () => b64url(20), [
    'gitlab-scim-token',
  ]),
  gitlab('gitlab-feed-token', 'glft-', 'GitLab feed token', '[A-Za-z0-9_-]{20,64}', () => b64url(20), [
    'gitlab-feed-token',
  ]),
  gitlab(
    'gitlab-cicd-job-token',
    'glcbt-',
    'GitLab CI/CD job token',
    '(?:[0-9a-fA-F]{1,5}_)?[A-Za-z0-9_-]{20,64}',
    () => `${hex(2)}_${b64url(20)}`,
    ['gitlab-cicd-job-token'],
  ),
  gitlab(
    'gitlab-incoming-mail-token',
    'glimt-',
    'GitLab incoming mail token',
    '[A-Za-z0-9_-]{25,64}',
    () => b64url(25),
    ['gitlab-incoming-mail-token'],
  ),
  gitlab(
    'gitlab-kubernetes-agent-token',
    'glagent-',
    'GitLab Kubernetes agent token',
    '[A-Za-z0-9_-]{50,100}',
    () => b64url(50),
    ['gitlab-kubernetes-agent-token'],
  ),
  gitlab(
    'gitlab-oauth-app-secret',
    'gloas-',
    'GitLab OAuth application secret',
    '[A-Za-z0-9_-]{64}',
    () => b64url(64),
    ['gitlab-oauth-app-secret'],
  ),
  gitlab(
    'gitlab-feature-flag-client-token',
    'glffct-',
    'GitLab feature flag client token',
    '[A-Za-z0-9_-]{20,64}',
    () => b64url(20),
    ['gitlab-feature-flag-client-token'],
  ),
  {
    id: 'gitlab-runner-registration-token',
    title: 'GitLab runner registration token',
    description:
      'A legacy GitLab runner registration token (GR1348941 prefix) lets anyone register a runner that receives CI jobs and their secrets.',
    severity: 'high',
    keywords: ['gr1348941'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>GR1348941[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    aliases: ['gitlab-rrt'],
    tags: ['gitlab'],
    samples: {
      positive: [`registration-token: ${j('GR13', '48941')}${b64url(20)}`],
      negative: [`${j('GR13', '48941')}${lowerDigits(8)}`],
    },
  },
];

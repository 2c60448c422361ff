import { hasBase62Crc32Tail } from '../checksum.js';
import { alnum, b64url, hex, j, lowerDigits } from '../samples.js';
import type { Detector } from '../types.js';
import { githubStyleToken } from './code-hosts.js';

export const REGISTRY_DETECTORS: Detector[] = [
  {
    id: 'npm-access-token',
    title: 'npm access token',
    description: 'An npm access token (npm_ prefix, CRC32 tail checked); it can publish packages as its owner.',
    severity: 'critical',
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    checksum: (secret) => hasBase62Crc32Tail(secret, 4),
    minEntropy: 3.5,
    window: { before: 4, after: 48 },
    aliases: ['npm-access-token'],
    tags: ['npm', 'registry'],
    samples: {
      positive: [`//registry.npmjs.org/:_authToken=${githubStyleToken(j('np', 'm_'))}`],
      negative: [`npm_${alnum(20)}`, `npm_config_${alnum(36)}`],
    },
  },
  {
    id: 'pypi-token',
    title: 'PyPI upload token',
    description:
      'A PyPI or TestPyPI API token (a macaroon starting pypi-AgEIcHlwaS5vcmc); it uploads releases of the projects in its scope.',
    severity: 'critical',
    keywords: ['pypi-'],
    // Real tokens start with the macaroon header (pypi-AgEIcHlwaS5vcmc); any long random pypi- value counts.
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pypi-[A-Za-z0-9_-]{60,1000})(?![A-Za-z0-9_-])/g,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(5)) && /[0-9]/.test(s),
    minEntropy: 4,
    window: { before: 4, after: 1100 },
    aliases: ['pypi-upload-token'],
    tags: ['pypi', 'registry'],
    samples: {
      positive: [`password = ${j('pypi-AgEIcHl', 'waS5vcmc')}${b64url(120)}`],
      negative: [
        `pypi-${'abcdefghij'.repeat(8)}`,
        `${j('pypi-AgEIcHl', 'waS5vcmc')}${b64url(10)}`,
        'pypi-package-name-with-a-very-long-but-ordinary-lowercase-name-x',
      ],
    },
  },
  {
    id: 'rubygems-api-key',
    title: 'RubyGems API key',
    description: 'A RubyGems.org API key (rubygems_ prefix); it pushes and yanks gems of its owner.',
    severity: 'critical',
    keywords: ['rubygems_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>rubygems_[0-9a-f]{48})(?![A-Za-z0-9_])/g,
    minEntropy: 3,
    window: { before: 4, after: 64 },
    aliases: ['rubygems-api-token'],
    tags: ['rubygems', 'registry'],
    samples: {
      positive: [`:rubygems_api_key: ${j('ruby', 'gems_')}${hex(48)}`],
      negative: [`${j('ruby', 'gems_')}${hex(20)}`, `${j('ruby', 'gems_')}version_${hex(48)}`],
    },
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet API key',
    description:
      "A nuget.org API key (46 characters starting oy2); it pushes packages to the owner's nuget.org account.",
    severity: 'high',
    keywords: ['oy2'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9_])/g,
    minEntropy: 3.5,
    window: { before: 4, after: 56 },
    aliases: [],
    tags: ['nuget', 'registry'],
    samples: {
      positive: [`dotnet nuget push pkg.nupkg --api-key ${j('o', 'y2')}${lowerDigits(43)}`],
      negative: [`${j('o', 'y2')}${lowerDigits(20)}`, `${j('o', 'y2')}${alnum(43).toUpperCase()}`],
    },
  },
  {
    id: 'dockerhub-pat',
    title: 'Docker Hub access token',
    description:
      'A Docker Hub personal or organization access token (dckr_pat_ / dckr_oat_); it pushes and pulls images as its owner.',
    severity: 'high',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})(?![A-Za-z0-9_-])/g,
    minEntropy: 3.5,
    window: { before: 4, after: 48 },
    aliases: [],
    tags: ['docker', 'registry'],
    samples: {
      positive: [`echo ${j('dckr', '_pat_')}${b64url(27)} | docker login -u me --password-stdin`],
      negative: [`${j('dckr', '_pat_')}${b64url(10)}`],
    },
  },
  {
    id: 'jfrog-api-key',
    title: 'JFrog Artifactory API key',
    description:
      'A JFrog Artifactory API key (73 characters starting AKCp); it reads and deploys artifacts as its owner.',
    severity: 'high',
    keywords: ['akcp'],
    pattern: /(?<![A-Za-z0-9])(?<secret>AKCp[A-Za-z0-9]{69})(?![A-Za-z0-9])/g,
    minEntropy: 4,
    window: { before: 4, after: 80 },
    aliases: ['artifactory-api-key', 'jfrog-api-key'],
    tags: ['jfrog', 'registry'],
    samples: {
      positive: [`X-JFrog-Art-Api: ${j('AK', 'Cp')}${alnum(69)}`],
      negative: [`${j('AK', 'Cp')}${alnum(30)}`],
    },
  },
  {
    id: 'jfrog-reference-token',
    title: 'JFrog reference token',
    description:
      'A JFrog Platform reference token (64 characters starting cmVmdGtu, base64 of "reftkn"); it acts as the user or service it was issued to.',
    severity: 'high',
    keywords: ['cmvmdgtu'],
    pattern: /(?<![A-Za-z0-9])(?<secret>cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9])/g,
    minEntropy: 4,
    window: { before: 4, after: 72 },
    aliases: ['artifactory-reference-token'],
    tags: ['jfrog', 'registry'],
    samples: {
      positive: [`Authorization: Bearer ${j('cmVm', 'dGtu')}${alnum(56)}`],
      negative: [`${j('cmVm', 'dGtu')}${alnum(20)}`],
    },
  },
];

import { canonicalRepository, type ImageReference } from '../model/image-ref.js';

/** What we know about a base image: how big it is, who it runs as, and what to use instead. */
export type ImageClass = 'minimal' | 'full' | 'sdk' | 'unknown';

export interface ImageKnowledge {
  class: ImageClass;
  /** True when the image's default user is not root. */
  nonRoot: boolean;
  /** A smaller alternative to suggest, when we know one. */
  suggestion?: string;
}

/** Repositories (Docker Hub official names, or registry/path prefixes) of full general-purpose distributions. */
const FULL_DISTROS = new Set([
  'ubuntu',
  'debian',
  'fedora',
  'centos',
  'rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'opensuse/leap',
  'opensuse/tumbleweed',
  'opensuse',
  'buildpack-deps',
  'kalilinux/kali-rolling',
]);

/** Language runtimes published by Docker Hub: full (Debian) unless the tag says slim/alpine. */
const LANGUAGE_RUNTIMES: Record<string, string> = {
  python: 'python:<version>-slim or gcr.io/distroless/python3',
  node: 'node:<version>-slim, node:<version>-alpine or gcr.io/distroless/nodejs',
  ruby: 'ruby:<version>-slim or ruby:<version>-alpine',
  php: 'php:<version>-fpm-alpine',
  perl: 'perl:<version>-slim',
  erlang: 'erlang:<version>-alpine',
  elixir: 'elixir:<version>-alpine',
  httpd: 'httpd:<version>-alpine',
  nginx: 'nginx:<version>-alpine or nginxinc/nginx-unprivileged:<version>-alpine',
  tomcat: 'tomcat:<version>-jre<NN> on a slim base',
  eclipse_temurin_jre: 'eclipse-temurin:<version>-jre-alpine',
};

/** Build toolchains and SDKs: fine in a builder stage, too much to ship. */
const SDK_REPOS: Record<string, string> = {
  golang: 'a distroless or scratch final stage with the compiled binary',
  rust: 'a distroless/cc or debian:<release>-slim final stage with the compiled binary',
  maven: 'eclipse-temurin:<version>-jre(-alpine) with the built jar',
  gradle: 'eclipse-temurin:<version>-jre(-alpine) with the built jar',
  openjdk: 'eclipse-temurin:<version>-jre(-alpine)',
  gcc: 'a slim or distroless final stage with the built binary',
  'buildpack-deps': 'debian:<release>-slim',
  swift: 'swift:<version>-slim',
  haskell: 'a slim final stage with the built binary',
  sbt: 'eclipse-temurin:<version>-jre',
  clojure: 'eclipse-temurin:<version>-jre',
  'dotnet/sdk': 'mcr.microsoft.com/dotnet/aspnet or dotnet/runtime(-deps)',
};

/** Minimal image repositories and prefixes. */
const MINIMAL_PREFIXES = [
  'gcr.io/distroless/',
  'cgr.dev/chainguard/',
  'chainguard/',
  'library/alpine',
  'library/busybox',
  'registry.access.redhat.com/ubi8/ubi-minimal',
  'registry.access.redhat.com/ubi9/ubi-minimal',
  'registry.access.redhat.com/ubi8/ubi-micro',
  'registry.access.redhat.com/ubi9/ubi-micro',
  'redhat/ubi8-minimal',
  'redhat/ubi9-minimal',
  'redhat/ubi8-micro',
  'redhat/ubi9-micro',
  'dotnet/runtime-deps',
  'dotnet/aspnet',
  'dotnet/runtime',
  'wolfi-base',
  'library/photon',
];

/** Images whose default user is not root. */
const NON_ROOT_PREFIXES = [
  'cgr.dev/chainguard/',
  'chainguard/',
  'nginxinc/nginx-unprivileged',
  'bitnami/',
  'jenkins/jenkins',
  'sonarqube',
  'library/sonarqube',
  'grafana/grafana',
  'prom/prometheus',
  'library/neo4j',
  // Each of these ends its published Dockerfile with a non-root USER.
  'grafana/k6',
  'grafana/loki',
  'prom/',
  'quay.io/prometheus/',
  'curlimages/curl',
  'docker.elastic.co/elasticsearch/',
  'docker.elastic.co/kibana/',
  'docker.elastic.co/logstash/',
  'confluentinc/',
  'jupyter/',
  'quay.io/jupyter/',
  'apache/airflow',
  'selenium/',
  'quay.io/keycloak/keycloak',
];

/** Red Hat s2i and runtime images (`ubi9/python-312`, `ubi8/openjdk-17`) run as UID 1001/185. */
const NON_ROOT_PATTERNS = [/^registry\.access\.redhat\.com\/ubi\d+\/(python|nodejs|ruby|php|perl|go-toolset|openjdk)-/];

function matchesAny(repoPath: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    const pattern = p.toLowerCase();
    if (pattern.endsWith('/')) return repoPath.startsWith(pattern);
    return repoPath === pattern || repoPath.startsWith(`${pattern}:`) || repoPath.startsWith(`${pattern}/`);
  });
}

function fullPath(ref: ImageReference): string {
  const repo = canonicalRepository(ref);
  return ref.normalizedRegistry === 'docker.io' ? repo : `${ref.normalizedRegistry}/${repo}`;
}

/** Candidate names a user may write in config for this image (`node`, `library/node`, `gcr.io/distroless/static`, with tag). */
function userPatternsMatch(ref: ImageReference, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const path = fullPath(ref);
  const short = ref.registry
    ? `${ref.registry.toLowerCase()}/${ref.repository.toLowerCase()}`
    : ref.repository.toLowerCase();
  const withTag = ref.tag ? [`${path}:${ref.tag}`, `${short}:${ref.tag}`] : [];
  return patterns.some((raw) => {
    const p = raw.toLowerCase();
    if (p.includes('*')) {
      const re = new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      return [path, short, ...withTag].some((c) => re.test(c));
    }
    return [path, short, ...withTag].includes(p) || path.startsWith(p.endsWith('/') ? p : `${p}/`);
  });
}

export interface ImageKnowledgeOptions {
  minimalImages?: readonly string[];
  nonRootImages?: readonly string[];
}

/** Classifies a resolved image reference. Scratch is minimal; unresolved references are unknown. */
export function classifyImage(ref: ImageReference, options: ImageKnowledgeOptions = {}): ImageKnowledge {
  if (ref.scratch) return { class: 'minimal', nonRoot: false };
  if (ref.unresolved) return { class: 'unknown', nonRoot: false };
  const path = fullPath(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  const nonRoot =
    userPatternsMatch(ref, options.nonRootImages ?? []) ||
    matchesAny(path, NON_ROOT_PREFIXES) ||
    NON_ROOT_PATTERNS.some((re) => re.test(path)) ||
    (path.startsWith('gcr.io/distroless/') && /(^|-)nonroot($|-)/.test(tag));
  if (userPatternsMatch(ref, options.minimalImages ?? [])) return { class: 'minimal', nonRoot };
  if (matchesAny(path, MINIMAL_PREFIXES)) return { class: 'minimal', nonRoot };
  const slimTag = /(^|[-_.])(alpine|slim|minimal|micro|distroless|busybox|chiseled|static)([-_.\d]|$)/.test(tag);
  // SDK / toolchain images: a compiler stays a compiler on alpine (`golang:1.22-alpine`, `rust:1-alpine`)
  const repoNoLib = path.replace(/^library\//, '').replace(/^mcr\.microsoft\.com\//, '');
  for (const [sdk, suggestion] of Object.entries(SDK_REPOS)) {
    if (repoNoLib === sdk || repoNoLib.endsWith(`/${sdk}`)) {
      if (sdk === 'openjdk' && /jre/.test(tag)) return { class: slimTag ? 'minimal' : 'full', nonRoot, suggestion };
      if (sdk === 'swift' && slimTag) return { class: 'minimal', nonRoot };
      return { class: 'sdk', nonRoot, suggestion };
    }
  }
  if (slimTag) return { class: 'minimal', nonRoot };
  if (/(^|\/)eclipse-temurin$|(^|\/)amazoncorretto$|(^|\/)ibm-semeru-runtimes$|(^|\/)sapmachine$/.test(repoNoLib)) {
    if (/jdk/.test(tag) || (repoNoLib.endsWith('amazoncorretto') && !/jre/.test(tag))) {
      return { class: 'sdk', nonRoot, suggestion: 'the matching -jre image (eclipse-temurin:<version>-jre-alpine)' };
    }
    return { class: 'full', nonRoot, suggestion: 'the -jre-alpine variant' };
  }
  if (/(^|\/)cuda$/.test(repoNoLib) && /devel/.test(tag)) {
    return { class: 'sdk', nonRoot, suggestion: 'the matching nvidia/cuda:<version>-runtime (or -base) image' };
  }
  if (/(^|[-_])(devel|sdk|jdk|dev)([-_.\d]|$)/.test(tag)) return { class: 'sdk', nonRoot };
  if (FULL_DISTROS.has(repoNoLib)) {
    const base = repoNoLib.split('/').pop() ?? repoNoLib;
    const suggestion =
      base === 'debian'
        ? 'debian:<release>-slim or gcr.io/distroless/base-debian12'
        : base === 'ubuntu'
          ? 'ubuntu/chiseled images or gcr.io/distroless/base-debian12'
          : 'a -minimal/-micro variant or a distroless image';
    return { class: 'full', nonRoot, suggestion };
  }
  if (/^registry\.access\.redhat\.com\/ubi\d+(\/ubi)?$|^redhat\/ubi\d+$/.test(path)) {
    return { class: 'full', nonRoot, suggestion: 'ubi-minimal or ubi-micro' };
  }
  const runtime = LANGUAGE_RUNTIMES[repoNoLib];
  if (runtime !== undefined && ref.normalizedRegistry === 'docker.io')
    return { class: 'full', nonRoot, suggestion: runtime };
  return { class: 'unknown', nonRoot };
}

/** Tag words that name a moving channel rather than a version. */
export const FLOATING_TAG_WORDS = new Set([
  'latest',
  'lts',
  'stable',
  'current',
  'edge',
  'mainline',
  'rolling',
  'nightly',
  'testing',
  'unstable',
  'sid',
  'master',
  'main',
  'next',
  'canary',
  'beta',
  'alpha',
  'rc',
  'preview',
  'insiders',
  'alpine',
  'slim',
  'jre',
  'jdk',
  'runtime',
  'devel',
  'base',
  'fpm',
  'apache',
  'cli',
  'zts',
  'windowsservercore',
  'nanoserver',
]);

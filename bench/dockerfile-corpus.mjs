// Deterministic generator of realistic, varied Dockerfiles for bench/dockerfile.mjs.
// Shapes follow official images and common projects: multi-stage Go/Node/Java/Rust/Python
// builds, distroless/chainguard/alpine finals, heredocs, cache mounts, ARG-parameterised FROM.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APT = [
  'curl',
  'ca-certificates',
  'git',
  'libpq-dev',
  'gcc',
  'make',
  'tini',
  'unzip',
  'jq',
  'openssl',
  'libssl-dev',
  'gnupg',
  'wget',
  'procps',
];
const APK = ['curl', 'ca-certificates', 'git', 'tini', 'bash', 'jq', 'openssl', 'tzdata', 'musl-dev', 'libpq'];
const PIP = [
  'flask',
  'django',
  'gunicorn',
  'requests',
  'uvicorn',
  'fastapi',
  'psycopg2-binary',
  'celery',
  'redis',
  'boto3',
];
const NPM = ['typescript', 'pm2', 'pnpm', 'serve', 'nodemon'];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}
function some(r, list, max) {
  const n = 1 + Math.floor(r() * max);
  const out = new Set();
  while (out.size < n) out.add(pick(r, list));
  return [...out];
}
function pin(r, name, sep, version) {
  return r() < 0.5 ? `${name}${sep}${version}` : name;
}

function aptRun(r) {
  const pkgs = some(r, APT, 5).map((p) => pin(r, p, '=', `1.${Math.floor(r() * 20)}.${Math.floor(r() * 9)}-1`));
  const recommends = r() < 0.6 ? ' --no-install-recommends' : '';
  const clean = r() < 0.6 ? ' \\\n && rm -rf /var/lib/apt/lists/*' : '';
  if (r() < 0.2) {
    return `RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y${recommends} ${pkgs.join(' ')}`;
  }
  const lines = pkgs.map((p) => `      ${p} \\`).join('\n');
  return `RUN apt-get update \\\n # install runtime dependencies\n && apt-get install -y${recommends} \\\n${lines}\n${clean ? clean.slice(4) : '      && true'}`;
}

function apkRun(r) {
  const pkgs = some(r, APK, 4).map((p) =>
    pin(r, p, '=', `${Math.floor(r() * 3)}.${Math.floor(r() * 20)}-r${Math.floor(r() * 4)}`),
  );
  return `RUN apk add${r() < 0.7 ? ' --no-cache' : ''} ${pkgs.join(' ')}`;
}

function pipRun(r) {
  if (r() < 0.4) return `RUN pip install${r() < 0.6 ? ' --no-cache-dir' : ''} -r requirements.txt`;
  const pkgs = some(r, PIP, 4).map((p) =>
    pin(r, p, '==', `${1 + Math.floor(r() * 4)}.${Math.floor(r() * 10)}.${Math.floor(r() * 10)}`),
  );
  return `RUN pip install${r() < 0.6 ? ' --no-cache-dir' : ''} ${pkgs.join(' ')}`;
}

function downloadRun(r) {
  const v = `${1 + Math.floor(r() * 3)}.${Math.floor(r() * 30)}.${Math.floor(r() * 10)}`;
  switch (Math.floor(r() * 4)) {
    case 0:
      return `RUN curl -fsSL https://get.example.com/install.sh | sh`;
    case 1:
      return `ARG TOOL_SHA256=${'ab12'.repeat(16)}\nRUN curl -fsSLo /tmp/tool.tgz https://releases.example.com/tool-${v}.tgz \\\n && echo "\${TOOL_SHA256}  /tmp/tool.tgz" | sha256sum -c - \\\n && tar -xzf /tmp/tool.tgz -C /usr/local/bin && rm /tmp/tool.tgz`;
    case 2:
      return `RUN wget -q https://releases.example.com/tool-${v}.tar.gz && tar -xzf tool-${v}.tar.gz -C /opt`;
    default:
      return `RUN <<EOF\nset -eux\ncurl -fsSLo /usr/local/bin/tool https://releases.example.com/tool-${v}\nchmod +x /usr/local/bin/tool\nEOF`;
  }
}

function goFile(r) {
  return `# syntax=docker/dockerfile:1.7
ARG GO_VERSION=1.22.${Math.floor(r() * 6)}
FROM --platform=$BUILDPLATFORM golang:\${GO_VERSION}-alpine AS build
WORKDIR /src
${apkRun(r)}
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \\
    --mount=type=cache,target=/root/.cache/go-build \\
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM ${pick(r, ['gcr.io/distroless/static-debian12:nonroot', 'alpine:3.20', 'scratch', 'cgr.dev/chainguard/static:latest', 'golang:1.22'])}
COPY --from=build /out/app /app
${r() < 0.7 ? 'USER 65532:65532' : ''}
EXPOSE ${pick(r, ['8080', '9090', '22', '3000'])}
ENTRYPOINT ["/app"]
`;
}

function nodeFile(r) {
  const tag = pick(r, ['20-alpine', '20.15-bookworm-slim', 'lts-alpine', 'latest', '18', '22-alpine3.20']);
  return `FROM node:${tag} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:${tag} AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build
${r() < 0.3 ? `RUN npm install -g ${pick(r, NPM)}` : ''}

FROM node:${tag}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
${r() < 0.5 ? 'USER node' : r() < 0.5 ? 'USER 1000' : ''}
EXPOSE 3000
${r() < 0.4 ? 'HEALTHCHECK CMD node dist/healthcheck.js' : ''}
${r() < 0.7 ? 'CMD ["node", "dist/server.js"]' : 'CMD node dist/server.js'}
`;
}

function pythonFile(r) {
  const base = pick(r, ['python:3.12-slim', 'python:3.12', 'python:3.11-slim-bookworm', 'python:3.12-alpine']);
  const alpine = base.includes('alpine');
  return `FROM ${base}
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1
WORKDIR /app
${alpine ? apkRun(r) : aptRun(r)}
COPY requirements.txt .
${pipRun(r)}
${r() < 0.2 ? 'ENV SECRET_KEY=Tr0ub4dor-and-3-not-real' : 'ENV SECRET_KEY_FILE=/run/secrets/django'}
COPY . .
${r() < 0.6 ? 'RUN useradd --uid 10001 app\nUSER 10001' : ''}
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app.wsgi"]
`;
}

function javaFile(r) {
  return `FROM maven:3.9.8-eclipse-temurin-21 AS build
WORKDIR /workspace
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests

FROM ${pick(r, ['eclipse-temurin:21-jre-alpine', 'eclipse-temurin:21-jdk', 'openjdk:21', 'gcr.io/distroless/java21-debian12:nonroot'])}
COPY --from=build /workspace/target/app.jar /app.jar
${r() < 0.6 ? 'USER 10001' : ''}
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app.jar"]
`;
}

function legacyFile(r) {
  return `FROM ${pick(r, ['ubuntu', 'ubuntu:22.04', 'debian:bookworm', 'centos:7', 'ubuntu:latest'])}
MAINTAINER dev@example.com
RUN apt-get update
${aptRun(r)}
${downloadRun(r)}
${r() < 0.3 ? 'RUN echo "root:Tr0ub4dor-and-3" | chpasswd' : ''}
${r() < 0.3 ? 'RUN chmod -R 777 /opt/app' : 'RUN mkdir -p /opt/app'}
ADD app /opt/app
WORKDIR ${pick(r, ['/opt/app', 'opt/app'])}
${r() < 0.3 ? 'EXPOSE 22 80' : 'EXPOSE 80'}
${r() < 0.5 ? 'USER root' : ''}
CMD /opt/app/start.sh
`;
}

function rpmFile(r) {
  return `FROM ${pick(r, ['rockylinux:9', 'registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'fedora:40'])}
RUN ${pick(r, ['dnf', 'microdnf', 'yum'])} install -y ${pick(r, ['nginx', 'nginx-1.24.0', 'httpd', 'shadow-utils'])}${r() < 0.5 ? ' && dnf clean all' : ''}
${r() < 0.2 ? 'RUN dnf install -y --nogpgcheck tool-1.2.3' : ''}
RUN useradd --uid 1001 app
USER 1001
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
`;
}

const SHAPES = [goFile, nodeFile, pythonFile, javaFile, legacyFile, rpmFile];

/** Writes `count` Dockerfiles under `dir` and returns their paths. */
export function generateCorpus(dir, count = 2000, seed = 42) {
  const r = rng(seed);
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < count; i++) {
    const shape = SHAPES[i % SHAPES.length];
    const text = shape(r).replace(/\n{3,}/g, '\n\n');
    const path = join(dir, `Dockerfile.${String(i).padStart(4, '0')}`);
    writeFileSync(path, text);
    files.push(path);
  }
  return files;
}

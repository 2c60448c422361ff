import { defineRule } from '@shipshape/core';
import type { ShellCommand, ShellWord } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

interface Hit {
  word: ShellWord;
  what: string;
  peer: string;
  /** Set when only local files are affected (packages built or copied in by this build). */
  local?: boolean;
}

const RPM_MANAGERS = new Set(['yum', 'dnf', 'microdnf', 'tdnf']);

export function signatureHits(cmd: ShellCommand): Hit[] {
  const hits: Hit[] = [];
  for (const a of cmd.args) {
    const v = a.value;
    if (cmd.name === 'apk' && v === '--allow-untrusted') {
      // `apk add --allow-untrusted /tmp/packages/*.apk`: packages this build made or copied in.
      const targets = cmd.args.filter((w) => !w.value.startsWith('-') && !/^(add|index|fix|upgrade)$/.test(w.value));
      const local = targets.length > 0 && targets.every((w) => /\.apk$/.test(w.value) && /^(\/|\.\/|\$)/.test(w.value));
      hits.push({ word: a, what: 'apk --allow-untrusted', peer: 'CKV2_DOCKER_7', local });
    }
    if (
      (cmd.name === 'apt-get' || cmd.name === 'apt' || cmd.name === 'aptitude') &&
      (v === '--allow-unauthenticated' ||
        /APT::Get::AllowUnauthenticated=(true|1|yes)/i.test(v) ||
        /Acquire::AllowInsecureRepositories=(true|1|yes)/i.test(v))
    ) {
      hits.push({ word: a, what: `${cmd.name} --allow-unauthenticated`, peer: 'CKV2_DOCKER_8' });
    }
    if ((cmd.name === 'apt-get' || cmd.name === 'apt' || cmd.name === 'aptitude') && v === '--force-yes')
      hits.push({ word: a, what: `${cmd.name} --force-yes`, peer: 'CKV2_DOCKER_11' });
    if (RPM_MANAGERS.has(cmd.name) && v === '--nogpgcheck')
      hits.push({ word: a, what: `${cmd.name} --nogpgcheck`, peer: 'CKV2_DOCKER_9' });
    if (RPM_MANAGERS.has(cmd.name) && /^(--setopt=)?([\w.-]+\.)?sslverify=(0|false|no)$/i.test(v))
      hits.push({ word: a, what: `${cmd.name} sslverify=0`, peer: 'CKV2_DOCKER_15' });
    if (RPM_MANAGERS.has(cmd.name) && /^(--setopt=)?([\w.-]+\.)?gpgcheck=(0|false|no)$/i.test(v))
      hits.push({ word: a, what: `${cmd.name} gpgcheck=0`, peer: 'CKV2_DOCKER_9' });
    if (cmd.name === 'rpm' && /^--(nosignature|nodigest|noverify|nofiledigest)$/.test(v))
      hits.push({ word: a, what: `rpm ${v}`, peer: 'CKV2_DOCKER_10' });
  }
  // apt told to trust a source or skip signatures in a file it reads: `echo "deb [trusted=yes] ..."
  // > /etc/apt/sources.list.d/x.list`, `APT::Get::AllowUnauthenticated "true";` in apt.conf.d.
  if (/^(echo|printf|tee|sed|cat)$/.test(cmd.name)) {
    const texts: { word: ShellWord | undefined; text: string }[] = [
      ...cmd.args.map((a) => ({ word: a, text: a.value })),
      ...cmd.redirects
        .filter((r) => r.heredoc !== undefined)
        .map((r) => ({ word: cmd.argv[0], text: r.heredoc ?? '' })),
    ];
    for (const { word, text } of texts) {
      if (!word) continue;
      // A `file:` repository is the packages this RUN just built (docker-library's source builds).
      if (/\[[^\]]*\btrusted=(yes|true)\b[^\]]*\]/i.test(text) && !/\]\s*(file|copy):/i.test(text))
        hits.push({ word, what: 'an apt source marked [trusted=yes]', peer: '' });
      const setting =
        /\b(AllowUnauthenticated|AllowInsecureRepositories|AllowDowngradeToInsecureRepositories)\s*"?\s*(true|1|yes)\b/i.exec(
          text,
        );
      if (setting) hits.push({ word, what: `apt ${setting[1]} set in its configuration`, peer: '' });
    }
  }
  // sslverify written into a repo config: echo "sslverify=0" >> /etc/yum.conf, sed -i 's/sslverify=1/sslverify=0/'
  if (
    (cmd.name === 'echo' || cmd.name === 'printf' || cmd.name === 'sed' || cmd.name === 'tee') &&
    cmd.args.some((a) => /sslverify\s*=\s*(0|false|no)\b/i.test(a.value))
  ) {
    const a = cmd.args.find((w) => /sslverify\s*=\s*(0|false|no)\b/i.test(w.value)) as ShellWord;
    hits.push({ word: a, what: 'sslverify=0 in a repository configuration', peer: 'CKV2_DOCKER_15' });
  }
  if (
    (cmd.name === 'yum-config-manager' || (cmd.name === 'dnf' && cmd.args[0]?.value === 'config-manager')) &&
    cmd.args.some((a) => /sslverify=(0|false)/i.test(a.value))
  ) {
    // already reported above when written as --setopt
  }
  return hits;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/package-signature-check-disabled',
    title: 'Package signature or repository TLS checks turned off',
    severity: 'high',
    aliases: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11', 'CKV2_DOCKER_15'],
    tags: ['supply-chain', 'cwe-347'],
    messages: { unsigned: 'RUN uses {{what}}, so tampered or unsigned packages are installed without complaint.' },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        for (const hit of signatureHits(cmd)) {
          out.push(
            report(
              model,
              hit.word.start,
              hit.word.end,
              'unsigned',
              { what: hit.what },
              // Checkov has no check for apt configuration files: no peer id then.
              {
                ...(hit.peer === '' ? { aliases: [] } : { properties: { peerId: hit.peer } }),
                ...(hit.local ? { severity: 'low' as const } : {}),
              },
            ),
          );
        }
      }
    }
    return out;
  },
});

import { defineRule } from '@shipshape/core';
import type { ShellCommand, ShellWord } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { hasShortFlag, report, runsOf } from '../util.js';

interface Hit {
  word: ShellWord;
  what: string;
  peer: string;
}

const FALSY = /^(false|0|no|off)$/i;

/** TLS-verification switches on a command line, each with the Checkov ID that names it. */
export function tlsHits(cmd: ShellCommand): Hit[] {
  const hits: Hit[] = [];
  const args = cmd.args;
  if (cmd.name === 'curl') {
    const w = hasShortFlag(cmd, 'k', ['--insecure', '--proxy-insecure']);
    if (w) hits.push({ word: w, what: 'curl --insecure', peer: 'CKV2_DOCKER_2' });
  }
  if (cmd.name === 'wget') {
    const w = args.find((a) => a.value === '--no-check-certificate');
    if (w) hits.push({ word: w, what: 'wget --no-check-certificate', peer: 'CKV2_DOCKER_3' });
  }
  if (/^pip(\d+(\.\d+)?)?$/.test(cmd.name) || /^python/.test(cmd.name) || cmd.name === 'uv') {
    const w = args.find((a) => a.value === '--trusted-host' || a.value.startsWith('--trusted-host='));
    if (w) hits.push({ word: w, what: 'pip --trusted-host', peer: 'CKV2_DOCKER_4' });
    if (args[0]?.value === 'config' && args.some((a) => /trusted-host/.test(a.value))) {
      hits.push({ word: args[0], what: 'pip config trusted-host', peer: 'CKV2_DOCKER_4' });
    }
  }
  if (cmd.name === 'npm' || cmd.name === 'yarn' || cmd.name === 'pnpm') {
    const i = args.findIndex(
      (a) => a.value === 'strict-ssl' || a.value === 'strict-ssl=false' || a.value === '--strict-ssl=false',
    );
    if (i !== -1) {
      const a = args[i] as ShellWord;
      const value = a.value.includes('=') ? a.value.slice(a.value.indexOf('=') + 1) : (args[i + 1]?.value ?? '');
      if (FALSY.test(value)) hits.push({ word: a, what: `${cmd.name} strict-ssl false`, peer: 'CKV2_DOCKER_13' });
    }
  }
  if (cmd.name === 'git') {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as ShellWord;
      const m = /^http\.(?:[^=]*\.)?sslverify(?:=(.*))?$/i.exec(a.value);
      if (!m) continue;
      const value = m[1] ?? args[i + 1]?.value ?? '';
      if (FALSY.test(value)) hits.push({ word: a, what: 'git http.sslVerify false', peer: '' });
    }
  }
  return hits;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/tls-verification-disabled',
    title: 'TLS certificate verification turned off on a command',
    severity: 'high',
    aliases: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_13'],
    tags: ['supply-chain', 'cwe-295'],
    messages: { tls: 'RUN uses {{what}}, so downloads are accepted from anyone who can intercept the connection.' },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        for (const hit of tlsHits(cmd)) {
          out.push(
            report(
              model,
              hit.word.start,
              hit.word.end,
              'tls',
              { what: hit.what },
              hit.peer ? { properties: { peerId: hit.peer } } : { aliases: [] },
            ),
          );
        }
      }
    }
    return out;
  },
});

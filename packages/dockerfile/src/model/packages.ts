import type { ShellCommand, ShellWord } from './shell.js';

export type Manager = 'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'go' | 'yum' | 'dnf' | 'zypper' | 'yarn';

/** A package-manager install command with its package words and options. */
export interface InstallCommand {
  manager: Manager;
  /** The program as invoked (`apt-get`, `microdnf`, `pip3`). */
  program: string;
  command: ShellCommand;
  /** The subcommand word (`install`, `add`, `in`). */
  verb: ShellWord;
  packages: ShellWord[];
  /** Options as written (`-y`, `--no-install-recommends`, `--no-cache`). */
  options: string[];
}

/** yum and dnf share their value-taking options (`--nobest` is a plain switch, not one of them). */
const RPM_VALUE_OPTIONS = [
  '-c',
  '--config',
  '--installroot',
  '--enablerepo',
  '--disablerepo',
  '--setopt',
  '-x',
  '--exclude',
  '--releasever',
  '-d',
  '-e',
  '--repo',
  '--repoid',
];

/** Options that take a separate value word, per manager (so the value is not taken for a package). */
const VALUE_OPTIONS: Record<Manager, Set<string>> = {
  apt: new Set(['-o', '-c', '-t', '--target-release', '--option', '--config-file', '--default-release']),
  apk: new Set([
    '-t',
    '--virtual',
    '-X',
    '--repository',
    '-p',
    '--root',
    '--arch',
    '--keys-dir',
    '--repositories-file',
    '--cache-dir',
  ]),
  pip: new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--trusted-host',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--progress-bar',
    '--cache-dir',
    '--src',
    '--upgrade-strategy',
    '--global-option',
    '--install-option',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--cert',
    '--client-cert',
    '--only-binary',
    '--no-binary',
    '--config-settings',
    '-C',
    '--python',
    '--report',
  ]),
  npm: new Set(['--prefix', '--registry', '--cache', '-C', '--tag', '--omit', '--include', '-w', '--workspace']),
  yarn: new Set(['--cwd', '--cache-folder', '--modules-folder', '--registry', '--network-timeout', '--mutex']),
  gem: new Set([
    '-v',
    '--version',
    '-i',
    '--install-dir',
    '-n',
    '--bindir',
    '-s',
    '--source',
    '--platform',
    '-P',
    '--trust-policy',
  ]),
  go: new Set(['-o', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-p', '-C', '-pkgdir', '-toolexec', '-exec']),
  yum: new Set(RPM_VALUE_OPTIONS),
  dnf: new Set(RPM_VALUE_OPTIONS),
  zypper: new Set(['-r', '--repo', '-t', '--type', '-n', '--name', '--from', '-p', '--plus-repo']),
};

/** `uv pip` options that take a value, beyond pip's (`--index-strategy unsafe-best-match`). */
const UV_PIP_VALUE_OPTIONS = new Set([
  ...VALUE_OPTIONS.pip,
  '--requirements',
  '--constraints',
  '--overrides',
  '--build-constraints',
  '--index',
  '--default-index',
  '--index-strategy',
  '--keyring-provider',
  '--resolution',
  '--prerelease',
  '--exclude-newer',
  '--python-platform',
  '--link-mode',
  '--config-file',
  '--config-setting',
  '--reinstall-package',
  '--upgrade-package',
  '--no-build-package',
  '--no-binary-package',
  '--only-binary-package',
  '--extra',
  '--group',
  '--torch-backend',
  '-p',
  '-P',
]);

function managerOf(cmd: ShellCommand): { manager: Manager; verbIndex: number } | undefined {
  const name = cmd.name;
  const args = cmd.args;
  const firstNonOption = (from: number, valueOpts: Set<string>): number => {
    for (let i = from; i < args.length; i++) {
      const v = args[i]?.value ?? '';
      if (!v.startsWith('-')) return i;
      if (valueOpts.has(v)) i++;
    }
    return -1;
  };
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude')
    return { manager: 'apt', verbIndex: firstNonOption(0, VALUE_OPTIONS.apt) };
  if (name === 'apk') return { manager: 'apk', verbIndex: firstNonOption(0, VALUE_OPTIONS.apk) };
  if (/^pip(\d+(\.\d+)?)?$/.test(name)) return { manager: 'pip', verbIndex: firstNonOption(0, VALUE_OPTIONS.pip) };
  if (/^python(\d+(\.\d+)?)?$/.test(name)) {
    const m = args.findIndex((a) => a.value === '-m');
    if (m !== -1 && /^pip(\d+(\.\d+)?)?$/.test(args[m + 1]?.value ?? '')) {
      return { manager: 'pip', verbIndex: firstNonOption(m + 2, VALUE_OPTIONS.pip) };
    }
    return undefined;
  }
  if (name === 'uv' && args[0]?.value === 'pip')
    return { manager: 'pip', verbIndex: firstNonOption(1, UV_PIP_VALUE_OPTIONS) };
  if (name === 'npm' || name === 'pnpm') return { manager: 'npm', verbIndex: firstNonOption(0, VALUE_OPTIONS.npm) };
  if (name === 'yarn') {
    const v = firstNonOption(0, VALUE_OPTIONS.yarn);
    return { manager: 'yarn', verbIndex: args[v]?.value === 'global' ? firstNonOption(v + 1, VALUE_OPTIONS.yarn) : v };
  }
  if (name === 'gem') return { manager: 'gem', verbIndex: firstNonOption(0, VALUE_OPTIONS.gem) };
  if (name === 'go') return { manager: 'go', verbIndex: 0 };
  if (name === 'yum') return { manager: 'yum', verbIndex: firstNonOption(0, VALUE_OPTIONS.yum) };
  if (name === 'dnf' || name === 'microdnf' || name === 'tdnf')
    return { manager: 'dnf', verbIndex: firstNonOption(0, VALUE_OPTIONS.dnf) };
  if (name === 'zypper') return { manager: 'zypper', verbIndex: firstNonOption(0, VALUE_OPTIONS.zypper) };
  return undefined;
}

const INSTALL_VERBS: Record<Manager, Set<string>> = {
  apt: new Set(['install']),
  apk: new Set(['add']),
  pip: new Set(['install']),
  npm: new Set(['install', 'i', 'add', 'isntall']),
  yarn: new Set(['add', 'install']),
  gem: new Set(['install']),
  go: new Set(['install', 'get']),
  yum: new Set(['install']),
  dnf: new Set(['install']),
  zypper: new Set(['install', 'in']),
};

/** The manager and subcommand of a command, whether or not it installs (`apt-get update` -> apt/update). */
export function managerCommand(
  cmd: ShellCommand,
): { manager: Manager; verb: string; verbWord?: ShellWord } | undefined {
  const m = managerOf(cmd);
  if (!m) return undefined;
  const verbWord = m.verbIndex >= 0 ? cmd.args[m.verbIndex] : undefined;
  if (m.manager === 'yarn' && !verbWord) return { manager: 'yarn', verb: 'install' };
  const out: { manager: Manager; verb: string; verbWord?: ShellWord } = {
    manager: m.manager,
    verb: verbWord?.value ?? '',
  };
  if (verbWord) out.verbWord = verbWord;
  return out;
}

/** Parses an install command (`apt-get install -y curl`, `pip install x==1`); undefined for anything else. */
export function installCommand(cmd: ShellCommand): InstallCommand | undefined {
  const m = managerOf(cmd);
  if (!m) return undefined;
  // Bare `yarn` means `yarn install`.
  if (m.manager === 'yarn' && m.verbIndex < 0 && cmd.argv[0]) {
    // `yarn --version` / `yarn --help` only print something.
    if (cmd.args.some((a) => /^(-v|--version|-h|--help)$/.test(a.value))) return undefined;
    return {
      manager: 'yarn',
      program: cmd.name,
      command: cmd,
      verb: cmd.argv[0],
      packages: [],
      options: cmd.args.map((a) => a.value),
    };
  }
  if (m.verbIndex < 0) return undefined;
  const verb = cmd.args[m.verbIndex];
  if (!verb || !INSTALL_VERBS[m.manager].has(verb.value)) return undefined;
  const valueOptions = cmd.name === 'uv' ? UV_PIP_VALUE_OPTIONS : VALUE_OPTIONS[m.manager];
  const packages: ShellWord[] = [];
  const options: string[] = [];
  const all = cmd.args;
  for (let i = 0; i < all.length; i++) {
    if (i === m.verbIndex) continue;
    const w = all[i] as ShellWord;
    if (i < m.verbIndex) {
      if (w.value.startsWith('-')) options.push(w.value);
      if (valueOptions.has(w.value)) {
        const next = all[i + 1];
        if (next) options.push(`${w.value}=${next.value}`);
        i++;
      }
      continue;
    }
    if (w.value.startsWith('-')) {
      options.push(w.value);
      if (valueOptions.has(w.value) && !w.value.includes('=')) {
        const next = all[i + 1];
        if (next) options.push(`${w.value}=${next.value}`);
        i++;
      }
      continue;
    }
    if (m.manager === 'pip' && i > 0 && (all[i - 1]?.value === 'pip' || all[i - 1]?.value === '-m')) continue;
    packages.push(w);
  }
  if (m.manager === 'pip' && cmd.name === 'uv') {
    // `uv pip install`: the `pip` word is the first arg
    const idx = packages.findIndex((p) => p.value === 'pip');
    if (idx === 0) packages.shift();
  }
  return { manager: m.manager, program: cmd.name, command: cmd, verb, packages, options };
}

/** Whether an option list contains a flag (also as `--flag=value`). */
export function hasOption(options: readonly string[], ...names: string[]): boolean {
  return options.some((o) => names.some((n) => o === n || o.startsWith(`${n}=`)));
}

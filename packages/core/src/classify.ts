import type { FileKind } from './types.js';

const DOCKERFILE_EXCLUDED_EXT =
  /\.(md|txt|dockerignore|json|ya?ml|sh|j2|jinja2?|erb|tmpl|tpl|mustache|hbs|orig|rej|bak|swp|go|py|js|ts)$/i;
const ENV_TEMPLATE =
  /(^|[._-])(example|examples|sample|samples|template|templates|tmpl|tpl|dist|defaults?|skel|schema)([._-]|$)/i;
const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'uv.lock',
  'poetry.lock',
  'pipfile.lock',
  'pdm.lock',
  'chart.lock',
  'cargo.lock',
  'go.sum',
  'composer.lock',
  'gemfile.lock',
  'gems.locked',
  'packages.lock.json',
  'mix.lock',
  'pubspec.lock',
  'package.resolved',
  'podfile.lock',
  'gradle.lockfile',
  'go.work.sum',
]);

/** Whether a base name is a lockfile (read up to the larger lockfile size limit). */
export function isLockfileName(name: string): boolean {
  const lower = name.toLowerCase();
  return LOCKFILES.has(lower) || /^pylock(\.[\w-]+)?\.toml$/.test(lower);
}
const MANIFESTS = new Set([
  'package.json',
  'pyproject.toml',
  'pipfile',
  'chart.yaml',
  'setup.py',
  'setup.cfg',
  'go.mod',
  'cargo.toml',
  'gemfile',
  'composer.json',
]);
const SOURCE_EXT =
  /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx|py|pyw|rb|go|java|kt|kts|scala|groovy|gradle|cs|php|rs|swift|c|h|cc|cpp|hpp|m|sh|bash|zsh|ps1|psm1|lua|pl|pm|r|ex|exs|erl|clj|dart|vue|svelte|tf|tfvars|hcl|sql)$/i;

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

/** Whether a base name is a Dockerfile variant: Dockerfile, Dockerfile.prod, api.Dockerfile, x.dockerfile, Containerfile. */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (DOCKERFILE_EXCLUDED_EXT.test(lower)) return false;
  return (
    lower.startsWith('dockerfile.') ||
    lower.startsWith('dockerfile-') ||
    lower.startsWith('dockerfile_') ||
    lower.startsWith('containerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile')
  );
}

/** Whether a base name is an env file (`.env`, `.env.production`, `app.env`), template or not. */
export function isEnvFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === '.env' || lower.startsWith('.env.') || (lower.endsWith('.env') && lower.length > 4);
}

/** Whether an env file name is a template meant to be committed (`.env.example`, `.env.sample`, ...). */
export function isEnvTemplateName(name: string): boolean {
  return isEnvFileName(name) && ENV_TEMPLATE.test(name.toLowerCase().replace(/^\.env/, ''));
}

/**
 * Classifies a file by its path. `chartRoot` is the directory of the nearest enclosing
 * `Chart.yaml` ('' for the scan root), when there is one.
 */
export function classifyPath(path: string, chartRoot?: string): FileKind[] {
  const name = basename(path);
  const lower = name.toLowerCase();
  const kinds: FileKind[] = [];
  if (isDockerfileName(name)) kinds.push('dockerfile');
  if (lower === '.dockerignore' || lower.endsWith('.dockerignore')) kinds.push('dockerignore');
  if (lower === '.gitignore') kinds.push('gitignore');
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(lower)) kinds.push('compose');
  if (isEnvFileName(name)) kinds.push(isEnvTemplateName(name) ? 'env-template' : 'env');
  if (isLockfileName(name)) kinds.push('lockfile');
  if (MANIFESTS.has(lower)) kinds.push('manifest');
  if (
    /^(requirements|constraints)([\w.-]*)\.(txt|in)$/.test(lower) ||
    /(^|\/)requirements\/[^/]+\.(txt|in)$/.test(path.toLowerCase())
  )
    kinds.push('requirements');
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) kinds.push('github-workflow');
  if (chartRoot !== undefined) {
    const inChart = chartRoot === '' ? path : path.slice(chartRoot.length + 1);
    if (inChart === 'Chart.yaml') kinds.push('helm-chart');
    else if (inChart === 'Chart.lock') kinds.push('helm-lock');
    else if (/^values[\w.-]*\.ya?ml$/i.test(inChart) || /^(values|ci)\/[^/]+\.ya?ml$/i.test(inChart))
      kinds.push('helm-values');
    else if (inChart.startsWith('templates/')) kinds.push('helm-template');
  }
  if (/\.ya?ml$/i.test(lower)) kinds.push('yaml');
  else if (/\.(json|ipynb)$/i.test(lower)) kinds.push('json');
  else if (/\.toml$/i.test(lower)) kinds.push('toml');
  if (SOURCE_EXT.test(lower)) kinds.push('source');
  if (kinds.length === 0) kinds.push('text');
  return kinds;
}

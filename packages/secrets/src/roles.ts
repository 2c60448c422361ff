/**
 * What a file is for, judged from its path: it decides how a file is parsed and how severe a
 * finding in it is (a token in a test fixture is still reported, at low severity).
 */

export type FileFormat =
  | 'dotenv'
  | 'yaml'
  | 'json'
  | 'ipynb'
  | 'ini'
  | 'properties'
  | 'npmrc'
  | 'netrc'
  | 'hcl'
  | 'source'
  | 'markdown'
  | 'text';

/**
 * What a file is for, as far as severity goes. `shipped` and `deploy` are what a team runs;
 * the others are inputs to tests, CI, documentation, examples or a developer's own machine, where a
 * generic credential is worth a look but not a failed gate.
 */
export type FileContext = 'shipped' | 'deploy' | 'ci' | 'test' | 'docs' | 'example' | 'dev';

export interface FileRole {
  format: FileFormat;
  /** The file's context (see `FileContext`). */
  context: FileContext;
  /** The context in words for messages (`a chart-testing input`, `CI configuration`). */
  contextLabel: string;
  /** Test code or fixtures: tokens at low severity, generic literals and weak defaults ignored. */
  test: boolean;
  /** Documentation: only provider tokens and high-entropy literals. */
  docs: boolean;
  /** Committed templates (`.env.example`, `values.example.yaml`, `config.sample.ini`). */
  example: boolean;
  /** Lockfiles: hashes everywhere, only tokens and URL credentials are looked for. */
  lockfile: boolean;
  /** UI strings: `password: "Password"` everywhere; generic rules are off. */
  i18n: boolean;
  /** Minified bundles and source maps: only provider tokens. */
  minified: boolean;
  /** Binary or media: skipped. */
  binary: boolean;
}

const BINARY_EXT =
  /\.(png|jpe?g|gif|bmp|ico|icns|webp|avif|tiff?|psd|svgz|mp[34]|m4a|wav|ogg|flac|webm|mov|avi|mkv|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|whl|egg|class|pyc|pyo|o|a|so|dylib|dll|exe|bin|obj|wasm|woff2?|ttf|otf|eot|pdf|docx?|xlsx?|pptx?|sqlite3?|db|mdb|iso|dmg|deb|rpm|apk|ipa|node|pb|onnx|pt|pth|h5|ckpt|safetensors|parquet|avro|orc|npy|npz|pkl|pickle|DS_Store)$/i;
const LOCKFILE =
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.ya?ml|bun\.lockb?|uv\.lock|poetry\.lock|Pipfile\.lock|pdm\.lock|Chart\.lock|Cargo\.lock|go\.sum|composer\.lock|Gemfile\.lock|packages\.lock\.json|pylock(\.[\w-]+)?\.toml|flake\.lock|mix\.lock|pubspec\.lock|Podfile\.lock|gradle\.lockfile|deps\.lock|\.terraform\.lock\.hcl)$/i;
const TEST_PATH =
  /(^|\/)(tests?|__tests__|__mocks__|spec|specs|testdata|test[-_]?data|fixtures?|__fixtures__|mocks?|stubs?|e2e|cypress|testing|test[-_]?utils|integration[-_]tests?)(\/|$)|(^|\/)[^/]*([._-](test|spec|tests|mock|fixture|stories))\.[a-z0-9]+$|(^|\/)test_[^/]+\.py$|(^|\/)conftest\.py$|(^|\/)(setup|jest|vitest)[-_.]?tests?\.[cm]?[jt]sx?$|_test\.(go|py|rb|exs?)$|Tests?\.(java|kt|cs|scala|swift)$/i;
const DOC_PATH =
  /\.(md|markdown|mdx|rst|adoc|asciidoc|txt|textile|org|html?|rdoc|pod|man|1|tex)$|(^|\/)(docs?|documentation|website|wiki)\//i;
/** Helm chart-testing inputs (`ct lint/install` read `charts/<chart>/ci/*-values.yaml`). */
const CHART_TEST_PATH = /(^|\/)ci\/[^/]*values[^/]*\.ya?ml$|(^|\/)charts\/[^/]+\/ci\/[^/]+\.ya?ml$/i;
/** End-to-end and integration harness inputs: `test.env`, `.env.test`, `docker-compose.test.yml`, `playwright/`. */
const E2E_PATH =
  /(^|\/)(test|tests|e2e|ci|testing|integration)\.env$|(^|\/)\.env\.(test|testing|ci|e2e)(\.local)?$|(^|\/)(docker-)?compose[._-](test|tests|ci|e2e|testing)[\w.-]*\.ya?ml$|(^|\/)(playwright|selenium|cypress|e2e[-_]tests?|end[-_]to[-_]end)\//i;
/** Framework test configs and test data builders outside test directories. */
const TEST_CONFIG_PATH =
  /(^|\/)config\/(test|testing)\.exs$|(^|\/)config\/environments\/test\.rb$|(^|\/)settings\/(test|testing)[\w]*\.py$|(^|\/)application-test\.(ya?ml|properties)$|(^|\/)appsettings\.(Test|Testing)\.json$|(^|\/)(factory|factories)(\.[a-z]+|\/)|(^|\/)tox\.ini$|(^|\/)pytest\.ini$/i;
/** CI configuration. */
const CI_PATH =
  /(^|\/)\.github\/|(^|\/)\.gitlab-ci[\w.-]*\.ya?ml$|(^|\/)\.gitlab\/ci\/|(^|\/)\.circleci\/|(^|\/)\.travis\.ya?ml$|(^|\/)azure-pipelines[\w.-]*\.ya?ml$|(^|\/)\.buildkite\/|(^|\/)\.drone\.ya?ml$|(^|\/)bitbucket-pipelines\.ya?ml$|(^|\/)\.woodpecker(\.ya?ml|\/)|(^|\/)jenkinsfile[^/]*$|(^|\/)\.ci\/|(^|\/)ci\/(kube|kind|k3d|minikube)[^/]*$|(^|\/)\.tekton\/|(^|\/)cloudbuild[\w.-]*\.ya?ml$/i;
/**
 * A developer's local setup: framework dev configs (a Mix `config/<env>.exs` other than prod, runtime
 * and staging), seeds, devcontainers, local overrides.
 */
const DEV_PATH =
  /(^|\/)config\/(?!(config|prod|production|runtime|releases?|staging|stage)\.exs$)[\w-]+\.exs$|(^|\/)config\/environments\/development\.rb$|(^|\/)settings\/(dev|development|local)[\w]*\.py$|(^|\/)application-(dev|local|development)\.(ya?ml|properties)$|(^|\/)appsettings\.Development\.json$|(^|\/)(priv\/repo\/)?seeds?(\.[a-z]+|\/)|(^|\/)db\/seeds?(\.[a-z]+|\/)|(^|\/)\.devcontainer\/|(^|\/)(docker-)?compose[._-](dev|development|local)[\w.-]*\.ya?ml$|(^|\/)\.env\.(dev|development)(\.local)?$|(^|\/)(dev|development)\.env$/i;
/** Documentation sources under a template extension (`README.md.gotmpl`, `index.rst.j2`). */
const DOC_TEMPLATE = /\.(md|markdown|mdx|rst|adoc)\.(gotmpl|tmpl|tpl|j2|jinja2?|erb|hbs|mustache)$/i;
/** Diffs and patch files: they describe a change, they configure nothing by themselves. */
const PATCH_PATH = /\.(patch|diff|rej|orig)$/i;

const EXAMPLE_PATH =
  /(^|[./_-])(example|examples|sample|samples|template|tmpl|tpl|dist|skel|defaults?)(\.[\w]+)?$|(^|[._-])(example|sample|template|dist)[._-][^/]*$/i;
const I18N_PATH =
  /(^|\/)(locales?|i18n|l10n|lang|langs|languages|translations?|intl|messages)\/|(^|\/)messages([._-][\w-]+)?\.(properties|json|ya?ml)$|\.(po|pot|xliff?|resx|strings|arb)$|(^|\/)(en|de|fr|es|it|pt|nl|ru|ja|zh|ko|pl|sv|da|fi|nb|cs|tr|ar|he|uk|hu|ro|el|id|th|vi|bg|hr|sk|sl|et|lv|lt|ca|fa|hi)([-_][A-Za-z]{2,4})?\.(json|ya?ml)$/i;
const MINIFIED =
  /\.(min\.(js|css|mjs)|map|bundle\.js|chunk\.js)$|(^|\/)(dist|build|vendor|public\/(js|assets)|static\/js|assets\/js)\/[^/]*\.(js|css|mjs)$/i;

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

/** The parsing format for a path. */
export function formatOf(path: string): FileFormat {
  const name = basename(path).toLowerCase();
  if (
    name === '.env' ||
    name.startsWith('.env.') ||
    name.endsWith('.env') ||
    /^\.?env\.[\w-]+$/.test(name) ||
    name === '.flaskenv'
  )
    return 'dotenv';
  if (name === '.npmrc' || name === '.yarnrc') return 'npmrc';
  if (name === '.netrc' || name === '_netrc') return 'netrc';
  if (/\.ipynb$/.test(name)) return 'ipynb';
  if (/\.(ya?ml)$/.test(name) || name === 'kubeconfig' || (name === 'config' && /(^|\/)\.kube\//.test(path)))
    return 'yaml';
  if (/\.(json|jsonc|json5)$/.test(name) || name === '.dockercfg') return 'json';
  if (
    /\.(ini|cfg|conf|cnf|pypirc|gitconfig|editorconfig|toml|desktop|service)$/.test(name) ||
    name === '.pypirc' ||
    name === '.gitconfig' ||
    name === '.s3cfg' ||
    name === 'credentials' ||
    name === 'my.cnf' ||
    name === '.my.cnf' ||
    name === '.pgpass'
  )
    return 'ini';
  if (/\.(properties|prefs)$/.test(name)) return 'properties';
  if (/\.(tf|tfvars|hcl|nomad)$/.test(name)) return 'hcl';
  if (/\.(md|markdown|mdx|rst|adoc|asciidoc)$/.test(name)) return 'markdown';
  if (
    /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx|py|pyw|rb|go|java|kt|kts|scala|groovy|gradle|cs|php|rs|swift|c|h|cc|cpp|hpp|m|mm|sh|bash|zsh|fish|ps1|psm1|bat|cmd|lua|pl|pm|r|ex|exs|erl|clj|dart|vue|svelte|sql|xml|jsp|erb|ejs|hbs|j2|jinja2?|tpl|tmpl|mustache|twig|html?|cshtml|razor|config|plist|env\.\w+|dockerfile|makefile|mk|cmake|nix|tf|jl|hs|elm|fs|vb|coffee|sol)$/.test(
      name,
    ) ||
    /^(dockerfile|containerfile|makefile|jenkinsfile|vagrantfile|rakefile|gemfile|procfile|justfile)([._-][\w.-]*)?$/.test(
      name,
    )
  )
    return 'source';
  return 'text';
}

const CONTEXT_LABEL: Record<FileContext, string> = {
  shipped: 'shipped code or configuration',
  deploy: 'deployment configuration',
  ci: 'CI configuration',
  test: 'a test input',
  docs: 'documentation',
  example: 'an example',
  dev: 'development-only configuration',
};

/** The context of a path and its label; `test`/`docs`/`example` are the path tests already made. */
function contextOf(
  path: string,
  flags: { test: boolean; docs: boolean; example: boolean },
): { context: FileContext; contextLabel: string } {
  const at = (context: FileContext, label = CONTEXT_LABEL[context]) => ({ context, contextLabel: label });
  if (CHART_TEST_PATH.test(path)) return at('test', 'a chart-testing input');
  if (E2E_PATH.test(path)) return at('test', 'an end-to-end test input');
  if (flags.test || TEST_CONFIG_PATH.test(path)) return at('test');
  if (CI_PATH.test(path)) return at('ci');
  // A loose `.txt` (notes, a list of settings) is judged strictly for docs-style examples but
  // rated like what it holds; Markdown, docs folders and other doc formats are documentation.
  if (flags.docs && !(/\.txt$/i.test(path) && !/(^|\/)(docs?|documentation|website|wiki)\//i.test(path)))
    return at('docs');
  if (DEV_PATH.test(path)) return at('dev');
  if (flags.example) return at('example');
  if (PATCH_PATH.test(path)) return at('docs', 'a patch file');
  if (
    /(^|\/)(templates\/[^/]+\.(ya?ml|tpl)|(docker-)?compose[\w.-]*\.ya?ml|[\w.-]*\.tf(vars)?|k8s\/.+\.ya?ml|kubernetes\/.+\.ya?ml|manifests?\/.+\.ya?ml|helm\/.+)$/i.test(
      path,
    )
  )
    return at('deploy');
  return at('shipped');
}

/** Role of a file: format, context, test/docs/example/lockfile/i18n/minified/binary. */
export function roleOf(path: string): FileRole {
  const format = formatOf(path);
  const name = basename(path);
  const flags = {
    test: TEST_PATH.test(path) || CHART_TEST_PATH.test(path) || E2E_PATH.test(path) || TEST_CONFIG_PATH.test(path),
    docs:
      format === 'markdown' ||
      DOC_TEMPLATE.test(path) ||
      (DOC_PATH.test(path) &&
        !/\.(ya?ml|json|env|ini|properties|tf|tfvars)$/i.test(name) &&
        format !== 'dotenv' &&
        // `secrets/db_password.txt`, `token.txt`: a secret kept as a text file, not a document.
        !/(pass|secret|token|cred|key|cookie)[^/]*\.txt$/i.test(name)),
    example: EXAMPLE_PATH.test(path),
  };
  return {
    format,
    ...contextOf(path, flags),
    ...flags,
    lockfile: LOCKFILE.test(path),
    i18n: I18N_PATH.test(path),
    minified: MINIFIED.test(path),
    binary: BINARY_EXT.test(name),
  };
}

/** Quick binary sniff: a NUL in the first 8 KiB. */
export function looksBinary(text: string): boolean {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  return head.includes('\u0000');
}

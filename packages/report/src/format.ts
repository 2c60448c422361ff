import type { RunResult } from '@shipshape/core';
import type { ReportOptions } from './common.js';
import { formatGithub } from './github.js';
import { formatGitlabCodeQuality } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export type FormatName = 'text' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown' | 'gitlab-codequality';

export type Reporter = (result: RunResult, options?: ReportOptions) => string;

const REPORTERS: Readonly<Record<FormatName, Reporter>> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
  'gitlab-codequality': formatGitlabCodeQuality,
};

/** Every format, in the order the CLI lists them. */
export const FORMATS: readonly FormatName[] = Object.freeze(Object.keys(REPORTERS) as FormatName[]);

export function isFormatName(value: unknown): value is FormatName {
  return typeof value === 'string' && Object.hasOwn(REPORTERS, value);
}

/** Renders a run result in the given format. Deterministic: the same result gives the same string. */
export function formatResult(format: FormatName, result: RunResult, options: ReportOptions = {}): string {
  if (!isFormatName(format))
    throw new TypeError(`Unknown report format "${String(format)}"; expected one of ${FORMATS.join(', ')}.`);
  return REPORTERS[format](result, options);
}

import type { Analyzer } from '@shipshape/core';

export const ANALYZER_NAMES = ['dockerfile', 'secrets', 'sbom', 'workloads'] as const;
export type AnalyzerName = (typeof ANALYZER_NAMES)[number];

/** Analyzers load lazily so that `--version`, `init` and `--help` start fast. */
export async function loadAnalyzer(name: AnalyzerName): Promise<Analyzer> {
  switch (name) {
    case 'dockerfile':
      return (await import('@shipshape/dockerfile')).dockerfileAnalyzer;
    case 'secrets':
      return (await import('@shipshape/secrets')).secretsAnalyzer;
    case 'sbom':
      return (await import('@shipshape/sbom')).sbomAnalyzer;
    case 'workloads':
      return (await import('@shipshape/workloads')).workloadsAnalyzer;
  }
}

export async function loadAnalyzers(names: readonly AnalyzerName[] = ANALYZER_NAMES): Promise<Analyzer[]> {
  return Promise.all(names.map(loadAnalyzer));
}

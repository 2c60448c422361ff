import type { AnalyzerContext, ScanFile } from '@shipshape/core';
import type { SourceFile } from './model.js';
import { selectSbomInputs } from './projects.js';

/**
 * Reads, from an analyzer's context, the manifests and lockfiles the SBOM is built from: chart
 * archives are left to their path, a file over `maxBytes` or one that cannot be read is a warning
 * that names what it is left out of. Shared by the pinning audit and the vulnerability analyzer.
 */
export async function readSbomInputs(
  ctx: Pick<AnalyzerContext, 'files' | 'readText' | 'notify'>,
  options: { maxBytes: number; leftOutOf: string },
): Promise<SourceFile[]> {
  const byPath = new Map<string, ScanFile>(ctx.files.map((f) => [f.path, f]));
  const files: SourceFile[] = [];
  for (const path of selectSbomInputs([...byPath.keys()])) {
    const file = byPath.get(path);
    if (!file || path.endsWith('.tgz')) continue;
    if (file.size > options.maxBytes) {
      ctx.notify({
        level: 'warning',
        code: 'file-too-large',
        message: `${path}: ${file.size} bytes is more than ${options.leftOutOf} reads (${options.maxBytes}); it is left out.`,
        file: path,
      });
      continue;
    }
    try {
      files.push({ path, text: await ctx.readText(file) });
    } catch (error) {
      ctx.notify({
        level: 'warning',
        code: 'unreadable',
        message: `${path}: ${String((error as Error)?.message ?? error)}`,
        file: path,
      });
    }
  }
  return files;
}

import type { CollectedProject, SourceFile } from '../model.js';
import { collectNodeProject } from './npm/index.js';
import { collectPythonProject } from './python/index.js';

/**
 * The Node and Python collectors plugged into the project detector, behind a table so
 * generateSbom can be driven with stand-ins in tests.
 */
export interface EcosystemCollectors {
  node?: (input: {
    dir: string;
    manifest?: SourceFile;
    lockfiles: SourceFile[];
    includeDev?: boolean;
    workspaceManifests?: SourceFile[];
  }) => CollectedProject;
  python?: (input: { dir: string; files: SourceFile[]; includeDev?: boolean }) => CollectedProject;
}

export const defaultCollectors: EcosystemCollectors = { node: collectNodeProject, python: collectPythonProject };

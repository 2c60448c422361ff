import type { CollectedProject, SourceFile } from '../model.js';

/**
 * The Node and Python collectors (written beside this file by another helper) plugged into the
 * project detector. Kept behind this table so generateSbom can be tested with stand-ins.
 */
export interface EcosystemCollectors {
  node?: (input: {
    dir: string;
    manifest?: SourceFile;
    lockfiles: SourceFile[];
    includeDev?: boolean;
  }) => CollectedProject;
  python?: (input: { dir: string; files: SourceFile[]; includeDev?: boolean }) => CollectedProject;
}

export const defaultCollectors: EcosystemCollectors = {};

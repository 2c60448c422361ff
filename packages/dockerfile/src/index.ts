export { buildContextInfo, CONTEXT_CONFIG_FILES, dockerfileAnalyzer, dockerignoreExcludes } from './analyzer.js';
export {
  type BuildFileKind,
  type BuildReference,
  buildFileKind,
  findBuildReferences,
  type ResolvedBuild,
  resolveBuild,
} from './context/builds.js';
export { classifyImage, type ImageClass, type ImageKnowledge } from './data/images.js';
export { fixDockerfile, unifiedDiff } from './fix.js';
export { type DockerfileOptions, lintDockerfile, lintDockerfileWithNotes, rules } from './lint.js';
export { type ImageReference, parseImageReference } from './model/image-ref.js';
export {
  buildModel,
  type DockerfileModel,
  type LintSettings,
  RUN_SCRIPT_LIMITS,
  type SkippedPart,
} from './model/model.js';
export { trivy as trivyAliases } from './model/peers.js';

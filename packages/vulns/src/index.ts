export { ageNotifications, formatAge } from './age.js';
export { createVulnsAnalyzer, type VulnsAnalyzerOptions } from './analyzer.js';
export { cycloneDxVulnerabilities } from './cyclonedx.js';
export {
  type DatabaseSource,
  EXPORT_NAME,
  INDEX_NAME,
  type OpenDatabaseOptions,
  OsvDatabase,
} from './db.js';
export { ECOSYSTEMS, type EcosystemInfo, type OsvPackageRef, osvEcosystem, readPurl } from './ecosystems.js';
export { DatabaseError, UpdateError } from './errors.js';
export { vulnFindings } from './findings.js';
export { applyIgnores, type IgnoreOutcome } from './ignore.js';
export { type PinLocation, PinLocator } from './locate.js';
export { type MatchOptions, type MatchResult, matchComponents, type VulnComponent, type VulnMatch } from './match.js';
export type * from './osv.js';
export { type AffectedVerdict, evaluateAffected, inRange, nearestFixed } from './range.js';
export { knownVulnerability, rules } from './rules/index.js';
export { addCycloneDxVulnerabilities, graphComponents, type SbomVulnerabilityOptions } from './sbom.js';
export { componentsOf, scanFiles, sourcesUsed, type VulnScanOptions, type VulnScanResult } from './scan.js';
export {
  DEFAULT_MAX_DB_AGE_MS,
  parseDuration,
  type VulnIgnore,
  type VulnsSettings,
  vulnsSettings,
} from './settings.js';
export { type Rating, rateAdvisory, severityOfScore } from './severity.js';
export {
  DEFAULT_OSV_BASE_URL,
  type UpdateOptions,
  type UpdateOutcome,
  updateDatabase,
} from './update.js';
export type { VersionOrder } from './versions/types.js';

import type { RuleMeta } from '@shipshape/core';
import type { SbomRule } from '../audit/input.js';
import { rule as actionNotPinned } from './action-not-pinned/rule.js';
import { rule as helmDependencyRangeWithoutLock } from './helm-dependency-range-without-lock/rule.js';
import { rule as imageWithoutDigest } from './image-without-digest/rule.js';
import { rule as lockfileOutOfSync } from './lockfile-out-of-sync/rule.js';
import { rule as manifestWithoutLockfile } from './manifest-without-lockfile/rule.js';
import { rule as requirementMissingHash } from './requirement-missing-hash/rule.js';
import { rule as requirementNotPinned } from './requirement-not-pinned/rule.js';
import { rule as vcsDependencyNotPinned } from './vcs-dependency-not-pinned/rule.js';

/** Every pinning-audit rule, one line each. */
export const sbomRules: readonly SbomRule[] = [
  actionNotPinned,
  helmDependencyRangeWithoutLock,
  imageWithoutDigest,
  lockfileOutOfSync,
  manifestWithoutLockfile,
  requirementMissingHash,
  requirementNotPinned,
  vcsDependencyNotPinned,
];

/** Metadata of every rule (for `shipshape rules`). */
export const rules: readonly RuleMeta[] = sbomRules.map((r) => r.meta);

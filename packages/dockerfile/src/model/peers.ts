/** Trivy spells one check three ways (`DS002`, `DS-0002`, `AVD-DS-0002`); all are aliases. */
export function trivy(n: number): string[] {
  const short = `DS${String(n).padStart(3, '0')}`;
  const long = `DS-${String(n).padStart(4, '0')}`;
  return [short, long, `AVD-${long}`];
}

/**
 * The peer IDs one finding of a grouped rule stands for, keyed by the finding's `peerId`: a
 * hadolint id together with the Trivy check that means the same thing. A finding carries only
 * these as its aliases, so `# hadolint ignore=DL3008` does not hide a pip finding (DL3013) and a
 * corpus labelled DS025 matches an apk cache finding, not an apt one.
 */
const PEER_EQUIVALENTS: Record<string, string[]> = {
  DL3019: trivy(25), // apk add without --no-cache
  DL3032: trivy(15), // yum clean all missing
  DL3040: trivy(19), // dnf clean all missing
  DL3036: trivy(20), // zypper clean missing
  DL3014: trivy(21), // apt-get install without -y
};

/** The aliases of one finding of a grouped rule, from its peer id. */
export function findingAliases(peerId: string): string[] {
  const id = peerId.toUpperCase();
  return [id, ...(PEER_EQUIVALENTS[id] ?? [])];
}

/** Version ordering of one ecosystem: how OSV `ECOSYSTEM` ranges are evaluated there. */
export interface VersionOrder {
  /** Short description for docs and notifications (`PEP 440`, `Go module versions`). */
  readonly name: string;
  /** Whether the ecosystem can read the version at all; an unreadable version is never compared. */
  valid(version: string): boolean;
  /** Negative, zero or positive like a sort comparator; both versions must be `valid`. */
  compare(a: string, b: string): number;
}

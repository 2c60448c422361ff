/** Trivy spells one check three ways (`DS002`, `DS-0002`, `AVD-DS-0002`); all are aliases. */
export function trivy(n: number): string[] {
  const short = `DS${String(n).padStart(3, '0')}`;
  const long = `DS-${String(n).padStart(4, '0')}`;
  return [short, long, `AVD-${long}`];
}

import parse, { type SpdxNode } from 'spdx-expression-parse';

/** How a license string found in a manifest or lockfile is written out. */
export type LicenseChoice =
  /** A single SPDX license id from the list (`MIT`). */
  | { kind: 'id'; id: string }
  /** A valid compound SPDX expression (`MIT OR Apache-2.0`, `LicenseRef-x`, `GPL-2.0-only WITH Classpath-exception-2.0`). */
  | { kind: 'expression'; expression: string; refs: string[] }
  /** Not an SPDX expression: kept verbatim as a license name. */
  | { kind: 'name'; name: string };

const cache = new Map<string, LicenseChoice>();

/** Classifies a license string with spdx-expression-parse (memoised: the same few strings repeat thousands of times). */
export function classifyLicense(raw: string): LicenseChoice {
  const text = raw.trim();
  const hit = cache.get(text);
  if (hit) return hit;
  let choice: LicenseChoice;
  try {
    const ast = parse(text);
    if (
      'license' in ast &&
      !ast.plus &&
      ast.exception === undefined &&
      !ast.license.startsWith('LicenseRef-') &&
      !ast.license.startsWith('DocumentRef-')
    )
      choice = { kind: 'id', id: ast.license };
    else choice = { kind: 'expression', expression: text, refs: collectRefs(ast) };
  } catch {
    choice = { kind: 'name', name: text };
  }
  if (cache.size < 10_000) cache.set(text, choice);
  return choice;
}

function collectRefs(node: SpdxNode, out: string[] = []): string[] {
  if ('license' in node) {
    if (node.license.startsWith('LicenseRef-') || node.license.startsWith('DocumentRef-')) out.push(node.license);
  } else {
    collectRefs(node.left, out);
    collectRefs(node.right, out);
  }
  return out;
}

/**
 * One SPDX expression for several declared licenses, or undefined when any is not a valid
 * expression (SPDX documents then say NOASSERTION rather than guess).
 */
export function combineSpdx(licenses: readonly string[]): { expression: string; refs: string[] } | undefined {
  if (licenses.length === 0) return undefined;
  const parts: string[] = [];
  const refs: string[] = [];
  for (const raw of licenses) {
    const c = classifyLicense(raw);
    if (c.kind === 'name') return undefined;
    if (c.kind === 'id') parts.push(c.id);
    else {
      parts.push(licenses.length > 1 ? `(${c.expression})` : c.expression);
      refs.push(...c.refs);
    }
  }
  const unique = [...new Set(parts)];
  return { expression: unique.join(' AND '), refs: [...new Set(refs)] };
}

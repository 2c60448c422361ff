import { createHash } from 'node:crypto';

/** Fixed tool identity written into every document. */
export const TOOL_NAME = 'shipshape';

/**
 * The document time: an explicit ISO timestamp, else `SOURCE_DATE_EPOCH` (seconds), else now.
 * Always second precision in UTC (`2024-01-01T00:00:00Z`), the form both specs accept.
 */
export function resolveTimestamp(explicit?: string, env: Record<string, string | undefined> = process.env): string {
  let date: Date;
  if (explicit !== undefined) date = new Date(explicit);
  else if (env.SOURCE_DATE_EPOCH !== undefined && /^\d+$/.test(env.SOURCE_DATE_EPOCH.trim()))
    date = new Date(Number(env.SOURCE_DATE_EPOCH.trim()) * 1000);
  else date = new Date();
  if (Number.isNaN(date.getTime())) date = new Date(0);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A name-based (version 5 layout) UUID from the SHA-256 of `content`: same content, same id. */
export function contentUuid(content: string): string {
  const hex = createHash('sha256').update(content).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Deterministic JSON: 2-space indentation and a final newline (keys are emitted in insertion order, which writers fix). */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Placeholder a writer puts where the content-derived id goes before hashing. */
export const ID_PLACEHOLDER = '00000000-0000-5000-8000-000000000000';

/**
 * Serialises a document whose id field holds `ID_PLACEHOLDER`, derives the id from that text and
 * substitutes it: one serialisation instead of two for large documents.
 */
export function serialiseWithContentId(doc: Record<string, unknown>, setId: (id: string) => void): string {
  const draft = stableJson(doc);
  const id = contentUuid(draft);
  setId(id);
  return draft.replace(ID_PLACEHOLDER, id);
}

import { createRequire } from 'node:module';
import type { X2jOptions, XMLParser } from 'fast-xml-parser';

/**
 * A fast-xml-parser instance made on first use (only Maven and .NET projects need XML, and loading
 * the library costs start-up time). Entities are never expanded: a DOCTYPE entity bomb stays text.
 */
export function lazyXmlParser(options: X2jOptions): () => XMLParser {
  let parser: XMLParser | undefined;
  return () => {
    if (parser) return parser;
    const { XMLParser: Parser } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
    parser = new Parser({ ...options, processEntities: false });
    return parser;
  };
}

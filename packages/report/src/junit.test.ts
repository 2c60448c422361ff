import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { emptyResult, sampleResult } from './__tests__/fixtures.js';
import { escapeXmlAttribute, escapeXmlText, formatJunit } from './junit.js';

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses with a conformant, strict XML parser: throws on anything not well-formed. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(node);
    stack.push(node);
    root ??= node;
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

describe('junit', () => {
  it('uses a parser that rejects malformed XML (so the checks below mean something)', () => {
    expect(() => parseXml('<a>\u0001</a>')).toThrow();
    expect(() => parseXml('<a b="<"/>')).toThrow();
    expect(() => parseXml('<a>&</a>')).toThrow();
    expect(() => parseXml('<a><b></a>')).toThrow();
  });

  it('is well-formed XML with one testsuite per file and one failing testcase per finding', () => {
    const doc = parseXml(formatJunit(sampleResult()));
    expect(doc.name).toBe('testsuites');
    expect(doc.attributes).toMatchObject({ tests: '7', failures: '7', errors: '0' });
    const files = doc.children.filter((s) => s.children.some((c) => c.name === 'testcase'));
    expect(files.map((s) => s.attributes.name)).toEqual(['.env', 'Dockerfile', 'src/weird <name> & "q".js']);
    const docker = files[1]!;
    expect(docker.attributes).toMatchObject({ tests: '4', failures: '4' });
    const testcases = docker.children.filter((c) => c.name === 'testcase');
    expect(testcases).toHaveLength(4);
    const root = testcases.find((t) => t.children[0]?.attributes.type === 'docker/last-user-root')!;
    expect(root.attributes).toMatchObject({ classname: 'Dockerfile', file: 'Dockerfile', line: '6' });
    const failure = root.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attributes.message).toBe('The final stage runs as root (USER root).');
    expect(failure.text).toContain('at Dockerfile:6:1');
    expect(failure.text).toContain('fix: Add `USER app`');
  });

  it('escapes <>&"\' and control characters in attributes and text', () => {
    const result = sampleResult();
    const f = result.findings.find((x) => x.ruleId === 'js/eval')!;
    f.message = `a<b>&"c"'d' \u0001\u001b[31m \ufffe \ud800 end\r\nnext\tcol`;
    const xml = formatJunit(result);
    const doc = parseXml(xml);
    const failure = doc.children
      .flatMap((s) => s.children)
      .flatMap((t) => t.children)
      .find((c) => c.attributes.type === 'js/eval')!;
    // Markup characters and whitespace survive the round trip; forbidden characters become U+FFFD.
    expect(failure.attributes.message).toBe(`a<b>&"c"'d' \ufffd\ufffd[31m \ufffd \ufffd end\r\nnext\tcol`);
    expect(failure.text).toContain(`a<b>&"c"'d' \ufffd\ufffd[31m`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are gone
    expect(xml).not.toMatch(/[\u0001\u001b]/);
    expect(escapeXmlAttribute(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&apos;');
    expect(escapeXmlText('<a & b>')).toBe('&lt;a &amp; b&gt;');
  });

  it('gives findings of one rule at one position distinct testcase names', () => {
    const result = sampleResult();
    const root = result.findings.find((f) => f.ruleId === 'docker/last-user-root')!;
    result.findings.push({ ...root, message: 'Second.', fingerprint: 'other' });
    const names = parseXml(formatJunit(result))
      .children.flatMap((s) => s.children)
      .map((t) => t.attributes.name);
    expect(names).toContain('docker/last-user-root at 6:1');
    expect(names).toContain('docker/last-user-root at 6:1 (2)');
  });

  it('keeps a valid surrogate pair intact', () => {
    expect(escapeXmlText('rocket \u{1F680}')).toBe('rocket \u{1F680}');
  });

  it('is one passing testcase when there are no findings', () => {
    const doc = parseXml(formatJunit(emptyResult()));
    expect(doc.attributes).toMatchObject({ tests: '1', failures: '0' });
    expect(doc.children).toHaveLength(1);
    const cases = doc.children[0]!.children;
    expect(cases).toHaveLength(1);
    expect(cases[0]!.name).toBe('testcase');
    expect(cases[0]!.children).toEqual([]);
  });

  it('lists notifications in system-err', () => {
    const doc = parseXml(formatJunit(sampleResult()));
    const err = doc.children.flatMap((s) => s.children).find((c) => c.name === 'system-err')!;
    expect(err.text).toContain('warning file-too-large dist/bundle.js: Skipped: larger than 5 MB.');
  });
});

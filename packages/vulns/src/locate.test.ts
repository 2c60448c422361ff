import { describe, expect, it } from 'vitest';
import { PinLocator } from './locate.js';

const at = (text: string, name: string, version: string, pypi = false) => {
  const { range, found } = new PinLocator(text).locate(name, version, pypi);
  return found ? [range.startLine, range.endLine] : undefined;
};

describe('finding the line that pins a component', () => {
  it('same-line pins: requirements, pnpm, Gemfile.lock, go.mod, gradle.lockfile', () => {
    expect(at('# x\nDjango_Extras==1.0rc1 \\\n  --hash=sha256:00\n', 'django-extras', '1.0rc1', true)).toEqual([2, 2]);
    expect(at('packages:\n  /left-pad@1.3.0:\n    resolution: {}\n  left-pad@1.3.0:\n', 'left-pad', '1.3.0')).toEqual([
      2, 2,
    ]);
    expect(at('GEM\n  specs:\n    rack (3.0.8)\n    rack-test (2.1.0)\n', 'rack-test', '2.1.0')).toEqual([4, 4]);
    expect(at('require (\n\tgolang.org/x/net v0.17.0 // indirect\n)\n', 'golang.org/x/net', 'v0.17.0')).toEqual([2, 2]);
    expect(at('com.fasterxml:jackson-databind:2.15.0=runtimeClasspath\n', 'jackson-databind', '2.15.0')).toEqual([
      1, 1,
    ]);
  });

  it('a range is not a pin: "^1.2.3" and ">=1.2.3" are skipped for the entry below', () => {
    const text =
      '{\n  "deps": {\n    "foo": "^1.2.3",\n    "bar": ">=1.2.3"\n  },\n  "node_modules/foo": {\n    "version": "1.2.3"\n  }\n}\n';
    expect(at(text, 'foo', '1.2.3')).toEqual([6, 7]);
  });

  it('XML: the artifactId line and its <version> line (pom.xml)', () => {
    const pom =
      '<dependency>\n  <groupId>g</groupId>\n  <artifactId>lib</artifactId>\n  <version>2.13.4</version>\n</dependency>\n';
    expect(at(pom, 'lib', '2.13.4')).toEqual([3, 4]);
    expect(at('rack-test (2.1.0)\n  rack (~> 1.3)\n    rack (1.3)\n', 'rack', '1.3')).toEqual([3, 3]);
  });

  it('entries: the version line inside the same entry (Pipfile.lock hashes in between, TOML tables)', () => {
    const pipfile = [
      '{',
      '    "default": {',
      '        "django": {',
      '            "hashes": [',
      '                "sha256:aa",',
      '                "sha256:bb"',
      '            ],',
      '            "index": "pypi",',
      '            "version": "==4.2.1"',
      '        }',
      '    }',
      '}',
    ].join('\n');
    expect(at(pipfile, 'django', '4.2.1', true)).toEqual([3, 9]);
    const cargo =
      '[[package]]\nname = "serde"\nversion = "1.0.0"\n\n[[package]]\nname = "serde_json"\nversion = "1.0.0"\n';
    expect(at(cargo, 'serde_json', '1.0.0')).toEqual([6, 7]);
    // The other entry's version never leaks across the table header.
    expect(at('[[package]]\nname = "a"\n\n[[package]]\nversion = "2.0.0"\n', 'a', '2.0.0')).toEqual([2, 2]);
  });

  it('names match whole: foo is not foo-bar, @scope/foo, or foo.js', () => {
    const text = 'foo-bar==1.0\n@x/foo@1.0:\nfoo.js 1.0\nfoo==1.0\n';
    expect(at(text, 'foo', '1.0')).toEqual([4, 4]);
    expect(new PinLocator('nothing here\n').locate('foo', '1.0').found).toBe(false);
  });

  it('a version is whole: 1.2.3 is not 1.2.30 or 1.2.3-beta', () => {
    expect(at('foo 1.2.30\nfoo 1.2.3-beta\nfoo 1.2.3\n', 'foo', '1.2.3')).toEqual([3, 3]);
  });
});

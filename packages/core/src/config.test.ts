import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, parseSize, STARTER_CONFIG } from './config.js';
import { ConfigError } from './errors.js';

function configError(text: string): ConfigError {
  try {
    parseConfig(text, 'cfg.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('accepts a full valid config', () => {
    const config = parseConfig(
      [
        'failOn: medium',
        'profile: strict',
        'ignore: ["vendor/", "**/*.min.js"]',
        'maxFileSize: 2MB',
        'rules:',
        '  docker/last-user-root: critical',
        '  DL3008: off',
        '  secrets/generic-credential: { severity: low, options: { minLength: 10 } }',
        'dockerfile: { trustedRegistries: [ghcr.io] }',
      ].join('\n'),
    );
    expect(config.failOn).toBe('medium');
    expect(config.rules?.['DL3008']).toBe('off');
    expect(config.dockerfile?.['trustedRegistries']).toEqual(['ghcr.io']);
  });

  it('treats an empty file as defaults', () => {
    expect(parseConfig('')).toEqual({});
    expect(parseConfig('# only a comment\n')).toEqual({});
  });

  it('names the key path of a bad rule severity and what was expected', () => {
    const error = configError('rules:\n  docker/last-user-root:\n    severity: urgent\n');
    expect(error.keyPath).toBe('rules.docker/last-user-root.severity');
    expect(error.message).toContain('cfg.yaml');
    expect(error.message).toContain('rules.docker/last-user-root.severity');
    expect(error.message).toMatch(/expected one of "critical"/);
  });

  it('rejects unknown keys, top level and nested', () => {
    expect(configError('failon: high\n').keyPath).toBe('failon');
    expect(configError('failon: high\n').message).toMatch(/unknown key/);
    expect(configError('dockerfile:\n  trustedRegistry: [x]\n').keyPath).toBe('dockerfile.trustedRegistry');
    expect(configError('rules:\n  docker/x: { sevrity: low }\n').keyPath).toBe('rules.docker/x.sevrity');
  });

  it('rejects wrong types and invalid YAML with the file name', () => {
    expect(configError('ignore: vendor/\n').message).toMatch(/ignore: expected array/);
    expect(configError('failOn: [high\n').message).toMatch(/cfg\.yaml: not valid YAML/);
    expect(configError('- a\n- b\n').message).toMatch(/expected object/);
  });

  it('the starter config written by init is valid', () => {
    expect(() => parseConfig(STARTER_CONFIG)).not.toThrow();
  });
});

describe('loadConfig', () => {
  it('does not load a .shipshape.yaml that links out of the root, and never echoes a file in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-config-'));
    const outside = mkdtempSync(join(tmpdir(), 'shipshape-config-out-'));
    writeFileSync(join(outside, 'shadow'), 'root_line: not-for-your-eyes\n');
    symlinkSync(join(outside, 'shadow'), join(dir, '.shipshape.yaml'));
    expect(() => loadConfig(dir)).toThrow(/cannot read config file \(symbolic link leaving/);
    // The user's own --config may be a link.
    expect(() => loadConfig(dir, join(dir, '.shipshape.yaml'))).toThrow(/root_line: unknown key/);
    const broken = configError('failOn: high\nsecrets: [ "not-for-your-eyes"\n  bad: : :\n');
    expect(broken.message).toMatch(/not valid YAML: .* at line 3, column \d+$/);
    expect(broken.message).not.toContain('not-for-your-eyes');
  });

  it('finds a config of only blank lines and comments empty, in linear time', () => {
    expect(parseConfig(`# c\n${'\r\n'.repeat(200_000)}`)).toEqual({});
  });

  it('finds .shipshape.yaml at the root and reports its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-config-'));
    writeFileSync(join(dir, '.shipshape.yaml'), 'failOn: low\n');
    const loaded = loadConfig(dir);
    expect(loaded.config.failOn).toBe('low');
    expect(loaded.file).toBe(join(dir, '.shipshape.yaml'));
  });

  it('returns defaults when there is no config and errors on a missing explicit one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-config-'));
    expect(loadConfig(dir)).toEqual({ config: {} });
    expect(() => loadConfig(dir, join(dir, 'nope.yaml'))).toThrow(/cannot read config file/);
  });
});

describe('parseSize', () => {
  it('parses units', () => {
    expect(parseSize('2MB', 1)).toBe(2 * 1024 * 1024);
    expect(parseSize('512k', 1)).toBe(512 * 1024);
    expect(parseSize(100, 1)).toBe(100);
    expect(parseSize(undefined, 7)).toBe(7);
  });
});

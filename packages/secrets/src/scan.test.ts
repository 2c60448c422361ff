// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` strings are test data, not templates
import { describe, expect, it } from 'vitest';
import { scanText } from './scan.js';

const rules = (path: string, text: string) => scanText({ path, text }).map((f) => `${f.ruleId}:${f.range.startLine}`);

describe('scanText: format awareness', () => {
  it('masks Helm templates so a chart template parses and literal data is still found', () => {
    const text =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "x" . }}\nstringData:\n  {{- with .Values.extra }}\n  token: "Zq8xL2mN4pR7sT9v"\n  {{- end }}\n  password: {{ .Values.password | quote }}\n';
    expect(rules('chart/templates/secret.yaml', text)).toEqual(['helm/hardcoded-secret-manifest:7']);
  });

  it('decodes Secret data and docker auths', () => {
    const auth = Buffer.from('robot:Xk39dLqPz7').toString('base64');
    const dockercfg = Buffer.from(JSON.stringify({ auths: { 'r.internal': { auth } } })).toString('base64');
    const text = `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${dockercfg}\n`;
    expect(rules('k8s/pull.yaml', text)).toEqual(['helm/hardcoded-secret-manifest:5']);
  });

  it('finds secrets in notebook cells at the JSON line', () => {
    const nb = JSON.stringify(
      {
        cells: [
          {
            cell_type: 'code',
            source: ['import os\n', 'api_key = "Qw8Er5Ty2Ui9Op3As6Df"\n', 'token = os.environ["T"]'],
          },
        ],
      },
      null,
      1,
    );
    const line = nb.split('\n').findIndex((l) => l.includes('api_key')) + 1;
    expect(rules('nb/a.ipynb', nb)).toEqual([`secrets/generic-credential:${line}`]);
  });

  it('reads .netrc, tfvars and properties', () => {
    expect(rules('.netrc', 'machine git.internal login ci password Xk39dLqPz7\n')).toEqual([
      'secrets/generic-credential:1',
    ]);
    expect(
      rules(
        'prod.tfvars',
        'region = "eu-west-1"\ndb_password = "Tf-Pr0d-Db-Passw0rd"\nkms_key_arn = "arn:aws:kms:eu-west-1:1:key/x"\n',
      ),
    ).toEqual(['secrets/generic-credential:2']);
    expect(
      rules(
        'application.properties',
        'spring.datasource.password=Spr1ng-Ds-Pw!\nspring.datasource.password=${DB_PASSWORD}\n',
      ),
    ).toEqual(['secrets/generic-credential:1']);
  });

  it('reads XML settings, web.config, PHP define and docker -e', () => {
    expect(
      rules(
        'settings.xml',
        '<server>\n  <password>Nx-Deploy-Pw-9931</password>\n  <password>${env.NEXUS_PASSWORD}</password>\n</server>\n',
      ),
    ).toEqual(['secrets/generic-credential:2']);
    expect(
      rules(
        'web.config',
        '<appSettings>\n  <add key="ApiSecret" value="Zq8xL2mN4pR7sT9v" />\n  <add key="ApiUrl" value="https://x" />\n</appSettings>\n',
      ),
    ).toEqual(['secrets/generic-credential:2']);
    expect(
      rules('wp-config.php', "<?php\ndefine( 'DB_PASSWORD', 'Wp-Db-Pa55-2024' );\ndefine( 'DB_HOST', 'localhost' );\n"),
    ).toEqual(['secrets/generic-credential:2']);
    expect(
      rules('scripts/run.sh', 'docker run -d -e POSTGRES_PASSWORD=Pg-Run-Pw-771 -e POSTGRES_USER=app postgres:16\n'),
    ).toEqual(['secrets/generic-credential:1']);
    expect(rules('docs/run.md', 'docker run -e POSTGRES_PASSWORD=mysecretpassword postgres\n')).toEqual([]);
  });

  it('catches escaped-newline private keys through the detectors', () => {
    const body = Array.from({ length: 6 }, (_, i) =>
      Array.from(
        { length: 64 },
        (_, j) =>
          'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(i * 131 + j * 17 + j * j * 7) % 64],
      ).join(''),
    ).join('\\n');
    const key = `-----BEGIN ${'PRIVATE'} KEY-----\\n${body}\\n-----END ${'PRIVATE'} KEY-----\\n`;
    const found = rules('config/sa.json', `{\n  "name": "svc",\n  "signing_key": "${key}"\n}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^secrets\/private-key.*:3$/);
  });
});

describe('scanText: precision traps stay silent', () => {
  it.each([
    [
      'package-lock.json',
      '{\n  "integrity": "sha512-5T6nhjsT+EOMzuck8JjBHARTHfMht0POzlA60WV2pMD3gyXw2LZnZ+ueGdNxG+0calOJcWKbpFcuzLZ91YWq9Q==",\n  "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz"\n}\n',
    ],
    [
      'k8s/deploy.yaml',
      'spec:\n  containers:\n    - image: r.internal/app@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n',
    ],
    ['.github/workflows/ci.yml', 'env:\n  password: ${{ secrets.DB_PASSWORD }}\n  token_url: https://x/token\n'],
    [
      'app/settings.py',
      'password = os.environ["X"]\nPASSWORD_FIELD = "password"\nGIT_SHA = "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d"\nREQUEST_ID = "123e4567-e89b-12d3-a456-426614174000"\n',
    ],
    ['chart/templates/d.yaml', 'env:\n  - name: PASSWORD\n    value: {{ .Values.password | quote }}\n'],
    [
      'src/keys.ts',
      "export const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ci@x';\n",
    ],
    ['static/app.css', '.password{color:red}.token-input::placeholder{opacity:.5}\n'],
    ['locales/de.json', '{\n  "password": "Passwort",\n  "secret": "Geheimnis"\n}\n'],
    [
      'README.md',
      'Set `password: changeme`, `DB_PASSWORD=${DB_PASSWORD}`, or `postgres://user:password@localhost/db`.\n',
    ],
  ])('%s', (path, text) => expect(rules(path, text)).toEqual([]));
});

describe('scanText: bad input', () => {
  it('skips binaries', () =>
    expect(scanText({ path: 'a.bin', text: 'password = "Xk39dLqPz7"\u0000\u0001' })).toEqual([]));
  it('survives a YAML alias bomb', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'password: Xk39dLqPz7-x',
    ].join('\n');
    expect(rules('bomb.yaml', bomb)).toEqual(['secrets/generic-credential:6']);
  });
  it('falls back to lines when YAML does not parse', () => {
    expect(rules('broken.yaml', 'a: [unclosed\npassword: Xk39dLqPz7-x\n  bad: indent: here\n')).toContain(
      'secrets/generic-credential:2',
    );
  });
  it('bounds work on huge minified lines', () => {
    const line = `var a={${'k:"v",'.repeat(400_000)}password:"Xk39dLqPz7"};`;
    const t0 = performance.now();
    const found = rules('src/app.js', line);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(found).toEqual(['secrets/generic-credential:1']);
  });
});

describe('real chart defaults', () => {
  it('catches committed default passwords in public-chart-style values files', () => {
    // Shapes of real public charts' values.yaml (airflow, sonarqube, superset): default users and
    // database passwords committed as literals.
    const values = [
      'webserver:',
      '  defaultUser:',
      '    enabled: true',
      '    username: admin',
      '    password: admin',
      'postgresql:',
      '  postgresqlPassword: sonarPass',
      '  auth:',
      '    password: ""',
      '    existingSecret: ""',
      'init:',
      '  adminUser:',
      '    password: admin',
      'secretKey: "thisISaSECRET_1234"',
    ].join('\n');
    expect(rules('charts/app/values.yaml', values)).toEqual([
      'helm/values-literal-secret:5',
      'helm/values-literal-secret:7',
      'helm/values-literal-secret:13',
      'helm/values-literal-secret:14',
    ]);
  });
});

# Writes the labelled mini-corpus under src/__tests__/corpus/ (files + labels.json).
# Lines marked S are secrets (line-level labels). `@@token:<detector-id>@@` markers are replaced
# at test time with a value generated from that detector's own samples, so no token-shaped
# string is committed.
import json, os, shutil, base64
ROOT = os.path.join(os.path.dirname(__file__), '..', 'src', '__tests__', 'corpus')
shutil.rmtree(ROOT, ignore_errors=True)
labels = {}
def b64(s): return base64.b64encode(s.encode()).decode()
def repo(name, files, env=(), tracked=None):
    secrets = {}
    for path, lines in files.items():
        out = []
        for i, l in enumerate(lines, 1):
            if isinstance(l, tuple):
                secrets.setdefault(path, []).append(i)
                l = l[1]
            out.append(l)
        fs = '/'.join(('_' + seg[1:]) if seg.startswith('.') else seg for seg in path.split('/'))
        p = os.path.join(ROOT, name, fs)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, 'w').write('\n'.join(out) + '\n')
    if tracked is not None:
        json.dump({'tracked': tracked}, open(os.path.join(ROOT, name, 'git.json'), 'w'), indent=2)
    labels[name] = {'secrets': secrets, 'repoFindings': [{'ruleId': r, 'file': f} for r, f in env]}
S = lambda t: ('S', t)

# 1. Node API with compose, env files, Dockerfile, tests, lockfile, minified bundle.
shop = {
 'package.json': ['{', '  "name": "shop-api",', '  "version": "2.3.1",', '  "scripts": { "start": "node src/server.js", "test": "vitest" },', '  "dependencies": { "express": "4.19.2", "pg": "8.11.3" }', '}'],
 'package-lock.json': ['{', '  "name": "shop-api",', '  "lockfileVersion": 3,', '  "packages": {', '    "node_modules/express": {', '      "version": "4.19.2",', '      "resolved": "https://registry.npmjs.org/express/-/express-4.19.2.tgz",', '      "integrity": "sha512-5T6nhjsT+EOMzuck8JjBHARTHfMht0POzlA60WV2pMD3gyXw2LZnZ+ueGdNxG+0calOJcWKbpFcuzLZ91YWq9Q=="', '    },', '    "node_modules/pg": {', '      "version": "8.11.3",', '      "integrity": "sha512-+9iuvG8QfaaUrrph+kpF24cXkH1YOOUeArRNYIxq1viYHZagBxrTno7cecY1Fa44tJeZvaoG+Djpkc3JwehN5g=="', '    }', '  }', '}'],
 '.env': ['NODE_ENV=production', 'PORT=8080', S('DATABASE_URL=postgres://shop:Vq7#kLm29xPz@db.prod.internal:5432/shop'), S('STRIPE_SECRET_KEY=@@token:stripe-live-secret-key@@'), S('JWT_SECRET=8f4Kq2LzX9vB7nM1wR5tY3uE6'), 'LOG_LEVEL=info', 'SESSION_TTL=3600', 'PASSWORD_MIN_LENGTH=12'],
 '.env.example': ['NODE_ENV=development', 'PORT=8080', 'DATABASE_URL=postgres://user:password@localhost:5432/shop', 'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'JWT_SECRET=changeme', 'SENDGRID_API_KEY=<your-sendgrid-key>', 'LOG_LEVEL=debug'],
 '.gitignore': ['node_modules/', 'dist/', 'coverage/', '.env.local'],
 'Dockerfile': ['FROM node:20-alpine AS build', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build', 'FROM node:20-alpine', 'ENV NODE_ENV=production', 'COPY --from=build /app /app', 'USER node', 'CMD ["node", "src/server.js"]'],
 'docker-compose.yml': ['services:', '  api:', '    build: .', '    env_file:', '      - .env', '    environment:', '      DB_HOST: db', '      DB_PASSWORD: ${DB_PASSWORD:?missing}', '      REDIS_URL: redis://cache:6379/0', '  db:', '    image: postgres:16-alpine', '    environment:', '      POSTGRES_USER: shop', S('      POSTGRES_PASSWORD: shop-db-Pr0d-2024'), '      POSTGRES_DB: shop', '  cache:', '    image: redis:7-alpine', '    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]'],
 'src/server.js': ["import express from 'express';", "import pg from 'pg';", '', "const PASSWORD_FIELD = 'password';", "const TOKEN_HEADER = 'x-auth-token';", 'const pool = new pg.Pool({', '  host: process.env.DB_HOST,', '  password: process.env.DB_PASSWORD,', '});', '', "const app = express();", "app.post('/login', (req, res) => {", '  const password = req.body[PASSWORD_FIELD];', "  if (!password) return res.status(400).json({ error: 'Enter your password' });", "  res.json({ ok: true });", '});', 'app.listen(process.env.PORT ?? 8080);'],
 'src/payments.js': ["import Stripe from 'stripe';", '', '// Legacy fallback kept for the migration, remove after 2024-06', S("const stripe = new Stripe(process.env.STRIPE_KEY || '@@token:stripe-live-secret-key@@');"), "export const webhookPath = '/hooks/stripe';", "export const tokenUrl = 'https://connect.stripe.com/oauth/token';"],
 'src/mailer.js': ["import sgMail from '@sendgrid/mail';", S("sgMail.setApiKey('@@token:sendgrid-api-key@@');"), "export const FROM = 'noreply@shop.example';"],
 'src/i18n/en.json': ['{', '  "login.password": "Password",', '  "login.passwordPlaceholder": "Enter your password",', '  "login.token": "Token",', '  "reset.secret": "Secret question"', '}'],
 'tests/auth.test.js': ["import { login } from '../src/auth.js';", '', "const password = 'correct-horse-battery';", "test('login', async () => {", "  expect(await login('alice', password)).toBe(true);", "  expect(await login('alice', 'wrong')).toBe(false);", '});', S("const leakedInFixture = '@@token:openai-api-key@@';")],
 'public/js/app.min.js': ['!function(e){var t={type:"password",name:"password",placeholder:"Password"};e.token=function(n){return n.headers.authorization};e.cfg={apiKey:e.API_KEY,secret:void 0,integrity:"sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"}}(window);'],
 'README.md': ['# shop-api', '', 'Copy `.env.example` to `.env` and set `DATABASE_URL=postgres://user:password@localhost:5432/shop`.', '', '```sh', 'export STRIPE_SECRET_KEY=sk_test_your_key_here', 'curl -u user:password http://localhost:8080/health', '```', '', 'AWS example keys from the docs: `AKIAIOSFODNN7EXAMPLE`.'],
}
repo('shop-api', shop, env=[('env/tracked-env-file', '.env'), ('env/env-not-gitignored', '.env'), ('env/env-not-dockerignored', '.env'), ('env/compose-env-file-tracked', 'docker-compose.yml')],
     tracked=[p for p in shop])

# 2. Django app with settings, notebook, docs, tests.
dj = {
 'inventory/settings.py': ['import os', 'from pathlib import Path', '', 'BASE_DIR = Path(__file__).resolve().parent.parent', S("SECRET_KEY = 'django-insecure-7h#k2$9vq!x@4mzl8w^r3p&b1n6t0y5e'"), "DEBUG = os.environ.get('DEBUG') == '1'", 'DATABASES = {', "    'default': {", "        'ENGINE': 'django.db.backends.postgresql',", "        'NAME': 'inventory',", "        'USER': 'inventory',", S("        'PASSWORD': 'Inv3nt0ry!Db#2023',"), "        'HOST': os.environ.get('DB_HOST', 'localhost'),", '    }', '}', "EMAIL_HOST_PASSWORD = os.environ['EMAIL_HOST_PASSWORD']", "AUTH_PASSWORD_VALIDATORS = [{'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'}]", 'PASSWORD_RESET_TIMEOUT = 259200', "CSRF_COOKIE_NAME = 'csrftoken'", "SESSION_COOKIE_NAME = 'sessionid'"],
 'inventory/integrations.py': ['import requests', '', S("SLACK_WEBHOOK = '@@token:slack-webhook-url@@'"), S("OPENAI_API_KEY = '@@token:openai-api-key@@'"), "GITHUB_TOKEN = os.getenv('GITHUB_TOKEN')", 'def notify(msg):', '    requests.post(SLACK_WEBHOOK, json={"text": msg}, timeout=5)', S("    requests.get('https://api.internal/v1/ping', auth=('svc', 'Svc-Passw0rd-91x'))") if False else "    requests.get('https://api.internal/v1/ping', timeout=5)"],
 'inventory/db.py': ['import psycopg2', '', 'def connect():', S("    return psycopg2.connect(host='db', user='reporting', password='R3p0rt1ng-Xk39')")],
 '.env.example': ['DEBUG=1', 'SECRET_KEY=', 'DB_PASSWORD=changeme', 'EMAIL_HOST_PASSWORD=your-email-password', S('SENTRY_AUTH_TOKEN=Yk7Qm2Xp9Lz4Wv8Nr3Tb6Hd1')],
 '.gitignore': ['__pycache__/', '*.pyc', '.env', '.env.*', '!.env.example'],
 'docker-compose.yml': ['services:', '  web:', '    build: .', '    environment:', '      - DJANGO_SETTINGS_MODULE=inventory.settings', '      - DB_PASSWORD=${DB_PASSWORD}', S('      - REDIS_PASSWORD=r3d1s-Inv-Pr0d'), '  db:', '    image: postgres:15', '    environment:', '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password'],
 'notebooks/analysis.ipynb': ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "metadata": {},', '   "source": [', '    "import pandas as pd\\n",', S('    "engine = create_engine(\\"postgresql://analyst:An4lyst-Rw-2024@warehouse.internal/dw\\")\\n",'), '    "df = pd.read_sql(\\"select * from sales\\", engine)"', '   ]', '  },', '  {', '   "cell_type": "code",', '   "metadata": {},', '   "source": [', S('    "api_key = \\"Qw8Er5Ty2Ui9Op3As6Df\\"\\n",'), '    "token = os.environ[\\"HF_TOKEN\\"]"', '   ]', '  }', ' ],', ' "metadata": {},', ' "nbformat": 4,', ' "nbformat_minor": 5', '}'],
 'tests/test_views.py': ['from django.test import TestCase', '', 'class LoginTest(TestCase):', '    def setUp(self):', "        self.password = 'test-pass-123'", "        self.user = User.objects.create_user('bob', password=self.password)", '', '    def test_login(self):', "        self.assertTrue(self.client.login(username='bob', password='test-pass-123'))"],
 'docs/deploy.md': ['# Deploying', '', 'Set these variables:', '', '```', 'SECRET_KEY=<generate one>', 'DB_PASSWORD=mysecretpassword', 'DATABASE_URL=postgres://inventory:${DB_PASSWORD}@db/inventory', '```', '', 'Use `Authorization: Bearer <token>` for the API.'],
 'requirements.txt': ['Django==4.2.11', 'psycopg2-binary==2.9.9', 'requests==2.31.0 --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f'],
}
repo('inventory-django', dj, env=[], tracked=list(dj))

# 3. Helm chart + k8s manifests.
ch = {
 'charts/orders/Chart.yaml': ['apiVersion: v2', 'name: orders', 'version: 0.4.2', 'appVersion: "1.9.0"', 'dependencies:', '  - name: postgresql', '    version: 13.2.24', '    repository: oci://registry-1.docker.io/bitnamicharts'],
 'charts/orders/values.yaml': ['replicaCount: 2', 'image:', '  repository: registry.internal/orders', '  tag: "1.9.0"', '  digest: sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945', 'auth:', '  enabled: true', '  existingSecret: ""', '  password: ""', '  secretKeys:', '    adminPasswordKey: admin-password', '    userPasswordKey: user-password', 'postgresql:', '  auth:', '    username: orders', S('    password: orders-db-S3cure-88'), S('    postgresPassword: admin123'), '    existingSecret: ""', 'rabbitmq:', S('  password: kafka-secret'), '  erlangCookie: ""', 'jwt:', '  secret: "{{ randAlphaNum 32 }}"', 'oauth:', '  tokenUrl: https://auth.internal/oauth/token', '  clientId: orders-service', S('  clientSecret: 7fK2pLq9Xz4Vb8Nm1Rt5'), 'metrics:', '  enabled: false', 'passwordPolicy:', '  minLength: 12'],
 'charts/orders/values-staging.yaml': ['replicaCount: 1', 'postgresql:', '  auth:', S('    password: stag1ng-Orders-pw'), 'ingress:', '  host: orders.staging.internal'],
 'charts/orders/templates/secret.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: {{ include "orders.fullname" . }}', '  labels:', '    {{- include "orders.labels" . | nindent 4 }}', 'type: Opaque', 'data:', '  {{- if .Values.auth.password }}', '  password: {{ .Values.auth.password | b64enc | quote }}', '  {{- else }}', '  password: {{ randAlphaNum 16 | b64enc | quote }}', '  {{- end }}', S('  legacy-api-key: ' + b64('Lg4cy-K3y-9xQ2mZ')), '  username: ' + b64('orders_app')],
 'charts/orders/templates/deployment.yaml': ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ include "orders.fullname" . }}', 'spec:', '  replicas: {{ .Values.replicaCount }}', '  template:', '    spec:', '      containers:', '        - name: orders', '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"', '          env:', '            - name: DB_PASSWORD', '              valueFrom:', '                secretKeyRef:', '                  name: {{ include "orders.fullname" . }}', '                  key: password', '            - name: JWT_SECRET', '              value: {{ .Values.jwt.secret | quote }}', '            - name: AMQP_PASSWORD', S('              value: "rabbit-Pr0d-77x"'), '            - name: TOKEN_ENDPOINT', '              value: https://auth.internal/oauth/token'],
 'charts/orders/templates/configmap.yaml': ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: {{ include "orders.fullname" . }}-config', 'data:', '  LOG_LEVEL: info', '  DB_HOST: {{ .Release.Name }}-postgresql', S('  SMTP_PASSWORD: "m4il-Rel4y-Pw"'), '  DB_PASSWORD_FILE: /etc/orders/db-password'],
 'k8s/base/secret.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: registry-pull', 'type: kubernetes.io/dockerconfigjson', 'data:', S('  .dockerconfigjson: ' + b64('{"auths":{"registry.internal":{"auth":"' + b64('ci-robot:Zq8xL2mN4pR7') + '"}}}'))],
 'k8s/base/db-secret.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: orders-db', 'type: Opaque', 'stringData:', '  username: orders', S('  password: Xk39dLqPz7-prod'), S('  url: postgres://orders:Xk39dLqPz7-prod@orders-db:5432/orders')],
 'k8s/base/sealed.yaml': ['apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'metadata:', '  name: orders-api', 'spec:', '  encryptedData:', '    api-key: AgBy8hCi8Qm3YtQ2rZp1nK5vW0xL9sD4fG7hJ2kM6nB3vC8xZ1qWeR4tY7uI0oP'],
 'k8s/base/external.yaml': ['apiVersion: external-secrets.io/v1beta1', 'kind: ExternalSecret', 'metadata:', '  name: orders-stripe', 'spec:', '  secretStoreRef:', '    name: vault', '  data:', '    - secretKey: stripe-key', '      remoteRef:', '        key: secret/orders/stripe', '        property: password'],
 'k8s/base/deployment.yaml': ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: orders-worker', 'spec:', '  template:', '    spec:', '      containers:', '        - name: worker', '          image: registry.internal/orders@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945', '          env:', '            - name: QUEUE_PASSWORD', S('              value: w0rker-Qu3ue-Pass'), '            - name: PASSWORD_MIN_LENGTH', '              value: "12"', '            - name: API_TOKEN', '              valueFrom:', '                secretKeyRef: {name: orders-api, key: token}'],
}
repo('platform-chart', ch, env=[])

# 4. Infra: terraform, CI, scripts, rc files, kubeconfig, docker config, lockfiles.
inf = {
 'terraform/main.tf': ['resource "aws_db_instance" "main" {', '  identifier = "orders"', '  username   = "orders"', '  password   = var.db_password', '}', '', 'resource "random_password" "api" {', '  length  = 32', '  special = true', '}', '', 'provider "datadog" {', S('  api_key = "@@token:datadog-api-key@@"'), '  app_key = var.datadog_app_key', '}'],
 'terraform/prod.tfvars': ['region      = "eu-west-1"', 'db_username = "orders"', S('db_password = "Tf-Pr0d-Db-Passw0rd"'), 'instance    = "db.t3.medium"', 'kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"'],
 'terraform/.terraform.lock.hcl': ['provider "registry.terraform.io/hashicorp/aws" {', '  version = "5.31.0"', '  hashes = [', '    "h1:WM3AbKRRvpOwpdvuDsm0EHdxQIHLRkGdGFrJpBPuaAE=",', '    "zh:0cdb9c2083bf0902442384f7309367791e4640581652dda456f2d6d7abf0de8d",', '  ]', '}'],
 '.github/workflows/deploy.yml': ['name: deploy', 'on: [push]', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    env:', '      AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}', '      AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}', '      REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}', '    steps:', '      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11', '      - run: echo "$REGISTRY_PASSWORD" | docker login -u ci --password-stdin registry.internal', S('      - run: curl -fsS -u deployer:Dpl0y-Hook-4421 https://deploy.internal/hooks/orders'), S('      - run: curl -H "Authorization: Bearer 3c9f1a7e5b2d8046f1e3a5c7b9d1f3e5" https://status.internal/api/deploy'), '      - run: curl -H "Authorization: Bearer ${{ secrets.STATUS_TOKEN }}" https://status.internal/api/ping'],
 'scripts/backup.sh': ['#!/usr/bin/env bash', 'set -euo pipefail', 'export PGPASSWORD="${BACKUP_DB_PASSWORD}"', 'pg_dump -h db.internal -U backup orders > /backup/orders.sql', S('mysql -u root -pR00t-Backup-55 legacy < /backup/legacy.sql'), S('export AWS_SECRET_ACCESS_KEY=@@token:aws-secret-access-key@@'), S('export AWS_ACCESS_KEY_ID=@@token:aws-access-key-id@@'), 'aws s3 cp /backup s3://orders-backups/ --recursive'],
 '.npmrc': ['registry=https://npm.internal/', S('//npm.internal/:_authToken=Np4Rc-T0ken-Zq8xL2mN4pR7')],
 'deploy/kubeconfig': ['apiVersion: v1', 'kind: Config', 'clusters:', '  - name: prod', '    cluster:', '      server: https://k8s.internal:6443', '      certificate-authority-data: ' + b64('-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----'), 'users:', '  - name: deployer', '    user:', S('      token: kube-Dpl0yer-T0ken-Xk39dLqPz7Zq8x'), 'contexts:', '  - name: prod', '    context: {cluster: prod, user: deployer}', 'current-context: prod'],
 'ci/docker-config.json': ['{', '  "auths": {', '    "registry.internal": {', S('      "auth": "' + b64('ci-robot:Zq8xL2mN4pR7') + '"'), '    },', '    "ghcr.io": {}', '  },', '  "credsStore": "pass"', '}'],
 'ansible/group_vars/all.yml': ['app_user: orders', S('app_db_password: "Ans1ble-Vault-Less-77"'), 'app_admin_password: "{{ vault_app_admin_password }}"', 'app_secret_key: !vault |', '  $ANSIBLE_VAULT;1.1;AES256', '  62313365396662343061393464336163383764373764613633653634306231386433626436623361', 'ssl_key_path: /etc/ssl/private/orders.key'],
 'go.sum': ['github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=', 'github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo='],
 'yarn.lock': ['"@babel/code-frame@^7.0.0":', '  version "7.23.5"', '  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.23.5.tgz#9009b69a8c602293476ad598ff53e4562e15c244"', '  integrity sha512-CgH3s1a96LipHCmSUmYFPwY7MNx8C3avkq7i4Wl3cfa662ldtUe4VM1TPXX70pfmrlWTb6jLqTYrZyT2ZTJBgA=='],
 'config/app.toml': ['[server]', 'port = 8080', '', '[database]', 'user = "orders"', S('password = "T0ml-Db-Pw-2024"'), 'password_min_length = 10', '', '[oauth]', 'token_url = "https://auth.internal/token"', 'client_secret = ""'],
 'config/application.properties': ['spring.datasource.url=jdbc:postgresql://db:5432/orders', 'spring.datasource.username=orders', S('spring.datasource.password=Spr1ng-Ds-Pw!'), 'spring.security.oauth2.client.registration.x.client-secret=${OAUTH_SECRET}', 'management.endpoints.web.exposure.include=health'],
 'src/main/java/com/shop/Client.java': ['package com.shop;', '', 'public class Client {', '    private static final String PASSWORD_PARAM = "password";', S('    private static final String API_SECRET = "J4va-Api-S3cret-Xq9";'), '    private final String token = System.getenv("API_TOKEN");', '    public String conn() {', S('        return "Server=db;Database=orders;User Id=sa;Password=Sql-Srv-Pw-831;";'), '    }', '}'],
 'src/keys.ts': ["export const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ci@shop';", "export const tokenSecretName = 'orders-api-token';", 'export const config = {', "  secretKeyRef: 'orders-api',", '  password: undefined as string | undefined,', '};', S("export const signingSecret = 'Ts-S1gn1ng-S3cret-4477';"), S("const serviceAccount = { type: 'service_account', privateKeyPem: '@@token:private-key@@' };")],
}
repo('infra', inf, env=[('env/credential-file-committed', '.npmrc'), ('env/credential-file-committed', 'deploy/kubeconfig'), ('env/credential-file-committed', 'ci/docker-config.json')])

json.dump(labels, open(os.path.join(ROOT, 'labels.json'), 'w'), indent=2)
print({k: sum(len(v) for v in r['secrets'].values()) for k, r in labels.items()})

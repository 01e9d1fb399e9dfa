import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, DEMO_FILE, loadConfig } from './config.js';

const base = { NODE_ENV: 'test', DATA_DIR: '.vitest-tmp/config', SESSION_SECRET: 'x'.repeat(32) };

function problem(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted it');
}

describe('configuration', () => {
  it('names the variable and what is wrong with it', () => {
    expect(problem({ PORT: '70000' })).toMatch(/PORT: /);
    expect(problem({ SMTP_URL: 'http://mail.example.com' })).toMatch(
      /SMTP_URL: must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(problem({ NODE_ENV: 'production', SESSION_SECRET: '' })).toMatch(/SESSION_SECRET/);
  });

  it('refuses SMTP timeouts that would not fit inside the mail worker’s claim on an email, at startup', () => {
    expect(problem({ SMTP_URL: 'smtp://mail.example.com/?socketTimeout=600000' })).toMatch(
      /SMTP_URL: connectionTimeout \+ greetingTimeout \+ socketTimeout \(620000 ms\) must leave 20 s of the 120 s claim/,
    );
    expect(problem({ SMTP_URL: 'smtp://mail.example.com/?greetingTimeout=abc' })).toMatch(
      /SMTP_URL: greetingTimeout must be a positive/,
    );
    expect(
      loadConfig({ ...base, SMTP_URL: 'smtps://user:pass@mail.example.com:465/?socketTimeout=60000' }).smtpUrl,
    ).toContain('mail.example.com');
  });

  it('requires PUBLIC_URL in production, where emailed links would otherwise point at localhost', () => {
    expect(problem({ NODE_ENV: 'production' })).toMatch(/PUBLIC_URL: required in production/);
    expect(problem({ NODE_ENV: 'production', PUBLIC_URL: '' })).toMatch(/PUBLIC_URL: /);
    expect(loadConfig({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://portico.example.org/' }).publicUrl).toBe(
      'https://portico.example.org',
    );
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).publicUrl).toBe('http://localhost:3000');
  });

  it('trusts X-Forwarded-For only from the proxies TRUST_PROXY lists: never every hop, nor a bare number of hops', () => {
    const trusted = (value?: string) =>
      loadConfig(value === undefined ? base : { ...base, TRUST_PROXY: value }).trustProxy;
    expect(trusted()).toBe(false);
    for (const off of ['false', '0', 'no']) expect(trusted(off), off).toBe(false);
    expect(trusted('10.0.0.0/8, 127.0.0.1,fd00::/8,::1,loopback,uniquelocal')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
      '::1',
      'loopback',
      'uniquelocal',
    ]);

    expect(problem({ TRUST_PROXY: 'true' })).toMatch(
      /TRUST_PROXY: "true" would trust every X-Forwarded-For entry, so a client could choose its own address; list the proxy’s addresses .*TRUST_PROXY=127\.0\.0\.1/,
    );
    expect(problem({ TRUST_PROXY: 'yes' })).toMatch(/TRUST_PROXY: "yes" would trust every X-Forwarded-For entry/);
    expect(problem({ TRUST_PROXY: '1' })).toMatch(
      /TRUST_PROXY: a number of proxy hops \("1"\) cannot tell the proxy from a client connecting directly/,
    );
    for (const bad of [
      '10.0.0.0/33',
      '::1/129',
      '10.0.0/8',
      '10.0.0.0/8/8',
      '10.0.0.0/x',
      'fe80::1%eth0',
      'proxy.internal',
      '10.0.0.1,',
    ]) {
      expect(problem({ TRUST_PROXY: bad }), bad).toMatch(/TRUST_PROXY: ".*" is not an IP address, a CIDR range/);
    }
  });

  it('is not a demo unless DEMO=1 says so, and a demo needs the settings file npm run demo writes', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-config-demo-'));
    try {
      const env = { ...base, DATA_DIR: dataDir };
      expect(loadConfig(env).demo).toBeNull();
      const settings = {
        practiceId: 'p1',
        staffEmail: 'owner@demo.portico.test',
        password: 'pw',
        portalClientId: 'c1',
      };
      writeFileSync(path.join(dataDir, DEMO_FILE), JSON.stringify(settings));
      // The file alone changes nothing: only npm run demo sets DEMO.
      expect(loadConfig(env).demo).toBeNull();
      expect(loadConfig({ ...env, DEMO: '0' }).demo).toBeNull();
      expect(loadConfig({ ...env, DEMO: '1' }).demo).toEqual(settings);
      expect(problem({ ...env, DEMO: 'maybe' })).toMatch(/DEMO: /);
      expect(problem({ ...env, DEMO: '1', NODE_ENV: 'production', PUBLIC_URL: 'https://portico.example.org' })).toMatch(
        /DEMO: not allowed in production/,
      );
      writeFileSync(path.join(dataDir, DEMO_FILE), JSON.stringify({ ...settings, password: undefined }));
      expect(problem({ ...env, DEMO: '1' })).toMatch(/DEMO: .*demo\.json is not a demo settings file \(password\)/);
      rmSync(path.join(dataDir, DEMO_FILE));
      expect(problem({ ...env, DEMO: '1' })).toMatch(/DEMO: needs .*demo\.json, written by npm run demo .*ENOENT/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stores files on the disk unless FILES_URL names a folder or an S3-compatible bucket, and names FILES_URL when it is wrong', () => {
    const files = (env: Record<string, string>) => loadConfig({ ...base, ...env }).files;
    expect(files({})).toEqual({ kind: 'disk', directory: path.resolve('.vitest-tmp/config/attachments') });
    expect(files({ ATTACHMENTS_DIR: '/srv/portico/attachments' })).toEqual({
      kind: 'disk',
      directory: '/srv/portico/attachments',
    });
    expect(files({ FILES_URL: 'file:///mnt/shared/portico' })).toEqual({
      kind: 'disk',
      directory: '/mnt/shared/portico',
    });
    expect(
      files({
        FILES_URL:
          's3://portico-files/eu/practice-data?region=eu-west-1&endpoint=http%3A%2F%2F127.0.0.1%3A9000&forcePathStyle=true',
        AWS_ACCESS_KEY_ID: 'key',
        AWS_SECRET_ACCESS_KEY: 'secret',
      }),
    ).toEqual({
      kind: 's3',
      s3: {
        bucket: 'portico-files',
        prefix: 'eu/practice-data',
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      },
    });
    // Without keys the SDK's own chain (an instance role) decides.
    expect(files({ FILES_URL: 's3://portico-files?region=us-east-1' })).toEqual({
      kind: 's3',
      s3: { bucket: 'portico-files', prefix: '', region: 'us-east-1', forcePathStyle: false },
    });

    for (const [value, message] of [
      [
        'ftp://files.example.org/portico',
        /FILES_URL: "ftp:" is not a file store; expected file:\/\/\/<absolute path> or s3:\/\//,
      ],
      ['not a url', /FILES_URL: not a URL/],
      ['file://server/share', /FILES_URL: a folder is named as file:\/\/\/<absolute path>/],
      ['s3://portico-files', /FILES_URL: needs \?region=<region>/],
      ['s3://Portico_Files?region=us-east-1', /FILES_URL: "Portico_Files" is not a bucket name/],
      ['s3://portico-files?region=us-east-1&pathStyle=true', /FILES_URL: unknown parameter pathStyle/],
      ['s3://portico-files?region=us-east-1&forcePathStyle=yes', /FILES_URL: forcePathStyle must be true or false/],
      ['s3://portico-files?region=us-east-1&endpoint=minio:9000', /FILES_URL: endpoint "minio:9000" is not an http/],
      ['s3://key:secret@portico-files?region=us-east-1', /FILES_URL: keys do not belong in the URL/],
      ['s3://portico-files/a b?region=us-east-1', /FILES_URL: the prefix "a b" may hold only/],
    ] as const) {
      expect(problem({ FILES_URL: value }), value).toMatch(message);
    }
    expect(problem({ FILES_URL: 'file:///srv/files', ATTACHMENTS_DIR: '/srv/attachments' })).toMatch(
      /FILES_URL: set FILES_URL or ATTACHMENTS_DIR/,
    );
    expect(problem({ FILES_URL: 's3://portico-files?region=us-east-1', AWS_ACCESS_KEY_ID: 'key' })).toMatch(
      /AWS_SECRET_ACCESS_KEY: required with AWS_ACCESS_KEY_ID/,
    );
  });
});

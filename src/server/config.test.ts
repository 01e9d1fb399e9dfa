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
});

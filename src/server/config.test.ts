import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
    expect(problem({ SMTP_URL: 'http://mail.example.com' })).toMatch(/SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
    expect(problem({ NODE_ENV: 'production', SESSION_SECRET: '' })).toMatch(/SESSION_SECRET/);
  });

  it('refuses SMTP timeouts that would not fit inside the mail worker’s claim on an email, at startup', () => {
    expect(problem({ SMTP_URL: 'smtp://mail.example.com/?socketTimeout=600000' })).toMatch(
      /SMTP_URL: connectionTimeout \+ greetingTimeout \+ socketTimeout \(620000 ms\) must leave 20 s of the 120 s claim/,
    );
    expect(problem({ SMTP_URL: 'smtp://mail.example.com/?greetingTimeout=abc' })).toMatch(/SMTP_URL: greetingTimeout must be a positive/);
    expect(loadConfig({ ...base, SMTP_URL: 'smtps://user:pass@mail.example.com:465/?socketTimeout=60000' }).smtpUrl).toContain('mail.example.com');
  });
});

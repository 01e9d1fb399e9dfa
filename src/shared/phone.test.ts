import { describe, expect, it } from 'vitest';
import { clientInput } from './schemas/clients.js';
import { formatPhone, looksLikePhone, phoneRegionForTimeZone, toE164 } from './phone.js';

describe('phone numbers', () => {
  it('derives the region of national numbers from the practice time zone, US when unknown', () => {
    expect(phoneRegionForTimeZone('America/New_York')).toBe('US');
    expect(phoneRegionForTimeZone('America/Toronto')).toBe('CA');
    expect(phoneRegionForTimeZone('Europe/London')).toBe('GB');
    expect(phoneRegionForTimeZone('Australia/Sydney')).toBe('AU');
    expect(phoneRegionForTimeZone('Asia/Ulaanbaatar')).toBe('US');
    expect(phoneRegionForTimeZone('UTC')).toBe('US');
  });

  it('stores national and international numbers in E.164', () => {
    expect(toE164('(617) 555-0142', 'US')).toBe('+16175550142');
    expect(toE164('617.555.0142', 'US')).toBe('+16175550142');
    expect(toE164('+44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('(212) 555-0147 ext. 12', 'US')).toBe('+12125550147;ext=12');
  });

  it('refuses what is not a phone number', () => {
    for (const input of ['not a phone ☎', '555-0199', '12', '+1 555 0100', '020 7946 0958 ☎']) {
      expect(toE164(input, 'US'), input).toBeNull();
    }
    expect(looksLikePhone('not a phone ☎')).toBe(false);
    expect(looksLikePhone('+1 555 0100')).toBe(false);
  });

  it('shows the practice’s own numbers nationally, others internationally, unparsable ones as stored', () => {
    expect(formatPhone('+16175550142', 'US')).toBe('(617) 555-0142');
    expect(formatPhone('+442079460958', 'GB')).toBe('020 7946 0958');
    expect(formatPhone('+442079460958', 'US')).toBe('+44 20 7946 0958');
    expect(formatPhone('+12125550147;ext=12', 'US')).toBe('(212) 555-0147 ext. 12');
    expect(formatPhone('call the office', 'US')).toBe('call the office');
  });

  it('the shared schema names the phone field', () => {
    const parsed = clientInput.safeParse({ firstName: 'A', lastName: 'B', phone: 'not a phone ☎', emails: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['phone']);
  });
});

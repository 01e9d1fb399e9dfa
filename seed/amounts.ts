/**
 * An amount given on the command line either as a count ("5000") or relative to the number of
 * clients: a share ("30%") or a multiple ("10x"), so one flag works at every size.
 */
export type Amount = { count: number } | { perClient: number };

export function parseAmount(name: string, raw: string): Amount {
  const match = /^(\d+(?:\.\d+)?)(%|x)?$/.exec(raw.trim());
  if (!match?.[1])
    throw new Error(`--${name} takes a number, a share of the clients ("30%") or a multiple ("10x"); got "${raw}"`);
  const value = Number(match[1]);
  if (match[2] === '%') return { perClient: value / 100 };
  if (match[2] === 'x') return { perClient: value };
  if (!Number.isInteger(value)) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return { count: value };
}

export function resolveAmount(amount: Amount, clients: number): number {
  return 'count' in amount ? amount.count : Math.round(amount.perClient * clients);
}

export function describeAmount(amount: Amount): string {
  if ('count' in amount) return amount.count.toLocaleString('en');
  return amount.perClient < 1
    ? `${+(amount.perClient * 100).toFixed(2)}% of the clients`
    : `${amount.perClient}× the clients`;
}

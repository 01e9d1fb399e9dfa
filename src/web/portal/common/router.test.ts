import { describe, expect, it } from 'vitest';
import { matchRoutes, type PortalRoute } from './router.js';

/** The shape of the portal's routes (routes.tsx): layouts without paths, pages relative to /portal/:slug. */
const landing: PortalRoute = { index: true };
const email: PortalRoute = { path: 'sign-in/email' };
const linkLanding: PortalRoute = { path: 'sign-in' };
const home: PortalRoute = { path: 'home', handle: 'home' };
const messages: PortalRoute = { path: 'messages', handle: { fill: true } };
const notFound: PortalRoute = { path: '*' };
const signedOut: PortalRoute = { children: [{ children: [landing, email] }] };
const signedIn: PortalRoute = { children: [{ children: [home, messages] }] };
const gate: PortalRoute = { path: '/portal/:slug', children: [signedOut, linkLanding, signedIn, notFound] };
const unknownPortal: PortalRoute = { path: '*' };
const routes: PortalRoute[] = [{ children: [gate, unknownPortal] }];

const pages = (pathname: string) => matchRoutes(routes, pathname)?.matches.at(-1)?.route;

describe('the portal router', () => {
  it('finds each page under /portal/:slug, through the layouts around it', () => {
    expect(pages('/portal/oak-pine')).toBe(landing);
    expect(pages('/portal/oak-pine/')).toBe(landing);
    expect(pages('/portal/oak-pine/sign-in/email')).toBe(email);
    expect(pages('/portal/oak-pine/sign-in')).toBe(linkLanding);
    expect(pages('/portal/oak-pine/home')).toBe(home);
    expect(matchRoutes(routes, '/portal/oak-pine/messages')?.matches.map(({ route }) => route)).toEqual([
      routes[0],
      gate,
      signedIn,
      signedIn.children?.[0],
      messages,
    ]);
  });

  it('binds the parameters as typed, decoded, and matches fixed segments whatever their case', () => {
    expect(matchRoutes(routes, '/portal/Oak-Pine/Home')?.params).toEqual({ slug: 'Oak-Pine' });
    expect(pages('/portal/Oak-Pine/Home')).toBe(home);
    expect(matchRoutes(routes, '/portal/caf%C3%A9')?.params.slug).toBe('café');
  });

  it('sends an unknown page to the portal’s not-found page, and an address without a practice to the outer one', () => {
    expect(pages('/portal/oak-pine/nowhere/else')).toBe(notFound);
    expect(matchRoutes(routes, '/portal/oak-pine/nowhere/else')?.params).toEqual({
      slug: 'oak-pine',
      '*': 'nowhere/else',
    });
    expect(pages('/portal')).toBe(unknownPortal);
    expect(pages('/')).toBe(unknownPortal);
  });

  it('matches nothing when no route takes the address', () => {
    expect(
      matchRoutes([{ path: '/portal/:slug', children: [{ path: 'home' }] }], '/portal/oak-pine/messages'),
    ).toBeNull();
    expect(matchRoutes([{ path: '/portal/:slug' }], '/portal')).toBeNull();
  });
});

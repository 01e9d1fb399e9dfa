/** Paths of the portal's pages for one practice. */
export const portalPaths = {
  landing: (slug: string) => `/portal/${slug}`,
  email: (slug: string) => `/portal/${slug}/sign-in/email`,
  code: (slug: string) => `/portal/${slug}/sign-in/code`,
  home: (slug: string) => `/portal/${slug}/home`,
  messages: (slug: string) => `/portal/${slug}/messages`,
  documents: (slug: string) => `/portal/${slug}/documents`,
  document: (slug: string, id: string) => `/portal/${slug}/documents/${id}`,
  appointments: (slug: string) => `/portal/${slug}/appointments`,
  billing: (slug: string) => `/portal/${slug}/billing`,
};

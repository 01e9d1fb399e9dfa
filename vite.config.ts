import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressFolder } from './scripts/precompress.js';
import { webContract } from './scripts/web-contract.js';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * In development, page paths (no file extension, not /api) get the app's index.html, like the
 * server's not-found handler does in production.
 */
function spaFallback(): Plugin {
  return {
    name: 'portico-spa-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const isPage =
          req.method === 'GET' &&
          !path.startsWith('/api/') &&
          !path.startsWith('/@') &&
          !path.startsWith('/node_modules/') &&
          !/\.[a-z0-9]+$/i.test(path);
        if (isPage) {
          const app = path === '/portal' || path.startsWith('/portal/') ? 'portal' : 'staff';
          req.url = `/${app}/index.html`;
        }
        next();
      });
    },
  };
}

/**
 * Portico's own modules run nothing on import that another module relies on without importing
 * something from them, so a module none of whose exports a page uses is left out of that page's
 * chunks (a feature's index.ts re-exports a component another feature uses; the routes importing
 * the index for the area do not then carry it, nor the date formatting it brings).
 */
const treeshake = {
  moduleSideEffects: [{ test: /\/src\/(web|shared)\/.*\.tsx?$/, sideEffects: false }],
};

const input = {
  staff: fromRoot('./src/web/staff/index.html'),
  portal: fromRoot('./src/web/portal/index.html'),
};

/**
 * The web apps, built into dist/web and served by the Fastify server: `dist/web/staff/index.html`
 * for every non-API path, `dist/web/portal/index.html` under /portal, assets under `/assets/`.
 * Each app is its own build (the `client` environment is the staff app, `portal` the Client
 * Portal), so clients never download staff code and how one app is split into chunks never
 * changes what the other's first page loads (decision record 028). Then the build writes Brotli
 * and gzip copies of the assets, which the server sends to browsers that accept them.
 */
export default defineConfig({
  root: fromRoot('./src/web'),
  base: '/',
  plugins: [webContract(fromRoot('./src/shared/contract')), react(), spaFallback()],
  build: {
    outDir: fromRoot('./dist/web'),
    // The staff app's largest page chunks carry Mantine's tables and forms; that is expected.
    chunkSizeWarningLimit: 1200,
  },
  environments: {
    client: {
      build: {
        emptyOutDir: true,
        // Which chunks each entry and lazy page loads (bench/web.ts reads it); not served.
        manifest: '.vite/staff-manifest.json',
        rolldownOptions: { input: { staff: input.staff }, treeshake },
      },
    },
    portal: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        manifest: '.vite/portal-manifest.json',
        rolldownOptions: { input: { portal: input.portal }, treeshake },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      const { client, portal } = builder.environments;
      if (!client || !portal) throw new Error('the staff (client) and portal build environments are missing');
      await builder.build(client);
      await builder.build(portal);
      const { files, bytes, brotli, gzip } = precompressFolder(fromRoot('./dist/web/assets'));
      const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
      console.log(`precompressed ${files} assets: ${kb(bytes)} → ${kb(brotli)} brotli, ${kb(gzip)} gzip`);
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});

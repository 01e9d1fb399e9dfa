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

/** Brotli and gzip copies of the built assets, which the server sends to browsers that accept them. */
function precompress(): Plugin {
  return {
    name: 'portico-precompress',
    apply: 'build',
    closeBundle() {
      const { files, bytes, brotli, gzip } = precompressFolder(fromRoot('./dist/web/assets'));
      const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
      console.log(`precompressed ${files} assets: ${kb(bytes)} → ${kb(brotli)} brotli, ${kb(gzip)} gzip`);
    },
  };
}

/**
 * The web apps are separate entry bundles built into dist/web, served by the Fastify server:
 * `dist/web/staff/index.html` for every non-API path, assets under `/assets/`.
 */
export default defineConfig({
  root: fromRoot('./src/web'),
  base: '/',
  plugins: [webContract(fromRoot('./src/shared/contract')), react(), spaFallback(), precompress()],
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    // The staff bundle carries Mantine, React Router and TanStack Query; that is expected.
    chunkSizeWarningLimit: 1200,
    // dist/web/.vite/manifest.json: which chunks each entry and lazy page loads (bench/web.ts reads it).
    manifest: true,
    rolldownOptions: {
      input: {
        staff: fromRoot('./src/web/staff/index.html'),
        // The client portal is a second, separate bundle (clients never download staff code):
        portal: fromRoot('./src/web/portal/index.html'),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});

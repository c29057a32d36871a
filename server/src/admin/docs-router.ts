/**
 * The API reference at /docs: Redoc, served from the installed `redoc` package (never a CDN, so it works
 * offline), rendering /openapi.json with its operations and webhooks.
 */
import path from 'node:path';
import express from 'express';
import { securityHeaders } from './admin-router';

const REDOC_BUNDLE = require.resolve('redoc/bundles/redoc.standalone.js');
const DOCS_ASSETS = path.join(__dirname, 'docs');

// Redoc styles with styled-components (inline <style>) and runs its search index in a blob: worker.
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function createDocsRouter(_deps?: unknown): express.Router {
  const router = express.Router();
  router.use('/docs', securityHeaders(DOCS_CSP));
  router.get('/docs/redoc.standalone.js', (_req, res) => {
    res.sendFile(REDOC_BUNDLE, { headers: { 'Cache-Control': 'public, max-age=3600' } });
  });
  // The page links its assets absolutely, so /docs and /docs/ both serve it without a redirect.
  router.get(['/docs', '/docs/'], (_req, res) => {
    res.sendFile(path.join(DOCS_ASSETS, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } });
  });
  router.use('/docs', express.static(DOCS_ASSETS, { index: false, redirect: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  return router;
}

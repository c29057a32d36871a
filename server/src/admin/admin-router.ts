/**
 * The admin console at /admin: static HTML, CSS and ES modules that talk to the public JSON API only.
 * Loading these files needs no key; the console signs in with an API key kept in sessionStorage.
 */
import path from 'node:path';
import express from 'express';

export const CONSOLE_DIR = path.join(__dirname, 'public');

// No inline script or style anywhere in the console, so the policy can forbid both.
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function securityHeaders(csp: string): express.RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  };
}

/** `deps` is the server's router dependencies; the console needs none of them. */
export function createAdminRouter(_deps?: unknown): express.Router {
  const router = express.Router();
  router.use('/admin', securityHeaders(CONSOLE_CSP));
  // Relative module URLs resolve against /admin/, so the bare path redirects there.
  router.get('/admin', (req, res, next) => {
    if (req.originalUrl.split('?')[0] !== '/admin') return next();
    res.redirect(301, '/admin/');
  });
  router.use(
    '/admin',
    express.static(CONSOLE_DIR, {
      index: 'index.html',
      redirect: false,
      fallthrough: true,
      // Small files that change with each release: revalidate instead of guessing a lifetime.
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  // The console's own forms post to /admin/ only when scripts are off; answer with the page, never 404.
  router.post('/admin/', (_req, res) => res.sendFile(path.join(CONSOLE_DIR, 'index.html')));
  return router;
}

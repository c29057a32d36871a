import type { IncomingHttpHeaders } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../app-deps';
import { type AuthContext, authenticate, requireTenant } from '../domain/auth';
import type { TenantRecord } from '../store/store';

/** The API key the request carries: `Authorization: Bearer <key>`, else `X-API-Key`. */
export function presentedKey(req: Request): string | undefined {
  return presentedKeyOf(req.headers);
}

/** presentedKey on bare node:http headers (the fast publish path runs before Express). */
export function presentedKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const raw = headers['x-api-key'];
  const apiKey = (Array.isArray(raw) ? raw.join(', ') : raw)?.trim();
  return apiKey || undefined;
}

interface OpenApiRequest {
  openapi?: { schema?: { security?: unknown[] } };
}

/** True when the matched operation declares `security: []` (health, readiness, metrics, this document). */
function isPublicOperation(req: Request): boolean {
  const security = (req as Request & OpenApiRequest).openapi?.schema?.security;
  return Array.isArray(security) && security.length === 0;
}

/**
 * Authenticates every operation of the OpenAPI document that is not public. Runs after the
 * validator has matched the route (unknown routes answer 404 first) and before it validates the
 * request (so an anonymous caller learns nothing about the API but that it needs a key).
 * Routes outside the document (the admin console, /docs) are left to their own routers.
 */
export function authMiddleware(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    const matched = (req as Request & OpenApiRequest).openapi;
    if (!matched || isPublicOperation(req)) return next();
    res.locals.auth = await authenticate(deps, presentedKey(req));
    next();
  };
}

/** The caller, set by authMiddleware. */
export function authOf(res: Response): AuthContext {
  const auth = res.locals.auth as AuthContext | undefined;
  if (!auth) throw new Error('authOf called on a route the auth middleware did not run for');
  return auth;
}

/** The caller's tenant (403 for admin keys): every tenant resource is read and written through it. */
export function tenantOf(res: Response): TenantRecord {
  return requireTenant(authOf(res));
}

export function tenantIdOf(res: Response): string {
  return tenantOf(res).id;
}

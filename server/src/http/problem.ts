import type { Request, Response } from 'express';
import type { ProblemField } from '../domain/errors';

/** Problem type URIs: https://deskhooks.dev/problems/<slug> (documented in the API docs). */
export const PROBLEM_TYPE_BASE = 'https://deskhooks.dev/problems/';

/** An RFC 9457 problem details document (the Problem schema in openapi/base.yaml). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemField[];
}

export function problem(
  req: Request,
  input: { slug: string; title: string; status: number; detail?: string; errors?: ProblemField[] },
): Problem {
  const doc: Problem = { type: `${PROBLEM_TYPE_BASE}${input.slug}`, title: input.title, status: input.status };
  if (input.detail) doc.detail = input.detail;
  doc.instance = req.originalUrl.split('?')[0];
  if (input.errors && input.errors.length > 0) doc.errors = input.errors;
  return doc;
}

export function sendProblem(res: Response, doc: Problem, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
}

import type { Catalog } from '../src/catalog/catalog';

/** The note every generated artifact carries (as a comment, or as a field where the format has no comments). */
export const GENERATED_NOTE = 'generated from triggers/, run npm run generate (do not edit by hand)';

export interface GeneratedFile {
  /** Path relative to the repository root. */
  path: string;
  content: string | Buffer;
}

export interface GeneratorContext {
  root: string;
  catalog: Catalog;
  /** The bundled OpenAPI document (base.yaml + catalog), as written to openapi/generated/openapi.json. */
  openapi: Record<string, any>;
}

export type Generator = (context: GeneratorContext) => GeneratedFile[] | Promise<GeneratedFile[]>;

export function jsonFile(path: string, value: unknown): GeneratedFile {
  return { path, content: `${JSON.stringify(value, null, 2)}\n` };
}

/**
 * `deskhooks trigger <type> [--data file.json] [--brand B]`: publishes an event, the trigger's sample
 * (GET /v1/triggers/{type}) or the `data` object in a file, so a developer sees the whole path from
 * publish to their receiver.
 */
import fs from 'node:fs';
import { ok } from '../deskhooks-client';
import type { CommandContext } from './context';
import { CliError } from './errors';

export interface TriggerOptions {
  data?: string;
  brand?: string;
}

/** A data file larger than the API would take anyway is refused before it is read. */
const MAX_DATA_FILE_BYTES = 1024 * 1024;

function readDataFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_DATA_FILE_BYTES) throw new CliError(`--data ${file} is ${size} bytes; at most ${MAX_DATA_FILE_BYTES} are sent`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read --data ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--data ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(`--data ${file} must hold the event's data as a JSON object (like the trigger's sample)`);
  }
  return parsed as Record<string, unknown>;
}

export async function trigger(ctx: CommandContext, type: string, options: TriggerOptions): Promise<number> {
  let data: Record<string, unknown>;
  if (options.data) {
    data = readDataFile(options.data);
  } else {
    ctx.output.err(`Fetching the sample of ${type}…`);
    const found = await ctx.api(async () => ok(await ctx.client.GET('/v1/triggers/{type}', { params: { path: { type } } })));
    data = found.sample;
  }
  ctx.output.err(`Publishing ${type} to ${ctx.serverUrl}…`);
  const accepted = await ctx.api(async () =>
    ok(await ctx.client.POST('/v1/events', { body: { type, data, ...(options.brand ? { brand: options.brand } : {}) } })),
  );
  const deliveries = `${accepted.deliveries} deliver${accepted.deliveries === 1 ? 'y' : 'ies'}`;
  ctx.output.out(`Published ${accepted.type} as event ${accepted.id}: ${deliveries}.`);
  if (accepted.deliveries === 0) ctx.output.err(`No hook subscribes to ${type} yet (start \`deskhooks listen --events ${type} …\` first).`);
  return 0;
}

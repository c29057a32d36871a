/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and answers where the time went: self time by function
 * and by package/area, so that `npm run bench -- --cpu-prof` names its hot spots without a GUI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './rpc';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  /** Share of all samples, percent. */
  percent: number;
  ms: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Idle, GC and program overhead are their own rows, so the rest is what the code spent. */
  functions: HotSpot[];
  areas: HotSpot[];
}

function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (file.startsWith('node:')) return `node:${file.slice(5).split('/')[0]}`;
  const relative = path.relative(REPO_ROOT, file);
  if (!relative.startsWith('..')) return path.dirname(relative);
  return file;
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const totalUs = profile.endTime - profile.startTime;
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    const short = callFrame.url ? `${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
    const name = `${callFrame.functionName || '(anonymous)'}${short ? ` ${short}` : ''}`;
    const area = areaOf(callFrame.url, callFrame.functionName);
    functions.set(name, (functions.get(name) ?? 0) + us);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const rank = (map: Map<string, number>): HotSpot[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: Math.round((us / totalUs) * 1000) / 10 }));
  return { file, totalMs: Math.round(totalUs / 1000), functions: rank(functions), areas: rank(areas) };
}

export function renderProfileSummary(summary: ProfileSummary): string {
  const lines = [`${path.basename(summary.file)} (${summary.totalMs} ms)`, '  by area:'];
  for (const spot of summary.areas) lines.push(`    ${String(spot.percent).padStart(5)}%  ${spot.name}`);
  lines.push('  by function (self time):');
  for (const spot of summary.functions) lines.push(`    ${String(spot.percent).padStart(5)}%  ${spot.name}`);
  return lines.join('\n');
}

/** The main-thread profiles (thread 0) under `dir`, one directory per server run, summarized. */
export function summarizeProfileDir(dir: string): string {
  const parts: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(dir, entry.name))) {
      if (!/\.\d+\.0\.\d+\.cpuprofile$/.test(file)) continue;
      parts.push(`[${entry.name}] ${renderProfileSummary(summarizeProfile(path.join(dir, entry.name, file)))}`);
    }
  }
  return parts.join('\n\n');
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) process.stdout.write(`${renderProfileSummary(summarizeProfile(file))}\n\n`);
}

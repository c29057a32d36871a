import fs from 'node:fs';
import path from 'node:path';
const file = process.argv[2];
const filter = new RegExp(process.argv[3] ?? 'server/src');
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  const dt = p.timeDeltas[i] ?? 0; total += dt;
  const seen = new Set<string>();
  let id: number | undefined = p.samples[i];
  while (id !== undefined) {
    const cf = byId.get(id).callFrame;
    if (filter.test(cf.url)) {
      const name = `${cf.functionName || '(anon)'} ${path.basename(cf.url)}:${cf.lineNumber + 1}`;
      if (!seen.has(name)) { seen.add(name); incl.set(name, (incl.get(name) ?? 0) + dt); }
    }
    id = parent.get(id);
  }
}
const rows = [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 40));
for (const [n, us] of rows) console.log((us / total * 100).toFixed(1).padStart(5) + '%', n);

import Database from 'better-sqlite3';
for (const dir of ['/tmp', '/dev/shm', '/work/main/bench/scratch']) {
  const f = `${dir}/sqtest-${process.pid}.db`;
  const db = new Database(f);
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
  db.exec('create table t (id integer primary key, v text)');
  const ins = db.prepare('insert into t (v) values (?)');
  const tx = db.transaction((v: string) => ins.run(v)).immediate;
  const v = 'x'.repeat(1500);
  const n = 5000;
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) db.transaction(() => ins.run(v)).immediate();
  const t1 = performance.now(); const c1 = process.cpuUsage(c0);
  console.log(dir, 'per tx ms wall', ((t1 - t0) / n).toFixed(4), 'cpu', ((c1.user + c1.system) / 1000 / n).toFixed(4), 'sys', (c1.system/1000/n).toFixed(4));
  db.close();
  for (const s of ['', '-wal', '-shm']) require('fs').rmSync(f + s, { force: true });
}

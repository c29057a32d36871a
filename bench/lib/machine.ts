import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryMb: number;
  freeMemoryMb: number;
  /** 1, 5 and 15-minute load averages when the run started: the machine is shared. */
  loadAverage: number[];
  platform: string;
  kernel: string;
  arch: string;
  node: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    freeMemoryMb: Math.round(os.freemem() / 2 ** 20),
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    platform: os.platform(),
    kernel: os.release(),
    arch: os.arch(),
    node: process.version,
  };
}

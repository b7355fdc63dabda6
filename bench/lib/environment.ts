import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface BenchEnvironment {
  node: string;
  platform: string;
  cpuModel: string;
  cores: number;
  memoryGb: number;
  freeMemoryGb: number;
  /** The 1-minute load average when the run started: other work on a shared machine skews figures. */
  loadAverage1m: number;
  date: string;
}

export function describeEnvironment(now = new Date()): BenchEnvironment {
  const list = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    date: now.toISOString(),
  };
}

export function environmentLine(env: BenchEnvironment): string {
  return `Node ${env.node} on ${env.platform}, ${env.cpuModel} × ${env.cores} cores, ${env.memoryGb} GB RAM (load ${env.loadAverage1m} at start), ${env.date}`;
}

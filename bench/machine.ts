/** The facts about the machine that a bench table is meaningless without. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { spinVersion } from './tools.js';

export interface MachineFacts {
  readonly node: string;
  readonly nproc: number;
  readonly cpu: string;
  readonly spin: string;
  /** 1-minute load average when the facts were taken: other work skews every timing. */
  readonly load: number;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) return m[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function machineFacts(): MachineFacts {
  return { node: process.version, nproc: availableParallelism(), cpu: cpuModel(), spin: spinVersion() ?? 'SPIN not installed', load: loadavg()[0] ?? 0 };
}

export function describeMachine(m: MachineFacts): string {
  return `Node ${m.node}, nproc ${m.nproc}, CPU ${m.cpu}, ${m.spin}, load average ${m.load.toFixed(2)}`;
}

/** A warning when other work was running: the bench itself keeps one core busy. */
export function loadWarning(before: MachineFacts, after: MachineFacts): string | undefined {
  const worst = Math.max(before.load, after.load);
  if (worst <= 1.5) return undefined;
  return `load average reached ${worst.toFixed(2)} on ${before.nproc} CPUs: other processes were running, timings are not trustworthy`;
}

/** The facts about the machine that a bench table is meaningless without. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { spinVersion } from './tools.js';

export interface MachineFacts {
  readonly node: string;
  readonly nproc: number;
  readonly cpu: string;
  readonly spin: string;
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
  return { node: process.version, nproc: availableParallelism(), cpu: cpuModel(), spin: spinVersion() ?? 'SPIN not installed' };
}

export function describeMachine(m: MachineFacts): string {
  return `Node ${m.node}, nproc ${m.nproc}, CPU ${m.cpu}, ${m.spin}`;
}

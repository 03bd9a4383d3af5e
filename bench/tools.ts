/** Finding the external tools the bench needs, without installing anything. */
import { spawnSync } from 'node:child_process';

/** True when `command args` can be started and exits 0. */
export function runs(command: string, args: readonly string[]): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

/** What is missing for the SPIN rows, as one line to print, or undefined when all is there. */
export function missingSpinTools(): string | undefined {
  const missing = [runs('spin', ['-V']) ? undefined : 'spin', runs('gcc', ['--version']) ? undefined : 'gcc'].filter((x) => x !== undefined);
  if (missing.length === 0) return undefined;
  return `${missing.join(' and ')} not found: the SPIN rows need them (on Debian/Ubuntu: apt-get install ${missing.map((m) => (m === 'gcc' ? 'gcc' : 'spin')).join(' ')})`;
}

/** GNU time measures a child's peak RSS; without it the SPIN rows say n/a. */
export const gnuTime = '/usr/bin/time';

export function hasGnuTime(): boolean {
  return runs(gnuTime, ['-f', '%M', 'true']);
}

/** "Spin Version 6.5.2 -- 6 December 2019", or undefined. */
export function spinVersion(): string | undefined {
  const r = spawnSync('spin', ['-V'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

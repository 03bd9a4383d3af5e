/** What a command may touch of the outside world; the real one is in main.ts, tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Progress lines go to stderr only when it is a terminal. */
  readonly errIsTTY: boolean;
  readonly cwd: string;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** Aborted on a second Ctrl-C: stop at once, even a search caught in the model's code. */
  readonly stop?: AbortSignal;
}

/** Exit codes, as documented in the README. */
export const EXIT = { holds: 0, violated: 1, usage: 2, incomplete: 3 } as const;

/**
 * Reads the numbers out of the report that a SPIN verifier (`pan`) prints, and refuses a report
 * that is not a complete, error-free search: a truncated search stores fewer states and would make
 * any comparison meaningless, and pan says so only in passing.
 *
 * @example
 * const stats = parsePanOutput(text, 10_000_000);
 * stats.states; // "states, stored"
 */

export interface PanStats {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  /** pan's own "elapsed time": the search, without compiling or process start. */
  readonly seconds: number;
  /** "total actual memory usage", in bytes (includes the preallocated hash table and DFS stack). */
  readonly totalBytes: number;
  /** "actual memory usage for states", in bytes: the stored state vectors alone. */
  readonly stateBytes: number;
  readonly partialOrderReduction: boolean;
}

const MB = 1024 * 1024;

function number(text: string, pattern: RegExp, what: string): number {
  const m = pattern.exec(text);
  if (!m?.[1]) throw new Error(`pan output has no ${what} (looked for ${pattern.source})`);
  const value = Number(m[1]);
  if (!Number.isFinite(value)) throw new Error(`pan output has an unreadable ${what}: '${m[1]}'`);
  return value;
}

/** Why this report cannot be used, or undefined when it is a complete search without errors. */
export function panProblem(text: string, depthLimit: number): string | undefined {
  if (/max search depth too small/.test(text)) return `search truncated: max search depth too small (raise the depth bound above ${depthLimit})`;
  const depth = /depth reached (\d+)/.exec(text);
  if (!depth?.[1]) return 'no "depth reached" line: pan did not finish its search';
  if (Number(depth[1]) >= depthLimit - 1) return `search truncated: depth reached ${depth[1]} with a bound of ${depthLimit}`;
  const errors = /errors: (\d+)/.exec(text);
  if (!errors?.[1]) return 'no "errors:" line in pan output';
  if (errors[1] !== '0') return `pan found ${errors[1]} error(s); the benchmark model must have none`;
  if (/Search not completed/.test(text)) return 'pan says the search was not completed';
  if (!/Full statespace search/.test(text)) return 'not a full state-space search (bitstate or hash-compact?)';
  return undefined;
}

/** Parses a complete pan report; throws, naming the reason, on a truncated or failed search. */
export function parsePanOutput(text: string, depthLimit: number): PanStats {
  const problem = panProblem(text, depthLimit);
  if (problem) throw new Error(problem);
  return {
    states: number(text, /^\s*(\d+) states, stored/m, '"states, stored"'),
    transitions: number(text, /^\s*(\d+) transitions \(= stored\+matched\)/m, '"transitions"'),
    depth: number(text, /depth reached (\d+)/, '"depth reached"'),
    seconds: number(text, /pan: elapsed time ([\d.e+-]+) seconds/, '"elapsed time"'),
    totalBytes: number(text, /^\s*([\d.]+)\s+total actual memory usage/m, '"total actual memory usage"') * MB,
    stateBytes: number(text, /^\s*([\d.]+)\s+actual memory usage for states/m, '"actual memory usage for states"') * MB,
    partialOrderReduction: /\+ Partial Order Reduction/.test(text),
  };
}

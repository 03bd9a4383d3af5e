import type { Action } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { CheckResult, Path, PropertyResult } from '../core/result.js';
import type { TraceFiles } from './trace-files.js';
import { allocheckVersion } from './version.js';

/** The `format` of a result document. */
export const RESULT_FORMAT = 'allocheck-result';
/** Its version: 2 added `format`, `version`, `allocheck` and, in result.json, each property's `files`. */
export const RESULT_VERSION = 2;

/** The `--json` document; its schema is in the README ("JSON output"). */
export interface ResultJson {
  readonly format: typeof RESULT_FORMAT;
  readonly version: number;
  /** The allocheck version that wrote it. */
  readonly allocheck: string;
  readonly model: string;
  readonly policy: string | null;
  readonly params: ParamValues;
  readonly verdict: string;
  readonly incomplete?: string;
  readonly properties: readonly {
    readonly name: string;
    readonly kind: string;
    readonly status: string;
    readonly failure?: string;
    readonly details?: Readonly<Record<string, number | string>>;
    readonly counterexample?: PathJson;
    readonly witness?: PathJson;
    /** In result.json: the files of this property's counterexample (`sameAs`: another property's, shared). */
    readonly files?: TraceFiles;
  }[];
  readonly stats: CheckResult<unknown>['stats'];
}

export interface PathJson {
  readonly length: number;
  readonly loopStart?: number;
  readonly choices: readonly number[];
  /** Absent only in a matrix's cell replies (see {@link PathDetail}); every document has them. */
  readonly actions?: readonly Record<string, unknown>[];
}

/**
 * How much of a path a result carries: `actions` (each step's actor, name and sentence), or
 * only its `choices`, which replay it (runner/rehydrate.ts). A matrix reads nothing else of a
 * cell's paths, and rendering each step's sentence was a twentieth of a small cell's check.
 */
export type PathDetail = 'actions' | 'choices';

export function pathJson(path: Path<unknown, Action>, detail: PathDetail = 'actions'): PathJson {
  const base = { length: path.actions.length, choices: path.choices, ...(detail === 'actions' ? { actions: actionsJson(path) } : {}) };
  return path.loopStart === undefined ? base : { ...base, loopStart: path.loopStart };
}

function actionsJson(path: Path<unknown, Action>): Record<string, unknown>[] {
  // An action's own JSON form when it has one: allocation actions carry their sentence as a
  // getter and their successor state as a field, which a plain copy would get backwards.
  return path.actions.map((a) => JSON.parse(JSON.stringify(a)) as Record<string, unknown>);
}

/** One property's verdict as the JSON documents show it. */
export function propertyJson(p: PropertyResult<unknown, Action>, detail: PathDetail = 'actions'): ResultJson['properties'][number] {
  return {
    name: p.name,
    kind: p.kind,
    status: p.status,
    ...(p.failure ? { failure: p.failure } : {}),
    ...(p.details ? { details: p.details } : {}),
    ...(p.counterexample ? { counterexample: pathJson(p.counterexample, detail) } : {}),
    ...(p.witness ? { witness: pathJson(p.witness, detail) } : {}),
  };
}

/**
 * The `--json` document of a result; `detail` 'choices' leaves each path's actions out.
 *
 * @example resultJson(check(model), 'mempool-only', { pages: 6 }).verdict // 'violated'
 */
export function resultJson(result: CheckResult<unknown, Action>, policy: string | undefined, params: ParamValues, detail: PathDetail = 'actions'): ResultJson {
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    allocheck: allocheckVersion(),
    model: result.model,
    policy: policy ?? null,
    params,
    verdict: result.verdict,
    ...(result.incomplete ? { incomplete: result.incomplete } : {}),
    properties: result.properties.map((p) => propertyJson(p, detail)),
    stats: result.stats,
  };
}

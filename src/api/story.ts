import type { Action } from '../core/model.js';
import type { Path } from '../core/result.js';

/** An action's sentence: its `text` when the model gives one, else "actor: name". */
export function actionText(a: Action): string {
  const text = (a as Action & { text?: unknown }).text;
  return typeof text === 'string' ? text : `${a.actor}: ${a.name}`;
}

/**
 * A counterexample as a numbered list of its steps; a lasso marks where its cycle starts.
 *
 * @example storyLines(path) // ['   1. dirtier1 dirties a page of md0', ...]
 */
export function storyLines(path: Path<unknown, Action>): string[] {
  return path.actions.map((a, i) => {
    const mark = path.loopStart !== undefined && i === path.loopStart ? '  <- the cycle starts here and repeats forever' : '';
    return `${String(i + 1).padStart(4)}. ${actionText(a)}${mark}`;
  });
}

import type { AllocAction, AllocModel } from '../../src/alloc/index.js';

/** Every action of an allocation model's reachable graph, each distinct (actor, name, context, text) once. */
export function reachableActions(model: AllocModel): AllocAction[] {
  const out = new Map<string, AllocAction>();
  const seen = new Set<string>();
  const todo = [...model.initialStates()];
  while (todo.length) {
    model.successors(todo.pop()!, (a, s) => {
      out.set(`${a.actor}|${a.name}|${a.context ?? ''}|${a.text}`, a);
      const k = String(model.encode(s));
      if (!seen.has(k)) (seen.add(k), todo.push(s));
    });
  }
  return [...out.values()];
}

/** The texts of {@link reachableActions}. */
export function reachableTexts(model: AllocModel): Set<string> {
  return new Set(reachableActions(model).map((a) => a.text));
}

/**
 * Values a world fixes when it is built (which offsets hold pages, which pools a daemon returns),
 * worked out on first use and asked for in every state of a search. The last world's value is
 * kept at hand beside the WeakMap: a search asks of one world only, and a WeakMap lookup in every
 * state showed in profiles.
 */
import type { World } from './world.js';

/**
 * `make(world)`, remembered for each world.
 *
 * @example
 * const poolOffsets = perWorld((world) => world.pools.map((p) => world.layout.pool(p.index)));
 * poolOffsets(world) === poolOffsets(world); // true: made once
 */
export function perWorld<T>(make: (world: World) => T): (world: World) => T {
  const made = new WeakMap<World, T>();
  let last: World | undefined;
  let lastValue: T | undefined;
  return (world) => {
    if (world !== last) {
      let value = made.get(world);
      if (value === undefined) made.set(world, (value = make(world)));
      last = world;
      lastValue = value;
    }
    return lastValue as T;
  };
}

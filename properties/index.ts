/**
 * The properties every allocation model is checked against, in this order. Importing this module
 * registers them with the language (src/alloc/property-registry.ts), which builds every model
 * with them; 'allocheck' and src/language.ts (what the shipped models import) import it.
 */
import type { Property } from '../src/core/model.js';
import { registerProperties } from '../src/alloc/property-registry.js';
import type { AllocState } from '../src/alloc/state.js';
import { noDeadlock } from './no-deadlock.js';
import { pagesConserved } from './pages-conserved.js';
import { recoverable } from './recoverable.js';
import { reserveIntegrity } from './reserve-integrity.js';
import { writeoutProgress } from './writeout-progress.js';

export const allocProperties: readonly Property<AllocState>[] = [noDeadlock, reserveIntegrity, pagesConserved, writeoutProgress, recoverable];

registerProperties(allocProperties);

/** The safety properties, which the explorer decides today. */
export const safetyProperties: readonly string[] = ['no-deadlock', 'reserve-integrity', 'pages-conserved'];

/** Name, kind and summary of each property, for `list`. */
export const propertyList: readonly { name: string; kind: string; summary: string }[] = allocProperties.map((p) => ({
  name: p.name,
  kind: p.kind,
  summary: p.description ?? '',
}));

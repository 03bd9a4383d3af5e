import type { Invariant } from '../src/core/model.js';
import type { AllocState } from '../src/alloc/state.js';

/**
 * Allocations not entitled to the reserve never take free pages below M. Entitlement is judged
 * without the policy: reclaim (PF_MEMALLOC tasks and the requests they submit), the ACKs that
 * complete writeout, and atomic allocations down to the atomic floor. A policy that hands the
 * reserve to anyone else leaks it, deadlock or not.
 */
export const reserveIntegrity: Invariant<AllocState> = {
  kind: 'invariant',
  name: 'reserve-integrity',
  description: 'only allocations entitled to the reserve take free pages below M',
  holds: (s) => !s.leaked,
};

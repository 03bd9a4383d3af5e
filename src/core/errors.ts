/**
 * Errors the engine raises. Each has a stable `code`; callers decide how to show it.
 * A property violation is never an error: it is a result.
 */
const BRAND = Symbol.for('allocheck.CheckError');

export class CheckError extends Error {
  constructor(
    readonly code: 'model-threw' | 'unknown-property' | 'replay-failed' | 'bad-option' | 'bad-trace' | 'bad-model',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CheckError';
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * A model file that imports 'allocheck' may get another copy of the library than the one
   * running it (the built package beside the sources): its errors are CheckErrors all the same,
   * known by a brand both copies share.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return this === CheckError && typeof value === 'object' && value !== null && BRAND in value;
  }
}

/** Runs `f`, turning anything the model throws into a `model-threw` error that says where. */
export function guardModel<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CheckError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new CheckError('model-threw', `the model threw in ${where}: ${why}`, { cause: e });
  }
}

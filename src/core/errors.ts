/**
 * Errors the engine raises. Each has a stable `code`; callers decide how to show it.
 * A property violation is never an error: it is a result.
 */
export class CheckError extends Error {
  constructor(
    readonly code: 'model-threw' | 'unknown-property' | 'replay-failed' | 'bad-option' | 'bad-trace' | 'bad-model',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CheckError';
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

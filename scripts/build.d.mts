/** Builds dist/ unless it is up to date with the sources; resolves to true when it compiled. */
export function build(options?: { force?: boolean }): Promise<boolean>;

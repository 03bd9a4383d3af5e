/**
 * True when a model or policy argument names a file rather than something shipped. Its own
 * module: the check worker started early reads the command line with it before allocheck's
 * models load.
 *
 * @example looksLikePath('./my-model.ts') // true; looksLikePath('dm-raid1') false
 */
export function looksLikePath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || /\.[cm]?[jt]s$/.test(name);
}

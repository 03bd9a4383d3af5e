/**
 * A validator for the part of JSON Schema that docs/trace.schema.json uses (type, const, enum,
 * required, properties, additionalProperties, items, $ref to $defs, minimum, minItems), so the
 * documented schema is tested against real traces without another dependency.
 */
type Schema = { [k: string]: unknown };

function typeOk(t: string, v: unknown): boolean {
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === t;
}

/** The first place `value` breaks `schema`, or undefined. */
export function validate(schema: Schema, value: unknown, root: Schema = schema, at = '$'): string | undefined {
  if (typeof schema.$ref === 'string') return validate((root.$defs as Record<string, Schema>)[schema.$ref.replace('#/$defs/', '')]!, value, root, at);
  if ('const' in schema && value !== schema.const) return `${at}: must be ${JSON.stringify(schema.const)}`;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return `${at}: not one of ${schema.enum.join(', ')}`;
  if (schema.type !== undefined && ![schema.type].flat().some((t) => typeOk(t as string, value))) return `${at}: must be ${String(schema.type)}`;
  if (typeof schema.minimum === 'number' && (value as number) < schema.minimum) return `${at}: below ${schema.minimum}`;
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return `${at}: fewer than ${schema.minItems} items`;
    for (let i = 0; i < value.length && schema.items; i++) {
      const d = validate(schema.items as Schema, value[i], root, `${at}[${i}]`);
      if (d) return d;
    }
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    for (const k of (schema.required as string[] | undefined) ?? []) if (!(k in o)) return `${at}.${k}: required`;
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, v] of Object.entries(o)) {
      const sub = props[k] ?? (typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as Schema) : undefined);
      if (!sub && schema.additionalProperties === false) return `${at}.${k}: not allowed`;
      const d = sub && validate(sub, v, root, `${at}.${k}`);
      if (d) return d;
    }
  }
  return undefined;
}

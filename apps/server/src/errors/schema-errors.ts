/** The part of a JSON-schema validation error (ajv's shape) that names what is wrong. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** One problem item per schema error: the field's path under `prefix`, and what is wrong with it. */
export function problemItems(
  errors: readonly SchemaError[],
  prefix: string,
): { path: string; message: string }[] {
  return errors.map((e) => {
    const child =
      e.keyword === 'required'
        ? e.params.missingProperty
        : e.keyword === 'additionalProperties'
          ? e.params.additionalProperty
          : undefined;
    return {
      path: `${prefix}${e.instancePath}${child === undefined ? '' : `/${String(child)}`}`,
      message:
        e.keyword === 'additionalProperties'
          ? 'is not a known field'
          : e.keyword === 'required'
            ? 'is required'
            : (e.message ?? 'is invalid'),
    };
  });
}

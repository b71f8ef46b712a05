import type { ValueSource } from '@flowline/contracts';
import { type Document, readPath } from '../model/document.js';

/** The value a source names for one document. */
export function resolveValue(
  source: ValueSource,
  doc: Document,
  processProperties: Record<string, unknown>,
): unknown {
  switch (source.type) {
    case 'constant':
      return source.value;
    case 'field':
      return readPath(doc.data, source.path);
    case 'property':
      return doc.properties.user[source.name];
    case 'processProperty':
      return processProperties[source.name];
    case 'tracked':
      return doc.properties.tracked[source.name];
  }
}

const NO_PARAMETERS: Record<string, unknown> = Object.freeze({});

/** Resolves every parameter of a shape for one document. */
export function resolveParameters(
  parameters: Record<string, ValueSource> | undefined,
  doc: Document,
  processProperties: Record<string, unknown>,
): Record<string, unknown> {
  if (!parameters) return NO_PARAMETERS;
  const out: Record<string, unknown> = {};
  if (parameters)
    for (const [name, source] of Object.entries(parameters))
      out[name] = resolveValue(source, doc, processProperties);
  return out;
}

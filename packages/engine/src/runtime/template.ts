import { type Document, readPath } from '../model/document.js';

const PLACEHOLDER = /\{((?:property:|process:|tracked:)?[A-Za-z_@][\w.@-]*)\}/g;

/**
 * Fills a message template: `{Field.Path}` reads the document, `{property:Name}`, `{process:Name}`
 * and `{tracked:etag}` read properties; any other brace is literal text (so JSON templates work).
 * With `json`, text values are inserted JSON-escaped (the template supplies the quotes) and other
 * values as JSON; missing values are empty text (`null` in JSON outside quotes is the author's choice).
 */
export function fillTemplate(
  template: string,
  doc: Document,
  processProperties: Record<string, unknown>,
  json = false,
): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = lookup(name, doc, processProperties);
    if (value === undefined || value === null) return json && value === null ? 'null' : '';
    if (typeof value === 'string') return json ? JSON.stringify(value).slice(1, -1) : value;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

function lookup(name: string, doc: Document, processProperties: Record<string, unknown>): unknown {
  const colon = name.indexOf(':');
  if (colon < 0) return readPath(doc.data, name);
  const rest = name.slice(colon + 1);
  switch (name.slice(0, colon)) {
    case 'property':
      return doc.properties.user[rest];
    case 'process':
      return processProperties[rest];
    default:
      return (doc.properties.tracked as Record<string, unknown>)[rest];
  }
}

/** A connector error as people read it: what failed, F&O's Infolog lines, and the request it answered. */
export interface ReadableError {
  summary: string;
  infolog: string[];
  request?: string;
}

// The connector writes `<F&O text> (<METHOD> <url> → <status>)`; F&O's text ends with
// `Infolog: Warning: first.; Warning: second.` when X++ refused a write.
const REQUEST = /\s\(((?:GET|POST|PATCH|PUT|DELETE|MERGE) \S+(?: → \d{3})?)\)$/;
const LINE = /;\s+(?=(?:Info|Warning|Error):)/;

/** Splits an execution or document error into its summary, its Infolog lines and its request. */
export function readError(message: string): ReadableError {
  const request = REQUEST.exec(message);
  const text = request ? message.slice(0, request.index) : message;
  const at = text.indexOf('Infolog:');
  const result: ReadableError = {
    summary: (at >= 0 ? text.slice(0, at) : text).trim(),
    infolog:
      at >= 0
        ? text
            .slice(at + 'Infolog:'.length)
            .split(LINE)
            // The envelope closes the list with a period of its own.
            .map((l) => l.trim().replace(/\.\.$/, '.'))
            .filter(Boolean)
        : [],
  };
  if (request?.[1]) result.request = request[1];
  return result;
}

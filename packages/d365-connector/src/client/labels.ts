import { NotFoundError } from '../http/errors.js';
import type { ClientCore } from './core.js';

/**
 * F&O's `$metadata` names labels by id (`Microsoft.Dynamics.OData.Core.V1.LabelId`, `@SYS13342`); their
 * text comes from the REST metadata service beside `/data`: `/Metadata/Labels(Id='…',Language='…')`,
 * answering `{Id, Language, Value}` (the shape of the answer is UNVERIFIED against a real environment:
 * FNO-ODATA.md §1 names the resource only). One request per id, within the client's concurrency cap;
 * each id is asked once per client and language, unknown ones included.
 */
export async function labelTexts(
  core: ClientCore,
  ids: Iterable<string>,
  language = 'en-us',
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => id.startsWith('@'));
  const texts = await Promise.all(
    wanted.map((id) => {
      const key = `${language}\u0000${id}`;
      let text = core.labels.get(key);
      if (!text) {
        text = fetchLabel(core, id, language);
        core.labels.set(key, text);
        // A failure (not an unknown id) is asked again next time.
        text.catch(() => core.labels.delete(key));
      }
      return text;
    }),
  );
  const found = new Map<string, string>();
  wanted.forEach((id, i) => {
    const text = texts[i];
    if (text !== undefined) found.set(id, text);
  });
  return found;
}

const quoted = (s: string) => `'${encodeURIComponent(s.replace(/'/g, "''"))}'`;

async function fetchLabel(core: ClientCore, id: string, language: string): Promise<string | undefined> {
  try {
    const res = await core.transport.send({
      method: 'GET',
      url: `${core.environment}/Metadata/Labels(Id=${quoted(id)},Language=${quoted(language)})`,
      idempotent: true,
    });
    const value = (JSON.parse(res.body) as { Value?: unknown }).Value;
    return typeof value === 'string' ? value : undefined;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

import { NotFoundError } from '../http/errors.js';
import type { ClientCore } from './core.js';

/**
 * F&O's `$metadata` names labels by id (`Microsoft.Dynamics.OData.Core.V1.LabelId`, `@SYS13342`); their
 * text comes from the REST metadata service beside `/data`: `/Metadata/Labels(Id='…',Language='…')`,
 * answering `{Id, Language, Value}` (FNO-ODATA.md §1 names the resource only; the open-source client
 * `mafzaal/d365fo-client` reads the text from `Value` of the same URL too, in `labels.py`; not seen
 * against a real environment here). One request per id, within the client's concurrency cap;
 * each id is asked once per client and language, unknown ones included. The first refusal (403, a
 * wrong secret, a lost connection) ends the asking: every request after it would be refused alike.
 */
export async function labelTexts(
  core: ClientCore,
  ids: Iterable<string>,
  language = 'en-us',
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => id.startsWith('@'));
  const queue: Job[] = [];
  const texts = wanted.map((id) => {
    const key = `${language}\u0000${id}`;
    let text = core.labels.get(key);
    if (!text) {
      const job = { id } as Job;
      text = new Promise((resolve, reject) => Object.assign(job, { resolve, reject }));
      queue.push(job);
      core.labels.set(key, text);
      // A failure (not an unknown id) is asked again next time.
      text.catch(() => core.labels.delete(key));
    }
    return text;
  });
  // As many askers as requests may be in flight: the rest wait here, unsent, not in the transport's queue.
  let refusal: { error: unknown } | undefined;
  const asker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (refusal) {
        job.reject(refusal.error);
        continue;
      }
      try {
        job.resolve(await fetchLabel(core, job.id, language));
      } catch (error) {
        refusal ??= { error };
        job.reject(error);
      }
    }
  };
  for (let i = Math.min(queue.length, core.transport.limiter.max); i > 0; i--) void asker();
  const found = new Map<string, string>();
  (await Promise.all(texts)).forEach((text, i) => {
    if (text !== undefined) found.set(wanted[i]!, text);
  });
  return found;
}

interface Job {
  id: string;
  resolve: (text: string | undefined) => void;
  reject: (error: unknown) => void;
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

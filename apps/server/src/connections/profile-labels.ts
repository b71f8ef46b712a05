import type { Profile, ProfileField } from '@flowline/contracts';

type Labelled = { label?: string; labelId?: string };

/**
 * The fields of a profile, nested ones too. Not their enum members: their names already read well
 * ("Yes", "Organization"), and their labels would double the requests (F&O answers one label a request).
 */
function* labelled(fields: ProfileField[] | undefined): Generator<Labelled> {
  for (const f of fields ?? []) {
    yield f;
    yield* labelled(f.fields);
  }
}

/** How long a profile waits for its labels (one request per label on a first read of an entity). */
export const LABEL_WAIT_MS = 5_000;

/**
 * F&O's `$metadata` names labels by id (`@SYS13342`): the profile says them in words (`label`), keeping
 * the id (`labelId`), so pickers show and search what people see in F&O ("Customer group"). Labels
 * are a help, never a reason to fail or to wait long: when the environment's label service fails or
 * takes longer than `waitMs`, the ids stay and `failed` says why (what arrives later is kept by the
 * connector's cache for the next read).
 */
export async function withLabels(
  profile: Profile,
  texts: (ids: string[]) => Promise<Map<string, string>>,
  failed: (error: Error) => void,
  waitMs = LABEL_WAIT_MS,
): Promise<Profile> {
  const copy = structuredClone(profile);
  const items = [copy, ...labelled(copy.fields)].filter((i) => i.label?.startsWith('@'));
  if (items.length === 0) return copy;
  let timer: NodeJS.Timeout | undefined;
  let found: Map<string, string>;
  try {
    const asked = texts(items.map((i) => i.label!));
    asked.catch(() => {}); // after the wait, a failure has no one left to tell
    found = await Promise.race([
      asked,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${waitMs / 1000} s`)), waitMs);
      }),
    ]);
  } catch (error) {
    failed(error as Error);
    return copy;
  } finally {
    clearTimeout(timer);
  }
  for (const item of items) {
    const text = found.get(item.label!);
    if (text !== undefined) {
      item.labelId = item.label;
      item.label = text;
    }
  }
  return copy;
}

/**
 * The label ids `before` shows as ids that `after` (the same profile through `withLabels`) says in
 * words: what a snapshot taken before its labels were known can take now.
 */
export function labelsFound(before: Profile, after: Profile): Record<string, string> {
  const was = [before, ...labelled(before.fields)];
  const now = [after, ...labelled(after.fields)];
  const labels: Record<string, string> = {};
  was.forEach((item, i) => {
    const text = now[i]?.label;
    if (item.label?.startsWith('@') && text !== undefined && !text.startsWith('@')) labels[item.label] = text;
  });
  return labels;
}

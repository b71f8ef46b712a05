import type { Profile, ProfileField } from '@flowline/contracts';

type Labelled = { label?: string; labelId?: string; fields?: ProfileField[] };

/**
 * A profile with F&O label ids it shows as ids (`@SYS13342`) said in words from `labels`, the id kept
 * in `labelId`, as the server says a fresh profile; and how many it said. The profile is not changed.
 */
export function takeLabels(
  profile: Profile,
  labels: Record<string, string>,
): { profile: Profile; taken: number } {
  let taken = 0;
  const say = <T extends Labelled>(item: T): T => {
    const text = item.label === undefined ? undefined : labels[item.label];
    const fields = item.fields?.map(say);
    if (text === undefined) return fields ? { ...item, fields } : item;
    taken++;
    return { ...item, label: text, labelId: item.label, ...(fields ? { fields } : {}) };
  };
  const said = say(profile);
  return { profile: said, taken };
}

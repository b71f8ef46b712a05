import { useSearchParams } from 'react-router';

/** A page's filters and page, set in its address: empty values are left out. */
export type AddressPatch = Record<string, string | number | undefined>;

/**
 * What a list shows, kept in its address: back from an item, a reload or a shared link shows the same
 * list. `change` applies to the address as it is by then, so two changes in one tick both count.
 */
export function useAddress() {
  const [params, setParams] = useSearchParams();
  const change = (patch: AddressPatch) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(patch)) v ? next.set(k, String(v)) : next.delete(k);
        return next;
      },
      { replace: true },
    );
  return { params, change };
}

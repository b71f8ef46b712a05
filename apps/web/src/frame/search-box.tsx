/** The search of a list by name, labelled "Search" as every list's is. */
export function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label>
      Search
      <input type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder="Name" />
    </label>
  );
}

/** How many records a live read takes: 1 to 50, as the sample route allows (they travel to the browser). */
export function RecordsToRead({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  return (
    <label>
      Records to read
      <input
        type="number"
        min={1}
        max={50}
        value={value}
        onChange={(e) => onChange(Math.max(1, Math.min(50, Number(e.target.value) || 1)))}
      />
    </label>
  );
}

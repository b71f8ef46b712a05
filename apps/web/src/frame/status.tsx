/** What a list shows while it loads, when it failed, and when it is empty. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Failed({ what, error, retry }: { what: string; error: Error; retry?: () => void }) {
  return (
    <div className="status error" role="alert">
      <p>
        Could not load {what}: {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="status empty">{children}</p>;
}

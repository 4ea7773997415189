// Progress for the Export page's slow parts (an export being rendered, the import check): a bar and
// the same words as a status line, for screen readers.
export function Loading({ label }: { label: string }) {
  return (
    <div className="export-loading">
      <progress aria-label={label} />
      <p role="status" className="muted">
        {label}
      </p>
    </div>
  );
}

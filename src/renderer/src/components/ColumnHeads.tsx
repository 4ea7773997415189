// A table's header row: one column heading per label, in order.

export function ColumnHeads({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label, column) => (
          // The columns are fixed and never move, and two labels may read the same.
          <th key={column} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

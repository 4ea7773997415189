// A page's header: its title, which the shell focuses after navigation (data-page-title), and the
// page's own tools beside it.
import type { ReactNode } from 'react';

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1 tabIndex={-1} data-page-title>
        {title}
      </h1>
      {children}
    </header>
  );
}

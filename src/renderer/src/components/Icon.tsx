// Inline SVG icons (no icon font, nothing fetched). Decorative: callers give the accessible name.
import type { ReactElement } from 'react';

export type IconName =
  | 'dashboard'
  | 'services'
  | 'billing'
  | 'invoices'
  | 'export'
  | 'settings'
  | 'refresh'
  | 'close'
  | 'trash'
  | 'plus'
  | 'copy'
  | 'user'
  | 'chevron'
  | 'check'
  | 'alert'
  | 'info'
  | 'back';

const PATHS: Record<IconName, ReactElement> = {
  dashboard: <path d="M4 13h7V4H4zm0 7h7v-5H4zm9 0h7v-9h-7zm0-16v5h7V4z" />,
  services: <path d="M4 6h16M4 12h16M4 18h10" />,
  billing: <path d="M3 7h18v10H3zM3 11h18M7 15h3" />,
  invoices: <path d="M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6" />,
  export: <path d="M12 3v12m0-12 4 4m-4-4-4 4M5 13v7h14v-7" />,
  settings: (
    <path d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4.9a7.6 7.6 0 0 0-2-1.2L14.5 3h-4l-.4 2.5a7.6 7.6 0 0 0-2 1.2l-2.4-.9-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-.9a7.6 7.6 0 0 0 2 1.2l.4 2.5h4l.4-2.5a7.6 7.6 0 0 0 2-1.2l2.4.9 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z" />
  ),
  refresh: <path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" />,
  close: <path d="M6 6l12 12M18 6 6 18" />,
  trash: <path d="M4 7h16M9 7V4h6v3m-8 0 1 13h8l1-13" />,
  plus: <path d="M12 5v14M5 12h14" />,
  copy: <path d="M9 9h11v11H9zM5 15H4V4h11v1" />,
  user: <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0" />,
  chevron: <path d="m6 9 6 6 6-6" />,
  check: <path d="m5 12 5 5 9-10" />,
  alert: <path d="M12 3 2 20h20zM12 10v4m0 3v.5" />,
  info: <path d="M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zm0-11v6m0-9v.5" />,
  back: <path d="M15 18 9 12l6-6" />,
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={`icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {PATHS[name]}
    </svg>
  );
}

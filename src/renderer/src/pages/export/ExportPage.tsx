// Placeholder for the Export page; the billing/export change replaces this file with the real page.
import { PlaceholderPage } from '../PlaceholderPage';

export default function ExportPage() {
  return <PlaceholderPage titleKey="nav.export" />;
}

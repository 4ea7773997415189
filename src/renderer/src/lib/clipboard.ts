// Copying goes through main (app.copyText): the system clipboard there works whether or not the
// page has focus, and the same path is what the end-to-end tests observe.
import { api } from '../api';

export async function copyText(text: string): Promise<boolean> {
  const result = await api().appCopyText({ text });
  return result.ok;
}

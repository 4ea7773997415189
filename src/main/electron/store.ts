// electron-store behind the core's KeyValueStore interface. A corrupt file is moved aside first
// (quarantineIfCorrupt) so electron-store starts from defaults and the user is told.
import Store from 'electron-store';
import { join } from 'node:path';
import { quarantineIfCorrupt, type KeyValueStore } from '../settings/store';

export function openElectronStore(
  folder: string,
  name: string,
): { store: KeyValueStore; movedAside: string | null } {
  const movedAside = quarantineIfCorrupt(join(folder, `${name}.json`));
  const backing = new Store<Record<string, unknown>>({ cwd: folder, name, clearInvalidConfig: true });
  return {
    movedAside,
    store: {
      path: backing.path,
      get: (key) => backing.get(key),
      set: (key, value) => backing.set(key, value),
      delete: (key) => backing.delete(key),
    },
  };
}

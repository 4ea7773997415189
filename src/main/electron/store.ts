// electron-store behind the core's KeyValueStore interface. A corrupt file is moved aside first
// (quarantineIfCorrupt) so electron-store starts from defaults and the user is told.
import Store from 'electron-store';
import { join } from 'node:path';
import { quarantineIfCorrupt, type KeyValueStore } from '../settings/store';
import { ensurePrivateFile, PRIVATE_FILE_MODE } from '../private-files';

export function openElectronStore(
  folder: string,
  name: string,
): { store: KeyValueStore; movedAside: string | null } {
  const file = join(folder, `${name}.json`);
  const movedAside = quarantineIfCorrupt(file);
  ensurePrivateFile(file);
  // configFileMode: conf creates the file 0666 less the umask otherwise (0644 on most systems).
  const backing = new Store<Record<string, unknown>>({
    cwd: folder,
    name,
    clearInvalidConfig: true,
    configFileMode: PRIVATE_FILE_MODE,
  });
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

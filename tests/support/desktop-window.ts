// A process's windows as the desktop sees them, read from outside the process: what a test can know
// of a packaged app that refuses every debugging switch. Each OS is asked through its own tool, none
// of which needs a permission the user must grant:
// - X11 (Linux under Xvfb or an X session): `xwininfo -root -tree` lists every window, `xprop` reads
//   the _NET_WM_PID Chromium sets on its top-level windows, `xwininfo -id` the map state (Debian
//   package x11-utils).
// - Windows: PowerShell's Get-Process; a process's MainWindowHandle is its first visible window that
//   no other window owns, and is 0 while it has none.
// - macOS: CoreGraphics' CGWindowListCopyWindowInfo through JavaScript for Automation (osascript).
//   Owner, layer, bounds and on-screen state need no screen-recording permission (window titles do).
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DesktopWindow {
  /** The window's title where the OS tells it without a permission ('' otherwise). */
  title: string;
  /** Size in pixels where the OS tells it (0 otherwise). */
  width: number;
  height: number;
}

const hasTool = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Why windows cannot be read here, or null. */
export function desktopWindowsUnavailable(): string | null {
  if (process.platform === 'linux') {
    if (!process.env.DISPLAY) return 'no X display (DISPLAY is unset; run under xvfb-run)';
    if (!hasTool('xwininfo') || !hasTool('xprop'))
      return 'xwininfo and xprop are not installed (Debian package x11-utils)';
    return null;
  }
  if (process.platform === 'win32' || process.platform === 'darwin') return null;
  return `no way to read windows on ${process.platform}`;
}

/** One line of `xwininfo -root -tree`: `     0x200002 "title": ("res" "Class")  800x600+10+10  +10+10`. */
const TREE_LINE = /^\s+(0x[0-9a-f]+) (?:"((?:[^"\\]|\\.)*)"|\(has no name\)):.*?\s(\d+)x(\d+)[+-]/;

/** Parses `xwininfo -root -tree` into windows of at least `minSide` pixels each way. */
export function parseWindowTree(printed: string, minSide = 1): (DesktopWindow & { id: string })[] {
  const windows: (DesktopWindow & { id: string })[] = [];
  for (const line of printed.split('\n')) {
    const found = TREE_LINE.exec(line);
    if (!found) continue;
    const width = Number(found[3]);
    const height = Number(found[4]);
    if (width < minSide || height < minSide) continue;
    windows.push({ id: found[1]!, title: (found[2] ?? '').replace(/\\(.)/g, '$1'), width, height });
  }
  return windows;
}

async function x11Windows(pid: number): Promise<DesktopWindow[]> {
  const { stdout } = await run('xwininfo', ['-root', '-tree']);
  // Chromium's own helper windows (clipboard, 10×10 placeholders) are tiny: ask only of real ones.
  const candidates = parseWindowTree(stdout, 100);
  const shown: DesktopWindow[] = [];
  for (const window of candidates) {
    const owner = await run('xprop', ['-id', window.id, '_NET_WM_PID']).then(
      (r) => Number(/=\s*(\d+)/.exec(r.stdout)?.[1] ?? NaN),
      () => NaN,
    );
    if (owner !== pid) continue;
    // A window that closed in between is simply not shown.
    const state = await run('xwininfo', ['-id', window.id]).then(
      (r) => /Map State:\s*(\w+)/.exec(r.stdout)?.[1] ?? '',
      () => '',
    );
    if (state === 'IsViewable')
      shown.push({ title: window.title, width: window.width, height: window.height });
  }
  return shown;
}

async function windowsWindows(pid: number): Promise<DesktopWindow[]> {
  const script = [
    `$p = Get-Process -Id ${pid} -ErrorAction SilentlyContinue`,
    `if ($p -and $p.MainWindowHandle -ne 0) { ConvertTo-Json -Compress @(@{ title = $p.MainWindowTitle }) } else { '[]' }`,
  ].join('; ');
  const { stdout } = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script]);
  const listed = JSON.parse(stdout.trim() || '[]') as { title: string }[];
  return listed.map((w) => ({ title: w.title ?? '', width: 0, height: 0 }));
}

/**
 * JXA: the on-screen windows of one process at the normal window layer (0; the menu-bar icon is a
 * status-bar window at a higher layer). CGWindowListCopyWindowInfo answers a CFArrayRef, which the
 * bridge hands back as an opaque reference: CFMakeCollectable, bound with an object return type,
 * turns it into the NSArray it is toll-free bridged to, and deepUnwrap into plain JavaScript.
 */
const MAC_SCRIPT = `
ObjC.import('CoreGraphics');
ObjC.bindFunction('CFMakeCollectable', ['id', ['void *']]);
function run(argv) {
  var pid = Number(argv[0]);
  // kCGWindowListOptionOnScreenOnly (1) | kCGWindowListExcludeDesktopElements (16), kCGNullWindowID (0)
  var list = ObjC.deepUnwrap($.CFMakeCollectable($.CGWindowListCopyWindowInfo(1 | 16, 0))) || [];
  var mine = list.filter(function (w) { return w.kCGWindowOwnerPID === pid && w.kCGWindowLayer === 0; });
  return JSON.stringify(mine.map(function (w) {
    var bounds = w.kCGWindowBounds || {};
    return { title: w.kCGWindowName || '', width: bounds.Width || 0, height: bounds.Height || 0 };
  }));
}`;

async function macWindows(pid: number): Promise<DesktopWindow[]> {
  const { stdout } = await run('osascript', ['-l', 'JavaScript', '-e', MAC_SCRIPT, String(pid)]);
  return JSON.parse(stdout.trim() || '[]') as DesktopWindow[];
}

/** The windows of process `pid` that are on screen now (mapped and viewable, visible). */
export function shownWindows(pid: number): Promise<DesktopWindow[]> {
  if (process.platform === 'win32') return windowsWindows(pid);
  if (process.platform === 'darwin') return macWindows(pid);
  return x11Windows(pid);
}

// A page that renders the renderer's useLoad and useAction over requests the test answers by hand,
// in any order: what the hooks show can then be read after each answer. Bundled by hooks.spec.ts.
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useAction } from '../../../src/renderer/src/lib/useAction';
import { useLoad } from '../../../src/renderer/src/lib/useLoad';
import type { Result } from '../../../src/shared/errors';

interface Asked {
  key: string;
  answer(result: Result<string>): void;
}
const asked: Asked[] = [];
const ask = (key: string) =>
  new Promise<Result<string>>((resolve) => {
    asked.push({ key, answer: resolve });
  });

const out = (id: string, value: string) => h('output', { 'data-testid': id }, value);

function LoadView() {
  const [key, setKey] = useState('a');
  const load = useLoad(() => ask(`load:${key}`), [key]);
  return h(
    'section',
    null,
    h('button', { onClick: () => setKey('b') }, 'Ask for b'),
    h('button', { onClick: load.retry }, 'Retry'),
    out('load-data', load.data ?? ''),
    out('load-error', load.error?.message ?? ''),
    out('load-loading', String(load.loading)),
  );
}

function ActionView() {
  const action = useAction(
    (n: number) => ask(`run:${n}`),
    (n) => n,
  );
  // The button is not disabled while busy, so that the hook's own guard is what is tested.
  return h(
    'section',
    null,
    h('button', { onClick: () => void action.run(1) }, 'Run'),
    out('run-busy', String(action.busy)),
    out('run-pending', action.pending === null ? '' : String(action.pending)),
    out('run-result', action.result ?? ''),
    out('run-error', action.error?.message ?? ''),
  );
}

function App() {
  return h('main', null, h(LoadView), h(ActionView));
}

const hooks = {
  asked: () => asked.map((a) => a.key),
  answer(key: string, value: string, failed = false) {
    const index = asked.findIndex((a) => a.key === key);
    if (index < 0) throw new Error(`nothing asked for ${key}`);
    const [one] = asked.splice(index, 1);
    if (!one) throw new Error(`nothing asked for ${key}`);
    one.answer(failed ? { ok: false, error: { kind: 'network', message: value } } : { ok: true, value });
  },
};
(globalThis as unknown as { hooks: typeof hooks }).hooks = hooks;

const root = document.getElementById('root');
if (root) createRoot(root).render(h(App));

// `import`: one service's subscription handed to a proxy client, in the format it reads. The same
// import service as the window (the sublink probed with the client's flag first); --print writes the
// link on one line for scripts, otherwise the OS opens it (xdg-open, open, or Windows' URL handler).
import { spawn } from 'node:child_process';
import { fail, ok, type Result } from '../../../shared/errors';
import { IMPORT_CLIENT_IDS, isImportClientId, type ImportClientId } from '../../../shared/import-clients';
import { isImportLink } from '../../import/links';
import { createImportService } from '../../import/service';
import { cliText } from '../text';
import { worded } from '../errors';
import { ENGLISH, type MainText } from '../../i18n';
import { EXIT, type Command, type CommandContext, type ExitCode } from '../table';
import { PROFILE_OPTION, parseId, snapshotOf, withSession } from './common';

/** Opens a vetted import link with the desktop's handler for its scheme, without a shell in between. */
export function openWithOs(
  link: string,
  platform: NodeJS.Platform = process.platform,
  text: MainText = ENGLISH,
): Promise<Result<{ opened: true }>> {
  if (!isImportLink(link))
    return Promise.resolve(fail(worded(text, 'validation', text.t('cli.import.badLink'))));
  const [command, args] =
    platform === 'darwin'
      ? ['open', [link]]
      : platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', link]]
        : ['xdg-open', [link]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: platform !== 'win32' });
    child.once('error', () =>
      resolve(fail(worded(text, 'state', text.t('cli.import.cannotRun', { command })))),
    );
    child.once('exit', (code) =>
      resolve(
        code === 0
          ? ok({ opened: true as const })
          : fail(worded(text, 'state', text.t('cli.import.notOpened', { command }))),
      ),
    );
    child.unref();
  });
}

async function importCommand(ctx: CommandContext): Promise<ExitCode> {
  const text = cliText(ctx.io.env);
  const clients = IMPORT_CLIENT_IDS.join(', ');
  const clientText = ctx.args.string('client');
  if (clientText === undefined) return ctx.usage(text.t('cli.import.giveClient', { clients }));
  if (!isImportClientId(clientText)) {
    return ctx.usage(text.t('cli.import.unknownClient', { client: clientText, clients }));
  }
  const client: ImportClientId = clientText;
  const serviceText = ctx.args.string('service');
  const serviceArg = serviceText === undefined ? null : parseId(serviceText);
  if (serviceText !== undefined && serviceArg === null) {
    return ctx.usage(text.t('cli.import.badService', { value: serviceText }));
  }
  return withSession(ctx, async (session) => {
    const snapshot = await snapshotOf(session);
    if (!snapshot.ok) return ctx.report(snapshot.error);
    const active = session.accounts.activeProfile();
    // A subscription profile's one service has its link in the keychain rather than in the snapshot.
    const keyed = active?.kind === 'subscription';
    const linked = snapshot.value.services.filter((s) => s.sublink || keyed);
    let serviceId = serviceArg;
    if (serviceId === null) {
      if (linked.length !== 1) {
        const ids = linked.map((s) => `${s.id} (${s.packageName})`).join(', ');
        return linked.length === 0
          ? ctx.report(worded(text, 'state', text.t('cli.import.noLinks')))
          : ctx.usage(text.t('cli.import.giveService', { count: linked.length, ids }));
      }
      serviceId = linked[0]!.id;
    }
    const importer = createImportService({
      platform: session.platform,
      snapshot: () => snapshot.value,
      ensureServers: async () => ok(snapshot.value),
      proxyUrl: () => session.accounts.proxyUrlOf(active?.id ?? null),
      panelUrl: () => active?.panelUrl ?? null,
      ...(active ? { storedSublink: () => session.accounts.subscriptionLink(active.id) } : {}),
    });
    const link = await importer.link(serviceId, client);
    if (!link.ok) return ctx.report(link.error);
    if (ctx.args.flag('print')) {
      ctx.io.stdout(`${link.value}\n`);
      return EXIT.ok;
    }
    const opened = await (ctx.io.openLink ?? ((l: string) => openWithOs(l, process.platform, text)))(
      link.value,
    );
    if (!opened.ok) return ctx.report(opened.error);
    ctx.io.stderr(`${text.t('cli.import.opened')}\n`);
    return EXIT.ok;
  });
}

export const IMPORT_COMMANDS: readonly Command[] = [
  {
    name: 'import',
    group: 'Status and export',
    summary: "hand a service's subscription to a proxy client (one-click import)",
    options: [
      {
        name: 'client',
        type: 'string',
        value: 'ID',
        required: true,
        choices: IMPORT_CLIENT_IDS,
        description: 'the client to import into',
      },
      {
        name: 'service',
        type: 'string',
        value: 'ID',
        description: 'the service (default: the only one with a subscription link)',
      },
      {
        name: 'print',
        type: 'boolean',
        description: 'print the import link on one line instead of opening it',
      },
      PROFILE_OPTION,
    ],
    details:
      "The subscription link is fetched first with the client's flag: when the panel does not serve a format the client reads, nothing is opened and the command says why (use export for that client instead).",
    examples: ['import --client clash-verge --service 4', 'import --client sing-box --service 4 --print'],
    run: importCommand,
  },
];

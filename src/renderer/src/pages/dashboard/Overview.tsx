// The overview of every profile's services above the active profile's detail: one table row per
// service (profile, service, traffic left with a bar, days left, level), most urgent first. A row
// opens that service, switching to its profile. A profile whose data is old (signed out, its panel
// failing, not watched) keeps its rows with their age, and a note below says why.
import type { ProfileOverview } from '../../../../shared/contract';
import { ColumnHeads } from '../../components/ColumnHeads';
import { ErrorDetails } from '../../components/ErrorDetails';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { daysLeft, trafficLevel, usagePercent } from '../../lib/levels';
import { overviewRows, type OverviewRow, type OverviewThresholds } from '../../lib/overview';
import { useNow } from '../../lib/useNow';
import { useApp } from '../../state/app';
import './overview.css';

/** At least a minute old, so an age never reads "now" beside data called old. */
const ageOf = (fetchedAt: number, now: number) => Math.min(fetchedAt, now - 60_000);

function LeftCell({ row, thresholds }: { row: OverviewRow; thresholds: OverviewThresholds }) {
  const { t, bytes, number } = useI18n();
  const { service, profile } = row;
  if (row.left === null) return <span className="muted">{t('overview.unlimited')}</span>;
  const percent = Math.round(row.left * 100);
  const left = bytes(Math.max(0, service.totalBytes - service.usedBytes));
  const total = bytes(service.totalBytes);
  // Coloured like the service card's bar: by the share used against the traffic thresholds.
  const level = trafficLevel(usagePercent(service), thresholds.traffic);
  return (
    <div className="overview-left">
      <div
        className={`usage-bar level-${level}`}
        role="progressbar"
        aria-label={t('overview.leftLabel', { service: service.packageName, profile: profile.name })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('overview.leftValue', { left, total, percent })}
      >
        {/* Width via the CSSOM (React's style prop), which the page's CSP allows. */}
        <div className="usage-fill" style={{ inlineSize: `${Math.max(percent, percent > 0 ? 1 : 0)}%` }} />
      </div>
      <span className="overview-left-text" aria-hidden="true">
        {t('overview.leftText', { left, total })}{' '}
        <span className="muted">{number(percent / 100, { style: 'percent' })}</span>
      </span>
    </div>
  );
}

function DaysCell({ row, now }: { row: OverviewRow; now: number }) {
  const { t } = useI18n();
  const { expiresAt } = row.service;
  if (row.level === 'expired') return <>{t('overview.expired')}</>;
  if (expiresAt === null) return <span className="muted">{t('overview.noExpiry')}</span>;
  return <>{t('overview.daysLeft', { count: Math.max(0, daysLeft(expiresAt, now)) })}</>;
}

/** Why a profile's rows are old or missing, with the failure in the user's language. */
function ProfileNote({ profile, now }: { profile: ProfileOverview; now: number }) {
  const i18n = useI18n();
  const { t, relative } = i18n;
  const failure = profile.error ? describeError(profile.error, i18n) : null;
  const reason = failure?.text ?? (profile.signedIn ? '' : t('profile.signedOut'));
  let text: string;
  if (profile.fetchedAt !== null) {
    text = t('overview.stale', { name: profile.name, age: relative(ageOf(profile.fetchedAt, now), now) });
  } else if (profile.refreshing || (profile.signedIn && !failure)) {
    text = t('overview.loadingProfile', { name: profile.name });
  } else {
    text = t('overview.noData', { name: profile.name });
  }
  return (
    <li className={failure || !profile.signedIn ? 'overview-note overview-note-problem' : 'overview-note'}>
      <p>
        {text}
        {reason ? ` ${reason}` : ''}
        {!profile.watched && profile.signedIn ? ` ${t('overview.notWatched')}` : ''}
      </p>
      {failure ? <ErrorDetails original={failure.original} /> : null}
    </li>
  );
}

/**
 * A profile needs a note when it has no data, its last refresh failed, it is signed out or it is not
 * refreshed at all. Cached data waiting for its first refresh of this run shows its age in its rows.
 */
const needsNote = (profile: ProfileOverview) =>
  profile.snapshot === null || profile.error !== null || !profile.signedIn || !profile.watched;

export function Overview() {
  const { t, relative } = useI18n();
  const { data, settings, profiles, open } = useApp();
  const now = useNow(30_000);
  const overviews = data?.profiles ?? [];
  // With one profile the detail below says it all.
  if (overviews.length < 2) return null;
  const thresholds = { traffic: settings.trafficThresholds, expiry: settings.expiryThresholds };
  const rows = overviewRows(overviews, thresholds, now);
  const notes = overviews.filter(needsNote);
  const empty = overviews.filter((p) => p.snapshot !== null && p.snapshot.services.length === 0);

  return (
    <section className="card overview" aria-labelledby="overview-title" data-testid="overview">
      <h2 id="overview-title" className="section-title">
        {t('overview.title')}
      </h2>
      {rows.length > 0 ? (
        <div className="overview-wrap">
          <table className="overview-table">
            <caption className="visually-hidden">{t('overview.caption')}</caption>
            <ColumnHeads
              labels={[
                t('overview.service'),
                t('overview.profile'),
                t('overview.left'),
                t('overview.days'),
                t('overview.level'),
              ]}
            />
            <tbody>
              {rows.map((row) => {
                const { profile, service } = row;
                const current = profile.id === profiles.activeId;
                const go = () =>
                  void open({ page: 'services', serviceId: service.id, profileId: profile.id });
                return (
                  <tr
                    key={`${profile.id}:${service.id}`}
                    className={`overview-row level-${row.level}`}
                    data-profile-id={profile.id}
                    data-service-id={service.id}
                    // The whole row is a mouse target; the button in it is the keyboard's.
                    onClick={go}
                  >
                    <th scope="row">
                      <button
                        type="button"
                        className="link-button overview-open"
                        aria-label={t('overview.open', {
                          service: service.packageName,
                          profile: profile.name,
                        })}
                        onClick={(event) => {
                          event.stopPropagation();
                          go();
                        }}
                      >
                        <bdi>{service.packageName}</bdi>
                      </button>
                    </th>
                    <td>
                      <bdi className="overview-profile">{profile.name}</bdi>
                      {current ? <span className="overview-current">{t('overview.current')}</span> : null}
                      {profile.stale && profile.fetchedAt !== null ? (
                        <span className="overview-age muted small">
                          {t('overview.dataFrom', { age: relative(ageOf(profile.fetchedAt, now), now) })}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <LeftCell row={row} thresholds={thresholds} />
                    </td>
                    <td className={`level-text-${row.level === 'expired' ? 'critical' : row.level}`}>
                      <DaysCell row={row} now={now} />
                    </td>
                    <td>
                      <span className={`overview-level overview-level-${row.level}`}>
                        <span className="overview-dot" aria-hidden="true" />
                        {t(`overview.level.${row.level}`)}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {notes.length > 0 || empty.length > 0 ? (
        <ul className="overview-notes" aria-label={t('overview.notes')}>
          {notes.map((profile) => (
            <ProfileNote key={profile.id} profile={profile} now={now} />
          ))}
          {empty
            .filter((profile) => !needsNote(profile))
            .map((profile) => (
              <li key={profile.id} className="overview-note">
                <p>{t('overview.noServices', { name: profile.name })}</p>
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}

import { useRouter } from '../../app/router-store';
import { useTarget } from '../../app/target';
import { Notice } from '../../ui/Notice';
import { ChangeDetail } from './ChangeDetail';
import { JournalList } from './JournalList';
import { startAnomalyNotifications } from './notifications';

startAnomalyNotifications();

/** #/changes (journal), #/changes/new/<target> (start), #/changes/<id> (one change). */
export default function ChangesScreen() {
  const segments = useRouter((r) => r.segments);
  const t = useTarget();
  const id = segments[1] && segments[1] !== 'new' ? segments[1] : undefined;
  return (
    <section className="screen" aria-labelledby="changes-title">
      <h1 id="changes-title" className="visually-hidden">
        Changes
      </h1>
      {id ? (
        <ChangeDetail id={id} />
      ) : t ? (
        <JournalList
          key={`${t.target.connectionId}/${t.target.siteId}`}
          target={t.target}
          preselect={segments[2]}
        />
      ) : (
        <Notice tone="info" title="No site selected">
          Select a site first.
        </Notice>
      )}
    </section>
  );
}

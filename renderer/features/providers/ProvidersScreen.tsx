import { PROVIDER_KEYS, ProviderKey } from '../../../shared/contract';
import { targetName } from '../../../shared/domain/names';
import { RollbackAction } from '../../../shared/domain/workflow';
import { useRouter } from '../../app/router-store';
import { ProviderView } from './ProviderView';

/**
 * #/providers/<ga4|meta|gads>[/edit]. `/edit` is kept for old links and muscle memory: edits go
 * through the change workflow now, so it is the provider page with "Start change" focused.
 */
export default function ProvidersScreen() {
  const segments = useRouter((s) => s.segments);
  const parsed = ProviderKey.safeParse(segments[1]);
  const provider = parsed.success ? parsed.data : 'ga4';
  const editing = segments[2] === 'edit';
  // #/providers/<p>/rollback/<action> (the command palette): that rollback's confirmation opens.
  const rollback = segments[2] === 'rollback' ? RollbackAction.safeParse(segments[3]) : undefined;
  return (
    <section className="screen" aria-labelledby="providers-title">
      <h1 id="providers-title" className="visually-hidden">
        Providers
      </h1>
      <nav className="tabs" aria-label="Providers">
        {PROVIDER_KEYS.map((p) => (
          <a key={p} href={`#/providers/${p}`} aria-current={p === provider ? 'page' : undefined}>
            {targetName(p)}
          </a>
        ))}
      </nav>
      <ProviderView
        key={provider}
        provider={provider}
        editRequested={editing}
        rollbackRequested={rollback?.success ? rollback.data : undefined}
      />
    </section>
  );
}

import { ROUTES } from './routes';
import { useTarget } from './target';

export function Sidebar({ current }: { current: string }) {
  const sandbox = useTarget()?.kind === 'sandbox';
  return (
    <nav className="sidebar" aria-label="Main">
      <ul>
        {ROUTES.filter((r) => sandbox || !r.sandboxOnly).map((r) => (
          <li key={r.path}>
            <a href={`#/${r.path}`} aria-current={r.path === current ? 'page' : undefined}>
              {r.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

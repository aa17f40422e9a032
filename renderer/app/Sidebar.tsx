import { ROUTES } from './routes';

export function Sidebar({ current }: { current: string }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <ul>
        {ROUTES.map((r) => (
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

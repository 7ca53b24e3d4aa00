import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { client, data } from '../api/client';
import { onLinkClick, usePath } from './router';
import { RunbookList } from '../features/runbooks/RunbookList';
import { RunbookPage } from '../features/runbooks/RunbookPage';
// The editor (CodeMirror, the YAML model) loads only when someone edits.
const EditorPage = lazy(() => import('../features/runbooks/editing/EditorPage').then((m) => ({ default: m.EditorPage })));
import { RunsPage } from '../features/runs/RunsPage';
import { RunPage } from '../features/runs/RunPage';
import { InboxPage } from '../features/approvals/InboxPage';
import { AuditPage } from '../features/audit/AuditPage';

export function App() {
  const path = usePath();
  const me = useQuery({ queryKey: ['me'], queryFn: () => data(client.GET('/api/me')) });
  const runbook = path.match(/^\/runbooks\/([^/]+)$/);
  const editing = path.match(/^\/runbooks\/([^/]+)\/edit$/);
  const run = path.match(/^\/runs\/([^/]+)$/);
  let page: React.ReactNode;
  if (editing)
    page = (
      <Suspense fallback={<p>Loading the editor…</p>}>
        <EditorPage id={decodeURIComponent(editing[1])} />
      </Suspense>
    );
  else if (runbook) page = <RunbookPage id={decodeURIComponent(runbook[1])} />;
  else if (run) page = <RunPage id={decodeURIComponent(run[1])} />;
  else if (path === '/runs') page = <RunsPage />;
  else if (path === '/approvals') page = <InboxPage />;
  else if (path === '/audit') page = <AuditPage />;
  else page = <RunbookList />;

  return (
    <div className="shell">
      <header>
        <a href="/" onClick={onLinkClick} className="brand">RunbookOrchestrator</a>
        <nav aria-label="Main">
          <a href="/" onClick={onLinkClick} aria-current={path === '/' || runbook || editing ? 'page' : undefined}>Runbooks</a>
          <a href="/runs" onClick={onLinkClick} aria-current={path.startsWith('/runs') ? 'page' : undefined}>Runs</a>
          <a href="/approvals" onClick={onLinkClick} aria-current={path === '/approvals' ? 'page' : undefined}>Approvals</a>
          <a href="/audit" onClick={onLinkClick} aria-current={path === '/audit' ? 'page' : undefined}>Audit</a>
        </nav>
        <span className="me">{me.data ? `${me.data.name}` : ''} <a href="/auth/me">account</a></span>
      </header>
      <main>{me.isError ? <p role="alert">{String(me.error)}</p> : page}</main>
    </div>
  );
}

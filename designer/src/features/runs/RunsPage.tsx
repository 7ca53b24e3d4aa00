import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import { onLinkClick } from '../../app/router';

const statuses = ['', 'pending', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/** The runs the person may see (their own, those waiting on them, all for operators), newest first, with filters. */
export function RunsPage() {
  const [runbook, setRunbook] = useState('');
  const [status, setStatus] = useState('');
  const [since, setSince] = useState('');
  const [requester, setRequester] = useState('');
  const query = {
    limit: '100',
    ...(runbook ? { runbook } : {}),
    ...(status ? { status } : {}),
    ...(since ? { created_after: new Date(since).toISOString() } : {}),
  };
  const runs = useQuery({ queryKey: ['runs', runbook, status, since], queryFn: () => data(client.GET('/api/runs', { params: { query } })) });
  const queries = useQueryClient();
  // One stream for the list: when runs the person may see change, the list is read again (no polling loop).
  useEffect(() => {
    const source = new EventSource('/api/runs/stream', { withCredentials: true });
    source.addEventListener('runs', () => queries.invalidateQueries({ queryKey: ['runs'] }));
    return () => source.close();
  }, [queries]);
  const shown = (runs.data?.items ?? []).filter((r) => !requester || r.requester.name.includes(requester));
  return (
    <section>
      <h1>Runs</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Runbook <input value={runbook} onChange={(e) => setRunbook(e.target.value)} placeholder="any" />
        </label>
        <label>
          Requester <input value={requester} onChange={(e) => setRequester(e.target.value)} placeholder="any" />
        </label>
        <label>
          Created after <input type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s || 'any'}
              </option>
            ))}
          </select>
        </label>
      </form>
      {runs.isPending ? <p>Loading…</p> : runs.isError ? <p role="alert">{String(runs.error)}</p> : shown.length === 0 ? <p>No runs to show. Trigger a runbook over the API, or widen the filters.</p> : (
        <table>
          <thead>
            <tr><th>Run</th><th>Runbook</th><th>Status</th><th>Requester</th><th>Created</th></tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <td><a href={`/runs/${r.id}`} onClick={onLinkClick}>{r.id.slice(-8)}</a></td>
                <td>{r.runbook.id} v{r.runbook.version}</td>
                <td className={`status-${r.status}`} data-run-status={r.status}>{r.status}</td>
                <td>{r.requester.kind} {r.requester.name}</td>
                <td>{new Date(r.created_at).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

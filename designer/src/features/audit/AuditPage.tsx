import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { client, data } from '../../api/client';

/** A run's audit trail (for whoever may see the run) and, for auditors, the whole trail's verification and export. */
export function AuditPage() {
  const initial = new URLSearchParams(window.location.search).get('run') ?? '';
  const [runId, setRunId] = useState(initial);
  const [shown, setShown] = useState(initial);
  const trail = useQuery({ enabled: shown.length > 0, queryKey: ['audit', shown], queryFn: () => data(client.GET('/api/runs/{runId}/audit', { params: { path: { runId: shown } } })) });
  const verify = useQuery({ enabled: false, queryKey: ['verify'], queryFn: () => data(client.GET('/api/audit/verify')) });
  return (
    <section>
      <h1>Audit</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(runId.trim());
        }}
      >
        <label>
          Run id <input value={runId} onChange={(e) => setRunId(e.target.value)} placeholder="32 hex digits" size={36} />
        </label>
        <button type="submit">Show its trail</button>
        <button type="button" onClick={() => verify.refetch()}>
          Verify the whole trail (auditors)
        </button>
        <a href="/api/audit/events?format=csv">Export CSV (auditors)</a>
      </form>
      {verify.data ? (
        <p role="status" className={verify.data.ok ? 'notice' : 'error'} data-audit-valid={String(verify.data.ok)}>
          {verify.data.ok ? `The chain holds: ${verify.data.events} events, head ${verify.data.head}` : `Broken at event ${verify.data.sequence}: ${verify.data.problem}`}
        </p>
      ) : verify.isError ? (
        <p role="alert">{String(verify.error)}</p>
      ) : null}
      {!shown ? <p>Enter a run id (from the runs list) to read its trail.</p> : trail.isPending ? <p>Loading…</p> : trail.isError ? <p role="alert">{String(trail.error)}</p> : (
        <table>
          <thead>
            <tr><th>#</th><th>At</th><th>Event</th><th>Who</th><th>Step</th><th>Channel</th><th>Reason</th></tr>
          </thead>
          <tbody>
            {trail.data.events.map((e) => (
              <tr key={e.sequence} data-audit-kind={e.kind}>
                <td>{e.sequence}</td>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.kind}</td>
                <td>{e.actor_kind} {e.actor_name}</td>
                <td>{e.step_id ?? ''}</td>
                <td>{e.channel ?? ''}{e.client_address ? ` (${e.client_address})` : ''}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import { buildGraph } from './graph/buildGraph';
import { GraphView, Legend } from './GraphView';
import { onLinkClick } from '../../app/router';

/** Where a runbook stops for a human, who decides, and what happens if nobody does. */
export function RunbookPage({ id }: { id: string }) {
  const runbook = useQuery({ queryKey: ['runbook', id], queryFn: () => data(client.GET('/api/runbooks/{runbookId}', { params: { path: { runbookId: id } } })) });
  const explanation = useQuery({ queryKey: ['explain', id], queryFn: () => data(client.GET('/api/policy/explain', { params: { query: { runbook: id } } })) });
  const versions = useQuery({ queryKey: ['versions', id], queryFn: () => data(client.GET('/api/runbooks/{runbookId}/versions', { params: { path: { runbookId: id } } })) });
  const graph = useMemo(() => (runbook.data ? buildGraph(runbook.data, explanation.data ?? null) : null), [runbook.data, explanation.data]);
  if (runbook.isPending) return <p>Loading…</p>;
  if (runbook.isError) return <p role="alert">{String(runbook.error)}</p>;
  return (
    <section>
      <h1>
        {runbook.data.title ?? runbook.data.id} <span className="muted">v{runbook.data.version}</span>
      </h1>
      {runbook.data.description ? <p>{runbook.data.description}</p> : null}
      <p className="muted">Owners: {runbook.data.owners.join(', ') || 'none'}</p>
      {runbook.data.editable ? (
        <p>
          <a className="button" href={`/runbooks/${encodeURIComponent(id)}/edit`} onClick={onLinkClick} data-edit-runbook>
            Edit in the designer
          </a>
        </p>
      ) : null}
      {versions.data && versions.data.versions.length > 0 ? (
        <details>
          <summary>Versions runs used ({versions.data.versions.length})</summary>
          <ul>
            {versions.data.versions.map((v) => (
              <li key={v.definition_hash}>
                v{v.version} <code title={v.definition_hash}>{v.definition_hash.slice(0, 12)}</code>: {v.runs} run{v.runs === 1 ? '' : 's'}, last{' '}
                {new Date(v.last_run_at).toLocaleString()}
                {v.version === versions.data.current ? ' (current version)' : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <Legend />
      {graph ? <GraphView graph={graph} /> : null}
    </section>
  );
}

import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { PolicyExplanation, RunbookDetail } from '../../api/types';
import { buildGraph } from './graph/buildGraph';
import { GraphView, Legend } from './GraphView';

/** Where a runbook stops for a human, who decides, and what happens if nobody does. */
export function RunbookPage({ id }: { id: string }) {
  const runbook = useQuery({ queryKey: ['runbook', id], queryFn: () => api<RunbookDetail>(`/api/runbooks/${encodeURIComponent(id)}`) });
  const explanation = useQuery({ queryKey: ['explain', id], queryFn: () => api<PolicyExplanation>(`/api/policy/explain?runbook=${encodeURIComponent(id)}`) });
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
      <Legend />
      {graph ? <GraphView graph={graph} /> : null}
    </section>
  );
}

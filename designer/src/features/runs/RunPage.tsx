import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import type { RunResponse } from '../../api/types';
import { buildGraph } from '../runbooks/graph/buildGraph';
import { GraphView, Legend } from '../runbooks/GraphView';
import { followRun } from './runStream';
import { useWaitingGates } from './useWaitingGates';

/** One run on its runbook's graph, live over Server-Sent Events: no reload, no polling in the browser. */
export function RunPage({ id }: { id: string }) {
  const [run, setRun] = useState<RunResponse | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  useEffect(
    () =>
      followRun(
        id,
        (next, v) => {
          setRun(next as RunResponse);
          setVersion(v);
        },
        setEnded,
      ),
    [id],
  );
  const gates = useWaitingGates(run, version);
  const runbookId = run?.runbook.id;
  const runbook = useQuery({
    enabled: !!runbookId,
    queryKey: ['runbook', runbookId],
    queryFn: () => data(client.GET('/api/runbooks/{runbookId}', { params: { path: { runbookId: runbookId! } } })),
  });
  const explanation = useQuery({
    enabled: !!runbookId,
    queryKey: ['explain', runbookId],
    queryFn: () => data(client.GET('/api/policy/explain', { params: { query: { runbook: runbookId! } } })),
  });
  const graph = useMemo(() => {
    if (!runbook.data || !run) return null;
    const built = buildGraph(runbook.data, explanation.data ?? null, run);
    for (const node of built.nodes) node.data.live = gates.get(node.id) ?? null;
    return built;
  }, [runbook.data, explanation.data, run, gates]);
  if (!run) return <p>Connecting to the run…</p>;
  return (
    <section>
      <h1>
        Run <code>{run.id.slice(-8)}</code> of {run.runbook.id}{' '}
        <span className={`status-${run.status}`} data-run-status={run.status}>
          {run.status}
        </span>
      </h1>
      <p className="muted">
        Requested by {run.requester.kind} {run.requester.name}
        {ended ? ` · finished: ${ended}` : ' · live'} · <a href={`/audit?run=${run.id}`}>audit trail</a>
      </p>
      <Legend />
      {graph ? <GraphView graph={graph} /> : <p>Loading the runbook…</p>}
    </section>
  );
}

import { Background, Controls, ReactFlow } from '@xyflow/react';
import type { RunbookGraph } from './graph/buildGraph';
import { useElkLayout } from './graph/useElkLayout';
import { StepNode } from './nodes/StepNode';
import { GateNode } from './nodes/GateNode';

const nodeTypes = { step: StepNode, gate: GateNode };

/** A runbook (or a run of it) as a graph laid out by ELK; read-only in this view. */
export function GraphView({ graph }: { graph: RunbookGraph }) {
  const laidOut = useElkLayout(graph);
  if (!laidOut) return <p>Laying out…</p>;
  return (
    <div className="graph" aria-label="Runbook graph">
      <ReactFlow nodes={laidOut.nodes} edges={laidOut.edges} nodeTypes={nodeTypes} fitView fitViewOptions={{ maxZoom: 1, padding: 0.15 }} nodesConnectable={false} elementsSelectable={false}>
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** What every mark on the graph means. */
export function Legend() {
  return (
    <aside className="legend" aria-label="Legend">
      <span className="node-mark gate-explicit">approval step</span>
      <span className="node-mark gate-policy">paused by policy</span>
      <span className="node-mark denied">denied by policy</span>
      <span className="node-mark step">runs without a human</span>
      <span>edges: the outcome that leads on (succeeded, approved, rejected, timed_out, failed)</span>
    </aside>
  );
}

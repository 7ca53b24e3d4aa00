import { useEffect } from 'react';
import { Background, Controls, ReactFlow, useReactFlow } from '@xyflow/react';
import type { RunbookGraph } from '../graph/buildGraph';
import { useElkLayout } from '../graph/useElkLayout';
import { GateNode } from '../nodes/GateNode';
import { StepNode } from '../nodes/StepNode';

const nodeTypes = { step: StepNode, gate: GateNode };

/**
 * The draft's graph: click a node to edit it (the empty canvas goes back to the runbook's own fields), drag from a node's bottom handle to another node to route an outcome there.
 * Positions come from ELK on every change (runbooks in Git carry no coordinates), so nodes are not dragged.
 */
export function EditableGraph({ graph, readOnly, onConnect, onSelect, onDeselect }: { graph: RunbookGraph; readOnly: boolean; onConnect: (source: string, target: string) => void; onSelect: (node: string) => void; onDeselect: () => void }) {
  const laidOut = useElkLayout(graph);
  if (!laidOut) return <p>Laying out…</p>;
  return (
    <div className="graph editing" aria-label="Runbook graph (editable)">
      <ReactFlow
        nodes={laidOut.nodes.map((n) => ({ ...n, selected: n.data.selected === true }))}
        edges={laidOut.edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
        nodesDraggable={false}
        nodesConnectable={!readOnly}
        onConnect={(connection) => connection.source && connection.target && onConnect(connection.source, connection.target)}
        onNodeClick={(_, node) => onSelect(node.id)}
        onPaneClick={onDeselect}
        deleteKeyCode={null}
      >
        <Background />
        <Controls showInteractive={false} />
        <FitWhenStepsChange shape={laidOut.nodes.map((n) => `${n.id}@${n.position.x},${n.position.y}`).join('|')} />
      </ReactFlow>
    </div>
  );
}

/** Keeps every step in view when one is added, removed or moved (ReactFlow's own fitView runs only once). */
function FitWhenStepsChange({ shape }: { shape: string }) {
  const flow = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void flow.fitView({ maxZoom: 1, padding: 0.15 }));
    return () => cancelAnimationFrame(frame);
  }, [shape, flow]);
  return null;
}

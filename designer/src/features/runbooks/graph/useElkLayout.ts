import { useEffect, useState } from 'react';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Edge, Node } from '@xyflow/react';
import type { RunbookGraph, StepNodeData } from './buildGraph';

const elk = new ELK();
const width = 240;
// ELK needs sizes before React has drawn anything: generous estimates from what each kind of node shows.
const height = (data: StepNodeData) =>
  (data.issues?.length ? 40 : 0) +
  (data.gate ? 200 + 24 * data.gate.escalations.length + (data.status ? 110 : 0) : 80 + (data.denied ? 24 : 0) + (data.status ? 24 : 0));

/** Positions the graph's nodes top to bottom with ELK's layered layout: runbooks in Git carry no coordinates. */
export function useElkLayout(graph: RunbookGraph | null): { nodes: Node<StepNodeData>[]; edges: Edge[] } | null {
  const [laidOut, setLaidOut] = useState<{ nodes: Node<StepNodeData>[]; edges: Edge[] } | null>(null);
  useEffect(() => {
    if (!graph) return;
    let cancelled = false;
    elk
      .layout({
        id: 'root',
        layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': '48', 'elk.layered.spacing.nodeNodeBetweenLayers': '64' },
        children: graph.nodes.map((n) => ({ id: n.id, width, height: height(n.data) })),
        edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
      })
      .then((layout) => {
        if (cancelled) return;
        const positions = new Map((layout.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
        setLaidOut({
          nodes: graph.nodes.map((n) => ({ id: n.id, type: n.type, data: n.data, position: positions.get(n.id) ?? { x: 0, y: 0 }, draggable: false })),
          edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: e.label, className: `edge-${e.label}` })),
        });
      });
    return () => {
      cancelled = true;
    };
  }, [graph]);
  return laidOut;
}

import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { StepNodeData } from '../graph/buildGraph';
import { ActivityIcon } from './ActivityIcon';
import { NodeIssues } from './NodeIssues';

/** A step that runs without a human: its activity, privilege tag, status in a run, and a policy denial if any. */
export function StepNode({ data }: NodeProps<Node<StepNodeData>>) {
  return (
    <div
      className={`node step${data.denied ? ' denied' : ''}${data.selected ? ' selected' : ''}${data.issues?.length ? ' has-issues' : ''}`}
      data-step-id={data.stepId}
      data-status={data.status ?? undefined}
      data-policy-effect={data.denied ? 'deny' : undefined}
    >
      <Handle type="target" position={Position.Top} />
      <div className="title">{data.title}</div>
      <div className="activity">
        <ActivityIcon activity={data.activity} /> {data.activity}
        {data.privileged ? <span className="tag">{data.privileged}</span> : null}
      </div>
      {data.denied ? <div className="deny" title={data.denied.message ?? undefined}>denied by {data.denied.rule}</div> : null}
      {data.status ? <div className={`status status-${data.status}`}>{data.status}</div> : null}
      <NodeIssues issues={data.issues} />
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

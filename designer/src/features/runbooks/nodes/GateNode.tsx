import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { StepNodeData } from '../graph/buildGraph';
import { Countdown } from '../../runs/Countdown';
import { ActivityIcon } from './ActivityIcon';
import { NodeIssues } from './NodeIssues';

/** A step that pauses for a human, unmistakably: who decides, how many, how long, what escalates; live, who is still pending. */
export function GateNode({ data }: NodeProps<Node<StepNodeData>>) {
  const gate = data.gate!;
  return (
    <div className={`node gate gate-${gate.kind}${data.selected ? ' selected' : ''}${data.issues?.length ? ' has-issues' : ''}`} data-step-id={data.stepId} data-gate={gate.kind} data-status={data.status ?? undefined}>
      <Handle type="target" position={Position.Top} />
      <div className="title">
        <span className="badge">human decision</span> {data.title}
      </div>
      <div className="activity">
        <ActivityIcon activity={data.activity} /> {gate.kind === 'policy' ? `${data.activity} · policy: ${gate.rule}` : 'approval step'}
        {data.privileged ? <span className="tag">{data.privileged}</span> : null}
      </div>
      <dl>
        <dt>Approvers</dt>
        <dd>{gate.approvers.join(', ') || 'the owners'}</dd>
        <dt>Quorum</dt>
        <dd>{gate.quorum ?? 1}</dd>
        <dt>Timeout</dt>
        <dd>{gate.timeout ?? 'none'}</dd>
        {gate.escalations.length > 0 ? (
          <>
            <dt>Escalates</dt>
            <dd>{gate.escalations.join('; ')}</dd>
          </>
        ) : null}
      </dl>
      {data.live ? (
        <>
          <div className="pending" data-pending-approvers>
            waiting for {data.live.pendingApprovers.join(', ') || 'nobody'} ({data.live.approvals} of {data.live.quorum} approved)
          </div>
          {data.live.approvedBy.length > 0 ? <div data-approved-by>approved by {data.live.approvedBy.join(', ')}</div> : null}
          {data.live.deliveries.length > 0 ? <div className="deliveries" data-deliveries>{data.live.deliveries.join(' · ')}</div> : null}
          {data.live.nextEscalationAt ? <Countdown until={data.live.nextEscalationAt} label="escalates in" /> : null}
          {data.live.deadline ? <Countdown until={data.live.deadline} label="deadline in" /> : null}
        </>
      ) : null}
      {data.status ? <div className={`status status-${data.status}`}>{data.status}</div> : null}
      <NodeIssues issues={data.issues} />
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

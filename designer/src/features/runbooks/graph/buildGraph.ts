import type { ExplainedStep, PolicyExplanation, RunbookDetail, RunView } from '../../../api/types';

/** How a step pauses for a human: an approval step written in the runbook, or a gate policy puts in front of it. */
export type GateKind = 'explicit' | 'policy';

export interface GateInfo {
  kind: GateKind;
  rule: string | null;
  approvers: string[];
  quorum: number | null;
  timeout: string | null;
  escalations: string[];
}

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  title: string;
  activity: string;
  privileged: string | null;
  gate: GateInfo | null;
  /** Set when policy would refuse the step, with the rule's name and message. */
  denied: { rule: string | null; message: string | null } | null;
  /** The step's status in a run, as the API names it; null in the runbook view. */
  status: string | null;
  /** On a gate a run waits at: who may still decide, and when it escalates and ends. */
  /** In the editor: what the server found wrong with this step, first problem first. */
  issues?: string[];
  /** In the editor: the step the side panel shows. */
  selected?: boolean;
  live?: { pendingApprovers: string[]; approvals: number; quorum: number; deadline: string | null; nextEscalationAt: string | null; deliveries: string[]; approvedBy: string[] } | null;
}

export interface GraphNode {
  id: string;
  type: 'step' | 'gate';
  data: StepNodeData;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
}

export interface RunbookGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Outcomes named on edges, in the order readers expect them. */
const outcomeOrder = ['succeeded', 'approved', 'rejected', 'timed_out', 'failed'];

/**
 * The graph of a runbook: one node per step (a gate node when the step pauses for a human, explicitly or by policy), one
 * edge per routed outcome, labelled with the outcome. A step without routing continues to the next step on success, as
 * the engine runs it. Pure, so it is tested without a browser and laid out separately.
 */
export function buildGraph(runbook: RunbookDetail, explanation: PolicyExplanation | null, run: RunView | null = null): RunbookGraph {
  const explained = new Map<string, ExplainedStep>((explanation?.steps ?? []).map((s) => [s.step_id, s]));
  const nodes: GraphNode[] = runbook.steps.map((step) => {
    const policy = explained.get(step.id);
    const explicit = step.uses === 'approval';
    const gate: GateInfo | null = explicit
      ? {
          kind: 'explicit',
          rule: null,
          approvers: step.approval?.approvers ?? runbook.owners.map((o) => (o.includes(':') ? o : `group:${o}`)),
          quorum: step.approval ? Number(step.approval.quorum) || null : null,
          timeout: step.approval?.timeout ?? null,
          escalations: step.approval?.escalations ?? [],
        }
      : policy?.decision === 'require_approval'
        ? {
            kind: 'policy',
            rule: policy.rule ?? null,
            approvers: policy.gate?.approvers ?? [],
            quorum: policy.gate?.quorum ?? null,
            timeout: policy.gate?.timeout ?? null,
            escalations: policy.gate?.escalations ?? [],
          }
        : null;
    return {
      id: step.id,
      type: gate ? 'gate' : 'step',
      data: {
        stepId: step.id,
        title: step.id,
        activity: step.uses,
        privileged: step.privileged ?? null,
        gate,
        denied: policy?.decision === 'deny' ? { rule: policy.rule ?? null, message: policy.message ?? null } : null,
        status: run ? statusOf(run, step.id) : null,
      },
    };
  });

  const edges: GraphEdge[] = [];
  runbook.steps.forEach((step, index) => {
    const routed = Object.entries(step.next ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    for (const [outcome, target] of routed) edges.push({ id: `${step.id}--${outcome}--${target}`, source: step.id, target, label: outcome });
    const following = runbook.steps[index + 1];
    const successRouted = routed.some(([outcome]) => outcome === 'succeeded' || outcome === 'approved');
    if (following && !successRouted) {
      const label = step.uses === 'approval' || nodes[index].data.gate ? 'approved' : 'succeeded';
      edges.push({ id: `${step.id}--${label}--${following.id}`, source: step.id, target: following.id, label });
    }
  });
  return { nodes, edges };
}

function rank(outcome: string): number {
  const i = outcomeOrder.indexOf(outcome);
  return i < 0 ? outcomeOrder.length : i;
}

/** The latest attempt's status of a step in a run; `waiting` for the step the run waits at; `pending` if it has not started. */
function statusOf(run: RunView, stepId: string): string {
  if (run.waiting_for.some((w) => w.step === stepId)) return 'waiting';
  const attempts = run.steps.filter((s) => s.step === stepId);
  return attempts.length === 0 ? 'pending' : attempts[attempts.length - 1].status;
}

// Shapes of the server's JSON (snake_case, as the API writes them) that the designer reads.

export interface RunbookStep {
  id: string;
  uses: string;
  privileged: string | null;
  when: string | null;
  next: Record<string, string>;
  approval?: { approvers: string[]; quorum: string; timeout: string | null; escalations: string[] } | null;
}

export interface RunbookDetail {
  id: string;
  version: number;
  title: string | null;
  description: string | null;
  owners: string[];
  steps: RunbookStep[];
}

export interface ExplainedGate {
  approvers: string[];
  quorum: number;
  timeout: string | null;
  window?: string;
  escalations: string[];
}

/** One step of GET /api/policy/explain: `decision` is allow, require_approval, deny or depends_on_runtime_values. */
export interface ExplainedStep {
  step_id: string;
  decision: string;
  rule: string | null;
  message?: string | null;
  gate?: ExplainedGate | null;
}

export interface PolicyExplanation {
  runbook: string;
  steps: ExplainedStep[];
}

export interface StepExecution {
  step: string;
  attempt: number;
  status: string;
  outcome: string | null;
  error: string | null;
}

export interface RunView {
  id: string;
  status: string;
  current_steps: string[];
  waiting_for: { step: string; kind: string; event?: string | null; until?: string | null; next_escalation_at?: string | null }[];
  steps: StepExecution[];
}

/** The parts of GET /api/approvals/{id} the live run view shows on a waiting gate. */
export interface ApprovalView {
  id: string;
  status: string;
  approvers: string[];
  progress: { approvals: number; quorum: number };
  decisions: { approver: string; decision: string }[];
  deadline: string | null;
  next_escalation_at: string | null;
  /** The people who could still decide (pending gates, for people). */
  pending_reviewers?: string[] | null;
}

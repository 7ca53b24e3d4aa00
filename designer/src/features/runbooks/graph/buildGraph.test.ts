import { describe, expect, it } from 'vitest';
import { buildGraph } from './buildGraph';
import type { PolicyExplanation, RunbookDetail, RunView } from '../../../api/types';

const exportRunbook: RunbookDetail = {
  id: 'export-customer-data',
  version: 1,
  title: 'Export customer data',
  description: null,
  owners: ['data-owners'],
  steps: [
    { id: 'export', uses: 'sql.query', privileged: 'data-export', when: null, next: {} },
    { id: 'notify-owners', uses: 'notify', privileged: null, when: null, next: {} },
  ],
};

const explanation: PolicyExplanation = {
  steps: [
    {
      step_id: 'export',
      decision: 'require_approval',
      rule: 'data-exports-need-data-owners',
      gate: { approvers: ['group:data-owners'], quorum: 1, timeout: '1h', window: '15m', escalations: ['after 30m add group:security-team and remind'] },
    },
    { step_id: 'notify-owners', decision: 'allow', rule: null },
  ],
};

describe('buildGraph', () => {
  it('makes one node per step, in order, as layout input', () => {
    const graph = buildGraph(exportRunbook, explanation);

    expect(graph.nodes.map((n) => n.id)).toEqual(['export', 'notify-owners']);
  });

  it('marks a step policy pauses as a policy gate with the rule, approvers and timeout', () => {
    const gate = buildGraph(exportRunbook, explanation).nodes[0];

    expect(gate.type).toBe('gate');
    expect(gate.data.gate).toMatchObject({ kind: 'policy', rule: 'data-exports-need-data-owners', approvers: ['group:data-owners'], quorum: 1, timeout: '1h' });
    expect(gate.data.gate?.escalations).toHaveLength(1);
  });

  it('marks an approval step as an explicit gate with the approvers and timeout it names', () => {
    const runbook: RunbookDetail = {
      ...exportRunbook,
      steps: [{ id: 'ask', uses: 'approval', privileged: null, when: null, next: {}, approval: { approvers: ['group:sre'], quorum: '2', timeout: '2h', escalations: [] } }],
    };

    const node = buildGraph(runbook, null).nodes[0];

    expect(node.data.gate).toMatchObject({ kind: 'explicit', approvers: ['group:sre'], quorum: 2, timeout: '2h' });
  });

  it('marks an approval step as an explicit gate asking the owners when it names no approvers', () => {
    const runbook: RunbookDetail = { ...exportRunbook, steps: [{ id: 'ask', uses: 'approval', privileged: null, when: null, next: { rejected: 'undo' } }, { id: 'undo', uses: 'notify', privileged: null, when: null, next: {} }] };

    const node = buildGraph(runbook, null).nodes[0];

    expect(node.type).toBe('gate');
    expect(node.data.gate).toMatchObject({ kind: 'explicit', approvers: ['group:data-owners'] });
  });

  it('marks a step policy would deny with the rule and its message', () => {
    const denied: PolicyExplanation = { steps: [{ step_id: 'notify-owners', decision: 'deny', rule: 'no-prod-shell-for-agents', message: 'Agents may not run shell commands in production' }] };

    const node = buildGraph(exportRunbook, denied).nodes[1];

    expect(node.type).toBe('step');
    expect(node.data.denied).toEqual({ rule: 'no-prod-shell-for-agents', message: 'Agents may not run shell commands in production' });
  });

  it('labels edges with outcomes: routed ones as written, the fall-through as approved after a gate', () => {
    const runbook: RunbookDetail = {
      ...exportRunbook,
      steps: [
        { id: 'ask', uses: 'approval', privileged: null, when: null, next: { timed_out: 'escalate', rejected: 'tell' } },
        { id: 'run', uses: 'http.request', privileged: 'infra', when: null, next: { failed: 'tell' } },
        { id: 'escalate', uses: 'notify', privileged: null, when: null, next: {} },
        { id: 'tell', uses: 'notify', privileged: null, when: null, next: {} },
      ],
    };

    const labels = buildGraph(runbook, null).edges.map((e) => `${e.source}-${e.label}->${e.target}`);

    expect(labels).toEqual(['ask-rejected->tell', 'ask-timed_out->escalate', 'ask-approved->run', 'run-failed->tell', 'run-succeeded->escalate', 'escalate-succeeded->tell']);
  });

  it('gives each node its status in a run, and waiting to the step the run waits at', () => {
    const run: RunView = {
      id: 'r1',
      status: 'waiting',
      current_steps: ['export'],
      waiting_for: [{ step: 'export', kind: 'approval' }],
      steps: [{ step: 'export', attempt: 1, status: 'waiting', outcome: null, error: null, started_at: '2026-12-04T10:00:00Z' }],
    };

    const statuses = buildGraph(exportRunbook, explanation, run).nodes.map((n) => n.data.status);

    expect(statuses).toEqual(['waiting', 'pending']);
  });
});

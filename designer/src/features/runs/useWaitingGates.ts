import { useQueries } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import type { RunView } from '../../api/types';

export interface GateOverlay {
  pendingApprovers: string[];
  approvals: number;
  quorum: number;
  deadline: string | null;
  nextEscalationAt: string | null;
  /** Per channel, how the review messages went: "email: 2 sent", "slack: 1 failed". */
  deliveries: string[];
  approvedBy: string[];
}

/** For each step the run waits at on an approval gate: who may still decide, progress, the deadline and next escalation.
 * Read again whenever the run's version changes (the stream tells), never on a timer. */
export function useWaitingGates(run: RunView | null, version: string | null): Map<string, GateOverlay> {
  // An approval wait names its gate in `event`.
  const waits = (run?.waiting_for ?? []).filter((w) => w.kind === 'approval' && w.event);
  const results = useQueries({
    queries: waits.map((w) => ({
      queryKey: ['gate', w.event, version],
      queryFn: () => data(client.GET('/api/approvals/{gateId}', { params: { path: { gateId: w.event! } } })),
    })),
  });
  const overlays = new Map<string, GateOverlay>();
  waits.forEach((w, i) => {
    const gate = results[i]?.data;
    if (!gate) return;
    const decided = new Set(gate.decisions.map((d) => d.approver));
    overlays.set(w.step, {
      pendingApprovers: gate.pending_reviewers ?? gate.approvers.filter((a) => !decided.has(a)),
      approvals: gate.progress.approvals,
      quorum: gate.progress.quorum,
      deadline: gate.deadline ?? null,
      nextEscalationAt: gate.next_escalation_at ?? null,
      deliveries: summarize(gate.deliveries ?? []),
      approvedBy: gate.decisions.filter((d) => d.decision === 'approve').map((d) => d.approver),
    });
  });
  return overlays;
}

function summarize(deliveries: { channel: string; status: string }[]): string[] {
  const counts = new Map<string, Map<string, number>>();
  for (const d of deliveries) {
    const byStatus = counts.get(d.channel) ?? new Map<string, number>();
    byStatus.set(d.status, (byStatus.get(d.status) ?? 0) + 1);
    counts.set(d.channel, byStatus);
  }
  return [...counts].map(([channel, byStatus]) => `${channel}: ${[...byStatus].map(([status, n]) => `${n} ${status}`).join(', ')}`);
}

import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data } from '../../api/client';

/** One approval in the inbox: the masked review, reveal of one field with a justification, and approve / reject with a reason,
 * under the API's rules (the server says whether this person may decide, and why not). */
export function ApprovalDetail({ id, onDecided }: { id: string; onDecided: (what: string) => void }) {
  const queries = useQueryClient();
  const approval = useQuery({ queryKey: ['approval', id], queryFn: () => data(client.GET('/api/approvals/{gateId}', { params: { path: { gateId: id } } })) });
  const [reason, setReason] = useState('');
  const [field, setField] = useState('');
  const [justification, setJustification] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      data(client.POST('/api/approvals/{gateId}/decisions', { params: { path: { gateId: id } }, body: { decision, reason: reason || undefined } })),
    onSuccess: (_, decision) => {
      // Said at the inbox's level: the decided request leaves the list, and this view with it.
      onDecided(`Recorded: you ${decision === 'approve' ? 'approved' : 'rejected'} "${approval.data?.context ?? id}".`);
      void queries.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
  const reveal = useMutation({
    mutationFn: () => data(client.POST('/api/approvals/{gateId}/reveals', { params: { path: { gateId: id } }, body: { field, justification } })),
  });
  if (approval.isPending) return <p>Loading…</p>;
  if (approval.isError) return <p role="alert">{String(approval.error)}</p>;
  const a = approval.data;
  return (
    <div className="approval" data-approval-id={a.id}>
      <p>{a.context}</p>
      <p className="unverified">
        <span className="label">Requester's reason (their own words, not verified): </span>
        {a.reason ?? '(none given)'}
      </p>
      <p className="muted">
        {a.progress.approvals} of {a.progress.quorum} approved · rule {a.rule ?? 'the runbook'} · {a.deadline ? `deadline ${new Date(a.deadline).toLocaleString()}` : 'no deadline'}
      </p>
      {a.deliveries?.length ? (
        <p className="muted">Sent: {a.deliveries.map((d) => `${d.channel} to ${d.recipient}: ${d.status}`).join('; ')}</p>
      ) : null}
      {a.reveal.allowed && a.reveal.fields.length > 0 ? (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            reveal.mutate();
          }}
        >
          <label>
            Reveal{' '}
            <select value={field} onChange={(e) => setField(e.target.value)} required>
              <option value="">a masked field…</option>
              {a.reveal.fields.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </label>
          <label>
            because <input value={justification} onChange={(e) => setJustification(e.target.value)} required placeholder="why you need the raw value" />
          </label>
          <button type="submit">Reveal</button>
          {reveal.data ? <output>{JSON.stringify(reveal.data.value)}</output> : null}
          {reveal.isError ? <span role="alert">{String(reveal.error)}</span> : null}
        </form>
      ) : null}
      <label>
        Your reason <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} />
      </label>
      <div className="actions">
        <button type="button" disabled={!a.can_decide || decide.isPending} aria-describedby={a.can_decide ? undefined : `why-${a.id}`} onClick={() => decide.mutate('approve')}>
          Approve
        </button>
        <button type="button" className="reject" disabled={!a.can_decide || decide.isPending} aria-describedby={a.can_decide ? undefined : `why-${a.id}`} onClick={() => decide.mutate('reject')}>
          Reject
        </button>
      </div>
      {a.can_decide ? null : <p id={`why-${a.id}`} className="error">{a.why_not}</p>}
      {decide.isError ? <p role="alert">{String(decide.error)}</p> : null}
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, data } from '../../api/client';
import { ApprovalDetail } from './ApprovalDetail';

/** The approvals waiting for the signed-in person; each opens the approval page, which decides by the API's rules. */
export function InboxPage() {
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => data(client.GET('/api/approvals', { params: { query: { status: 'pending', limit: '100' } } })) });
  if (inbox.isPending) return <p>Loading…</p>;
  if (inbox.isError) return <p role="alert">{String(inbox.error)}</p>;
  return (
    <section>
      <h1>Approvals</h1>
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {inbox.data.items.length === 0 ? <p>Nothing waits for you. Requests you may decide appear here as they arrive.</p> : (
        <ul className="cards">
          {inbox.data.items.map((a) => (
            <li key={a.id}>
              <a href={`/approvals/${encodeURIComponent(a.id)}`}>
                <strong>{a.requester.kind} {a.requester.name}</strong>: {a.context}
              </a>{' '}
              <button type="button" aria-expanded={open === a.id} onClick={() => setOpen(open === a.id ? null : a.id)}>
                {open === a.id ? 'Close' : 'Review here'}
              </button>
              {open === a.id ? (
                <ApprovalDetail
                  id={a.id}
                  onDecided={(what) => {
                    setNotice(what);
                    setOpen(null);
                  }}
                />
              ) : null}
              <p className="muted">
                {a.deadline ? `deadline ${new Date(a.deadline).toLocaleString()}` : 'no deadline'}
                {a.can_decide ? '' : ` · you cannot decide: ${a.why_not}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

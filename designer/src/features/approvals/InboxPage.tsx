import { useQuery } from '@tanstack/react-query';
import { client, data } from '../../api/client';

/** The approvals waiting for the signed-in person; each opens the approval page, which decides by the API's rules. */
export function InboxPage() {
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => data(client.GET('/api/approvals', { params: { query: { status: 'pending', limit: '100' } } })) });
  if (inbox.isPending) return <p>Loading…</p>;
  if (inbox.isError) return <p role="alert">{String(inbox.error)}</p>;
  return (
    <section>
      <h1>Approvals</h1>
      {inbox.data.items.length === 0 ? <p>Nothing waits for you. Requests you may decide appear here as they arrive.</p> : (
        <ul className="cards">
          {inbox.data.items.map((a) => (
            <li key={a.id}>
              <a href={`/approvals/${encodeURIComponent(a.id)}`}>
                <strong>{a.requester.kind} {a.requester.name}</strong>: {a.context}
              </a>
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

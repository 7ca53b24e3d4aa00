import { useQuery } from '@tanstack/react-query';
import { client, data } from '../../api/client';
import { onLinkClick } from '../../app/router';

export function RunbookList() {
  const list = useQuery({ queryKey: ['runbooks'], queryFn: () => data(client.GET('/api/runbooks')) });
  if (list.isPending) return <p>Loading runbooks…</p>;
  if (list.isError) return <p role="alert">{String(list.error)}</p>;
  return (
    <section>
      <h1>Runbooks</h1>
      {list.data.items.length === 0 ? <p>No runbooks yet. Put YAML files in the runbooks folder (docs/runbook-format.md).</p> : null}
      <ul className="cards">
        {list.data.items.map((r) => (
          <li key={r.id}>
            <a href={`/runbooks/${encodeURIComponent(r.id)}`} onClick={onLinkClick}>
              <strong>{r.title ?? r.id}</strong> <span className="muted">v{r.version}</span>
            </a>
            {r.description ? <p>{r.description}</p> : null}
          </li>
        ))}
      </ul>
      {list.data.load_errors?.length ? (
        <section>
          <h2>Files that did not load</h2>
          <ul>
            {list.data.load_errors.map((e) => (
              <li key={`${e.file}:${e.line}:${e.column}`}>
                <code>
                  {e.file}:{e.line}:{e.column}
                </code>{' '}
                {e.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

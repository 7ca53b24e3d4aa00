import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { client, data } from '../../../api/client';
import { lineDiff } from './lineDiff';

/**
 * Every version the server has seen of a runbook, saved in the designer (with who saved it) or changed in its file (by Git):
 * pick two to compare them line by line, or download one as YAML.
 */
export function VersionHistory({ runbookId }: { runbookId: string }) {
  const history = useQuery({
    queryKey: ['history', runbookId],
    queryFn: () => data(client.GET('/api/runbooks/{runbookId}/history', { params: { path: { runbookId } } })),
    retry: false,
  });
  const [picked, setPicked] = useState<number[]>([]);
  const texts = useQuery({
    queryKey: ['history-texts', runbookId, picked],
    enabled: picked.length === 2,
    queryFn: () =>
      Promise.all(
        [...picked].sort((a, b) => a - b).map((entryId) => data(client.GET('/api/runbooks/{runbookId}/history/{entryId}', { params: { path: { runbookId, entryId } } }))),
      ),
  });
  if (history.isPending) return <p>Loading versions…</p>;
  if (history.isError) return <p className="muted">{String(history.error)}</p>;

  const toggle = (entryId: number) =>
    setPicked((p) => (p.includes(entryId) ? p.filter((x) => x !== entryId) : [...p.slice(-1), entryId]));
  return (
    <div className="versions" data-versions>
      <table>
        <thead>
          <tr>
            <th>Compare</th>
            <th>Version</th>
            <th>Saved</th>
            <th>By</th>
            <th>Definition</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {history.data.entries.map((e) => (
            <tr key={e.id} data-version-entry={e.version} data-origin={e.origin}>
              <td>
                <input type="checkbox" aria-label={`compare version ${e.version} (#${e.id})`} checked={picked.includes(e.id)} onChange={() => toggle(e.id)} />
              </td>
              <td>
                v{e.version}
                {e.version === history.data.current && e.id === history.data.entries.find((x) => x.version === history.data.current)?.id ? ' (current)' : ''}
              </td>
              <td>{new Date(e.saved_at).toLocaleString()}</td>
              <td>{e.origin === 'designer' ? e.saved_by : 'file change (see Git)'}</td>
              <td>
                <code title={e.definition_hash}>{e.definition_hash.slice(0, 12)}</code>
              </td>
              <td>
                <a href={`/api/runbooks/${encodeURIComponent(runbookId)}/yaml?entry=${e.id}`} download>
                  YAML
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {picked.length === 2 && texts.data ? (
        <pre className="diff" aria-label={`Changes from version ${texts.data[0].version} to ${texts.data[1].version}`} data-diff>
          {lineDiff(texts.data[0].yaml, texts.data[1].yaml)
            .filter((l, i, all) => l.kind !== 'same' || all.slice(Math.max(0, i - 2), i + 3).some((n) => n.kind !== 'same'))
            .map((l, i) => (
              <div key={i} className={`diff-${l.kind}`}>
                {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
                {l.text}
              </div>
            ))}
        </pre>
      ) : (
        <p className="muted">Pick two versions to see what changed.</p>
      )}
    </div>
  );
}

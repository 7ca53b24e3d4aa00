import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, client, data } from '../../../api/client';
import type { ActivityInfo, DraftIssue, DraftValidation } from '../../../api/types';
import { onLinkClick } from '../../../app/router';
import { Legend } from '../GraphView';
import { RunbookPage } from '../RunbookPage';
import { draftGraph, nodeId, placeIssues } from './draftGraph';
import { DryRunForm } from './DryRunForm';
import { EditableGraph } from './EditableGraph';
import { lineDiff } from './lineDiff';
import { Palette } from './Palette';
import { addStep, connect, freshStepId, moveStep, readRunbook, removeStep, renameStep, setRunbookField, setRunbookValue, setStepField, type FieldPath, type RunbookModel } from './runbookSource';
import { RunbookPanel } from './RunbookPanel';
import { StepPanel } from './StepPanel';
import { VersionHistory } from './VersionHistory';
import { YamlEditor } from './YamlEditor';

/** What the server said about the last save that did not publish. */
type SaveProblem = { kind: 'conflict'; message: string; currentYaml: string | null; currentHash: string | null; by: string | null } | { kind: 'invalid' | 'other'; message: string };

const starter = (id: string) => `# ${id}: written in the designer. Comments and layout you add here are kept.
id: ${id}
version: 1
title: ${id}
owners: []
steps: []
`;

/**
 * Edit a runbook in the browser: palette, graph and YAML side by side, one text underneath. Every change is checked by the
 * server as you type (problems on the node, the field and the YAML gutter; the policy preview on the nodes); saving
 * publishes a new version. People outside the designers group get the read-only view.
 */
export function EditorPage({ id }: { id: string }) {
  const queries = useQueryClient();
  const source = useQuery({
    queryKey: ['source', id],
    queryFn: () => data(client.GET('/api/runbooks/{runbookId}/source', { params: { path: { runbookId: id } } })),
    retry: false,
  });
  const activities = useQuery({ queryKey: ['activities'], queryFn: () => data(client.GET('/api/activities')) });

  // The text being edited, the text last published (what "unsaved" compares to) and the hash a save names as its base.
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ text: string; hash: string | null; version: number } | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [lastGood, setLastGood] = useState<RunbookModel | null>(null);

  const missing = source.error instanceof ApiError && source.error.status === 404;
  useEffect(() => {
    if (text !== null) return;
    if (source.data) {
      setText(source.data.yaml);
      setSaved({ text: source.data.yaml, hash: source.data.text_hash, version: source.data.version });
    } else if (missing) {
      setText(starter(id));
      setSaved({ text: '', hash: null, version: 0 });
    }
  }, [source.data, missing, id, text]);

  const read = useMemo(() => (text === null ? null : readRunbook(text)), [text]);
  useEffect(() => {
    if (read?.ok) setLastGood(read.model);
  }, [read]);
  const model = read?.ok ? read.model : lastGood;

  const checkedText = useDebounced(text, 300);
  const validation = useQuery({
    queryKey: ['validate', checkedText],
    enabled: checkedText !== null,
    queryFn: () => data(client.POST('/api/runbooks/validate', { body: { yaml: checkedText! } })),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  const current: DraftValidation | undefined = validation.data;
  const issues: DraftIssue[] = useMemo(() => {
    const fromServer = current?.issues ?? [];
    return read && !read.ok ? [{ line: read.line, column: read.column, step: null, code: 'syntax', message: read.message }] : fromServer;
  }, [current, read]);
  const placed = useMemo(() => (text && model ? placeIssues(text, model, issues) : []), [text, model, issues]);
  const graph = useMemo(
    () => (model ? draftGraph(model, current ? { steps: current.steps } : null, placed, selected) : null),
    [model, current, placed, selected],
  );

  if (source.error instanceof ApiError && source.error.status === 403)
    return (
      <>
        <p role="note" className="read-only" data-read-only>
          You can read this runbook; editing is for the designers group. {source.error.message}
        </p>
        <RunbookPage id={id} />
      </>
    );
  if (source.isError && !missing) return <p role="alert">{String(source.error)}</p>;
  if (text === null || !model || !saved) return <p>Loading…</p>;

  const activityList: ActivityInfo[] = activities.data?.items ?? [];
  const activityOf = (uses: string) => activityList.find((a) => a.type === uses);
  const edit = (change: (text: string) => string) => {
    try {
      setText(change(text));
      setNotice(null);
    } catch (error) {
      setNotice((error as Error).message);
    }
  };
  const unsaved = text !== saved.text;
  const selectedStep = selected !== null ? model.steps[selected] : undefined;

  const add = (activity: ActivityInfo) => {
    if (!read?.ok) return setNotice('Fix the YAML error first; the graph shows the last text that read.');
    const stepId = freshStepId(model, activity.type);
    edit((t) => addStep(t, selected, stepId, activity.type, activity.parameters.filter((p) => p.required).map((p) => p.name)));
    setSelected(selected === null ? model.steps.length : selected + 1);
  };
  const onConnect = (sourceNode: string, targetNode: string) => {
    const from = model.steps.findIndex((_, i) => nodeId(model, i) === sourceNode);
    const to = model.steps.findIndex((_, i) => nodeId(model, i) === targetNode);
    if (from < 0 || to < 0 || from === to) return;
    const outcomes = activityOf(model.steps[from].uses)?.outcomes ?? ['done'];
    // The first outcome that leads on and is not routed yet; the panel changes it.
    const outcome = outcomes.find((o) => !['failed', 'timed_out', 'rejected'].includes(o) && !model.steps[from].next[o]) ?? outcomes[0] ?? 'done';
    edit((t) => connect(t, from, outcome, model.steps[to].id));
    setSelected(from);
  };

  const save = async () => {
    setSaving(true);
    setProblem(null);
    // Runs pin a version: a save publishes the next one, written into the text so Git and the server agree.
    const toPublish = model.version > saved.version ? text : setRunbookField(text, 'version', saved.version + 1);
    const { data: published, error, response } = await client.PUT('/api/runbooks/{runbookId}/source', {
      params: { path: { runbookId: id } },
      body: { yaml: toPublish, base_hash: saved.hash },
    });
    setSaving(false);
    if (published) {
      setText(toPublish);
      setSaved({ text: toPublish, hash: published.text_hash, version: published.version });
      setNotice(`Published version ${published.version}.`);
      await Promise.all(['runbook', 'history', 'versions', 'runbooks', 'explain'].map((key) => queries.invalidateQueries({ queryKey: [key] })));
      return;
    }
    const body = (error ?? {}) as { detail?: string; current_yaml?: string | null; current_hash?: string | null; current_saved_by?: string | null };
    if (response.status === 409)
      setProblem({ kind: 'conflict', message: body.detail ?? 'The runbook changed.', currentYaml: body.current_yaml ?? null, currentHash: body.current_hash ?? null, by: body.current_saved_by ?? null });
    else setProblem({ kind: response.status === 422 ? 'invalid' : 'other', message: body.detail ?? `${response.status} ${response.statusText}` });
  };

  return (
    <section className="editor" aria-label={`Editing ${id}`}>
      <div className="editor-bar">
        <h1>
          {model.title ?? model.id} <span className="muted" data-version={saved.version}>v{saved.version}</span>
        </h1>
        <span className={unsaved ? 'unsaved' : 'muted'} data-unsaved={unsaved ? 'true' : 'false'}>
          {unsaved ? 'unsaved changes' : 'saved'}
        </span>
        <span data-validation={current?.valid ? 'valid' : 'invalid'} className={current?.valid && read?.ok ? 'notice' : 'error'}>
          {read && !read.ok ? 'YAML error' : current ? (current.valid ? 'valid' : `${current.issues.length} problem${current.issues.length === 1 ? '' : 's'}`) : 'checking…'}
        </span>
        <button type="button" className="primary" onClick={save} disabled={!unsaved || saving} data-save>
          {saving ? 'Saving…' : `Save as version ${Math.max(model.version, saved.version + 1)}`}
        </button>
        {saved.hash ? (
          <a href={`/api/runbooks/${encodeURIComponent(id)}/yaml`} download>
            Download YAML
          </a>
        ) : null}
        <a href={`/runbooks/${encodeURIComponent(id)}`} onClick={onLinkClick}>
          Close editor
        </a>
      </div>
      {notice ? <p role="status" className="notice">{notice}</p> : null}
      {problem ? <SaveProblemView problem={problem} mine={text} onUseTheirs={(yaml, hash) => {
        setText(yaml);
        setSaved((s) => (s ? { ...s, text: yaml, hash } : s));
        setProblem(null);
      }} onKeepMine={(theirs, hash) => {
        const theirVersion = readRunbook(theirs);
        setSaved((s) => (s ? { ...s, hash, version: theirVersion.ok ? Math.max(s.version, theirVersion.model.version) : s.version } : s));
        setProblem(null);
        setNotice('Your text is kept; saving now replaces the other version, which stays in the version history.');
      }} /> : null}

      <div className="editor-grid">
        <Palette activities={activityList} onAdd={add} after={selectedStep?.id ?? null} />
        <div className="editor-graph">
          <Legend />
          {graph ? <EditableGraph graph={graph} readOnly={false} onConnect={onConnect} onSelect={(node) => setSelected(model.steps.findIndex((_, i) => nodeId(model, i) === node))} onDeselect={() => setSelected(null)} /> : null}
          <PolicyPreview validation={current} />
        </div>
        <div className="editor-side">
          {selectedStep ? (
            <StepPanel
              key={selected}
              step={selectedStep}
              steps={model.steps}
              activity={activityOf(selectedStep.uses)}
              issues={placed.filter((p) => p.step === selected)}
              readOnly={false}
              onSet={(path: FieldPath, value: unknown) => edit((t) => setStepField(t, selected!, path, value))}
              onRename={(newId) => edit((t) => renameStep(t, selected!, newId))}
              onRemove={() => {
                edit((t) => removeStep(t, selected!));
                setSelected(null);
              }}
              onMove={(delta) => {
                edit((t) => moveStep(t, selected!, delta));
                setSelected(Math.max(0, Math.min(model.steps.length - 1, selected! + delta)));
              }}
            />
          ) : (
            <RunbookPanel model={model} issues={placed} readOnly={false} onSet={(key, value) => edit((t) => setRunbookValue(t, key, value))} />
          )}
          <YamlEditor text={text} onChange={setText} problems={issues} readOnly={false} />
        </div>
      </div>
      <details className="editor-more">
        <summary>Dry run</summary>
        {unsaved ? <p className="muted">Save first: a run uses the published version.</p> : <DryRunForm runbookId={id} inputs={model.inputs} />}
      </details>
      <details className="editor-more" open>
        <summary>Versions</summary>
        <VersionHistory runbookId={id} />
      </details>
    </section>
  );
}

/** Which steps would pause for a human or be refused, and by which rule, as the server's policy sees the draft. */
function PolicyPreview({ validation }: { validation: DraftValidation | undefined }) {
  const notable = (validation?.steps ?? []).filter((s) => s.decision !== 'allow');
  if (!validation) return null;
  return (
    <section className="policy-preview" aria-label="Policy preview" data-policy-preview>
      <h3>Policy preview</h3>
      {notable.length === 0 ? (
        <p className="muted">No step pauses or is refused by policy.</p>
      ) : (
        <ul>
          {notable.map((s) => (
            <li key={s.step_id} data-preview-step={s.step_id} data-decision={s.decision}>
              <strong>{s.step_id}</strong>: {s.decision.replace(/_/g, ' ')} {s.rule ? `(rule ${s.rule})` : ''}
              {s.message ? ` — ${s.message}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A save that did not publish: why, and for a conflict both texts side by side in a diff, with an explicit choice. */
function SaveProblemView({ problem, mine, onUseTheirs, onKeepMine }: { problem: SaveProblem; mine: string; onUseTheirs: (yaml: string, hash: string | null) => void; onKeepMine: (theirs: string, hash: string | null) => void }) {
  if (problem.kind !== 'conflict')
    return (
      <p role="alert" className="error" data-save-problem={problem.kind}>
        Not published: {problem.message}
      </p>
    );
  const theirs = problem.currentYaml ?? '';
  return (
    <section role="alert" className="conflict" data-save-problem="conflict">
      <p className="error">
        Not published: {problem.message} {problem.by ? `(saved by ${problem.by})` : '(changed in the file, e.g. by Git)'}
      </p>
      <pre className="diff">
        {lineDiff(theirs, mine).map((l, i) => (
          <div key={i} className={`diff-${l.kind}`}>
            {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
            {l.text}
          </div>
        ))}
      </pre>
      <button type="button" onClick={() => onUseTheirs(theirs, problem.currentHash)}>
        Discard mine, edit theirs
      </button>{' '}
      <button type="button" onClick={() => onKeepMine(theirs, problem.currentHash)}>
        Keep mine (replace theirs on save)
      </button>
    </section>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

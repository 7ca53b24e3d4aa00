import { useEffect, useState } from 'react';
import { parse, stringify } from 'yaml';
import type { FieldPath } from './runbookSource';

// The inputs the step and runbook panels are built from: each writes through to the YAML as the person types.

export function Field({ label, path, hint, problems, children }: { label: string; path: FieldPath; hint?: string; problems: string[]; children: React.ReactNode }) {
  return (
    <label className={`field${problems.length > 0 ? ' has-issue' : ''}`} data-field={path.join('.')}>
      <span className="field-label">{label}</span>
      {children}
      {hint ? <span className="hint">{hint}</span> : null}
      {problems.map((p, i) => (
        <span key={i} className="field-issue" data-field-issue>
          {p}
        </span>
      ))}
    </label>
  );
}

/** A text box that writes through on every keystroke (validation follows as you type). */
export function TextInput({ value, readOnly, onCommit, list }: { value: string; readOnly: boolean; onCommit: (value: string) => void; list?: string }) {
  return <input type="text" value={value} readOnly={readOnly} list={list} spellCheck={false} onChange={(e) => onCommit(e.target.value)} />;
}

export function ListInput({ value, readOnly, onCommit }: { value: string[]; readOnly: boolean; onCommit: (items: string[]) => void }) {
  const [draft, setDraft] = useState(value.join(', '));
  useEffect(() => setDraft((d) => (sameList(split(d), value) ? d : value.join(', '))), [value]);
  return (
    <input
      type="text"
      value={draft}
      readOnly={readOnly}
      spellCheck={false}
      onChange={(e) => {
        setDraft(e.target.value);
        onCommit(split(e.target.value));
      }}
    />
  );
}

/** A structure (headers, inputs, escalation stages) edited as YAML; written when it reads, refused with the reason when not. */
export function YamlSnippet({ value, readOnly, onCommit }: { value: unknown; readOnly: boolean; onCommit: (value: unknown) => void }) {
  const shown = value === undefined ? '' : stringify(value, { flowCollectionPadding: false }).trimEnd();
  const [draft, setDraft] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(shown), [shown]);
  return (
    <>
      <textarea
        rows={Math.min(8, Math.max(2, draft.split('\n').length))}
        value={draft}
        readOnly={readOnly}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          try {
            onCommit(draft.trim() === '' ? undefined : parse(draft));
            setProblem(null);
          } catch (error) {
            setProblem(`not YAML: ${(error as Error).message.split('\n')[0]}`);
          }
        }}
      />
      {problem ? <span className="field-issue">{problem}</span> : null}
    </>
  );
}

function split(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

import { useEffect, useState } from 'react';
import { Field, ListInput, TextInput, YamlSnippet } from './FieldInputs';
import type { ActivityInfo, ActivityParameterInfo } from '../../../api/types';
import type { PlacedIssue } from './draftGraph';
import type { FieldPath, StepModel } from './runbookSource';

/** Privilege tags the shipped policy knows; any other tag may be typed. */
const privilegeTags = ['none', 'data-export', 'iam', 'infra', 'secrets'];
const failureOutcomes = new Set(['failed', 'timed_out', 'rejected', 'denied', 'expired']);

interface Props {
  step: StepModel;
  steps: StepModel[];
  activity: ActivityInfo | undefined;
  issues: PlacedIssue[];
  readOnly: boolean;
  onSet: (path: FieldPath, value: unknown) => void;
  onRename: (id: string) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
}

/**
 * The selected step's fields, from its activity's own parameter schema as the server describes it (so a new activity needs
 * no change here), plus the fields every step has: id, when, next, privileged, retry, timeout. Each change is written to the
 * YAML at once; the server's problems show under the field they are about.
 */
export function StepPanel({ step, steps, activity, issues, readOnly, onSet, onRename, onRemove, onMove }: Props) {
  const problemsOf = (path: FieldPath) => issues.filter((i) => i.path.length >= path.length && path.every((p, k) => i.path[k] === p)).map((i) => i.issue.message);
  const placedElsewhere = issues.filter((i) => i.path.length === 0 || !knownRoots(activity).has(String(i.path[0])));
  const outcomes = [...new Set([...(activity?.outcomes ?? ['done']), 'failed', ...Object.keys(step.next)])];

  return (
    <section className="step-panel" aria-label={`Step ${step.id}`} data-step-panel={step.id}>
      <div className="panel-head">
        <h2>
          {step.id || '(no id)'} <span className="muted">{step.uses}</span>
        </h2>
        {activity ? <p className="muted">{activity.description}</p> : <p className="error">Unknown activity '{step.uses}'.</p>}
        {!readOnly ? (
          <div className="panel-actions">
            <button type="button" onClick={() => onMove(-1)} disabled={step.index === 0}>
              Move up
            </button>
            <button type="button" onClick={() => onMove(1)} disabled={step.index === steps.length - 1}>
              Move down
            </button>
            <button type="button" className="reject" onClick={onRemove}>
              Delete step
            </button>
          </div>
        ) : null}
      </div>
      {placedElsewhere.map((p, i) => (
        <p key={i} className="error" role="alert">
          line {p.issue.line}: {p.issue.message}
        </p>
      ))}

      <Field label="Id" path={['id']} problems={problemsOf(['id'])}>
        <IdInput value={step.id} readOnly={readOnly} onRename={onRename} />
      </Field>

      <fieldset>
        <legend>Parameters ({step.uses})</legend>
        {(activity?.parameters ?? []).map((p) => (
          <Field key={p.name} label={p.name} path={['with', p.name]} hint={`${p.description}${p.required ? ' (required)' : ''}`} problems={problemsOf(['with', p.name])}>
            <ParameterInput parameter={p} value={step.with[p.name]} readOnly={readOnly} onCommit={(v) => onSet(['with', p.name], v)} />
          </Field>
        ))}
      </fieldset>

      <fieldset>
        <legend>Routing and limits</legend>
        <Field label="when" path={['when']} hint="CEL condition; the step is skipped when false" problems={problemsOf(['when'])}>
          <TextInput value={step.when ?? ''} readOnly={readOnly} onCommit={(v) => onSet(['when'], v)} />
        </Field>
        {outcomes.map((outcome) => (
          <Field key={outcome} label={`next: ${outcome}`} path={['next', outcome]} problems={problemsOf(['next', outcome])}
            hint={step.next[outcome] ? undefined : failureOutcomes.has(outcome) ? 'not routed: the run fails' : 'not routed: the following step'}>
            <select value={step.next[outcome] ?? ''} disabled={readOnly} onChange={(e) => onSet(['next', outcome], e.target.value || undefined)}>
              <option value="">(default)</option>
              {steps
                .filter((s) => s.index !== step.index && s.id)
                .map((s) => (
                  <option key={s.index} value={s.id}>
                    {s.id}
                  </option>
                ))}
              <option value="end">end</option>
            </select>
          </Field>
        ))}
        <Field label="privileged" path={['privileged']} hint={activity?.default_privilege ? `default for ${step.uses}: ${activity.default_privilege}` : 'what policy sees this step as'} problems={problemsOf(['privileged'])}>
          <TextInput value={step.privileged ?? ''} readOnly={readOnly} list="privilege-tags" onCommit={(v) => onSet(['privileged'], v)} />
          <datalist id="privilege-tags">
            {privilegeTags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </Field>
        <Field label="retry (attempts)" path={['retry']} problems={problemsOf(['retry'])}>
          <TextInput
            value={typeof step.retry === 'number' ? String(step.retry) : typeof step.retry === 'object' && step.retry ? String((step.retry as { max_attempts?: unknown }).max_attempts ?? '') : ''}
            readOnly={readOnly}
            onCommit={(v) => onSet(typeof step.retry === 'object' && step.retry ? ['retry', 'max_attempts'] : ['retry'], numberOr(v))}
          />
        </Field>
        <Field label="timeout" path={['timeout']} hint="30s, 5m, 1h" problems={problemsOf(['timeout'])}>
          <TextInput value={step.timeout ?? ''} readOnly={readOnly} onCommit={(v) => onSet(['timeout'], v)} />
        </Field>
      </fieldset>
    </section>
  );
}

function knownRoots(activity: ActivityInfo | undefined): Set<string> {
  return new Set(['id', 'uses', 'when', 'next', 'privileged', 'retry', 'timeout', ...(activity ? ['with'] : [])]);
}

/** The input a parameter's type calls for: a list as comma-separated values, a yes/no as a choice, structures as YAML. */
function ParameterInput({ parameter, value, readOnly, onCommit }: { parameter: ActivityParameterInfo; value: unknown; readOnly: boolean; onCommit: (value: unknown) => void }) {
  const type = parameter.type;
  if (type === 'bool')
    return (
      <select value={value === undefined ? '' : String(value)} disabled={readOnly} onChange={(e) => onCommit(e.target.value === '' ? undefined : e.target.value === 'true')}>
        <option value="">(default)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  if (type === 'int') return <TextInput value={value == null ? '' : String(value)} readOnly={readOnly} onCommit={(v) => onCommit(numberOr(v))} />;
  if (type === 'array' && (value === undefined || (Array.isArray(value) && value.every((v) => typeof v !== 'object'))))
    return (
      <ListInput value={(value as unknown[] | undefined)?.map(String) ?? []} readOnly={readOnly} onCommit={(items) => onCommit(items.length > 0 ? items : undefined)} />
    );
  if (type === 'object' || type === 'array' || type === 'any' || /[|<]/.test(type) || (value !== null && typeof value === 'object'))
    return <YamlSnippet value={value} readOnly={readOnly} onCommit={onCommit} />;
  return <TextInput value={value == null ? '' : String(value)} readOnly={readOnly} onCommit={(v) => onCommit(v)} />;
}

/** The step id is renamed (with the routes that name it) when the box is left, not on every keystroke. */
function IdInput({ value, readOnly, onRename }: { value: string; readOnly: boolean; onRename: (id: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() && draft.trim() !== value) onRename(draft.trim());
    else setDraft(value);
  };
  return (
    <input type="text" value={draft} readOnly={readOnly} spellCheck={false} onChange={(e) => setDraft(e.target.value)} onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()} />
  );
}

function numberOr(text: string): string | number | undefined {
  if (text.trim() === '') return undefined;
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

import type { PlacedIssue } from './draftGraph';
import { Field, ListInput, TextInput, YamlSnippet } from './FieldInputs';
import type { RunbookModel } from './runbookSource';

/** The runbook's own fields: title, description, owners (who decide when a gate names nobody) and the declared inputs. */
export function RunbookPanel({ model, issues, readOnly, onSet }: { model: RunbookModel; issues: PlacedIssue[]; readOnly: boolean; onSet: (key: string, value: unknown) => void }) {
  const outside = issues.filter((i) => i.step === null);
  const inputs = Object.fromEntries(
    model.inputs.map((i) => [
      i.name,
      Object.fromEntries(
        Object.entries({ type: i.type, required: i.required || undefined, default: i.default, description: i.description ?? undefined, classification: i.classification ?? undefined }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
    ]),
  );
  return (
    <section className="step-panel" aria-label="Runbook" data-runbook-panel>
      <div className="panel-head">
        <h2>
          {model.id} <span className="muted">runbook</span>
        </h2>
        <p className="muted">Select a step on the graph to edit it, or add one from the palette.</p>
      </div>
      {outside.map((p, i) => (
        <p key={i} className="error" role="alert">
          line {p.issue.line}: {p.issue.message}
        </p>
      ))}
      <Field label="title" path={['title']} problems={[]}>
        <TextInput value={model.title ?? ''} readOnly={readOnly} onCommit={(v) => onSet('title', v || undefined)} />
      </Field>
      <Field label="description" path={['description']} problems={[]}>
        <TextInput value={model.description ?? ''} readOnly={readOnly} onCommit={(v) => onSet('description', v || undefined)} />
      </Field>
      <Field label="owners" path={['owners']} hint="groups that decide when a gate names no approvers" problems={[]}>
        <ListInput value={model.owners} readOnly={readOnly} onCommit={(items) => onSet('owners', items.length > 0 ? items : undefined)} />
      </Field>
      <Field label="inputs" path={['inputs']} hint="name: { type, required, default, description, classification }" problems={[]}>
        <YamlSnippet value={model.inputs.length > 0 ? inputs : undefined} readOnly={readOnly} onCommit={(v) => onSet('inputs', v)} />
      </Field>
    </section>
  );
}

import { useState } from 'react';
import { client } from '../../../api/client';
import { navigate } from '../../../app/router';
import type { InputModel } from './runbookSource';

/**
 * Starts a run of the published version with inputs from a form generated from the runbook's input declarations, through the
 * same API (and the same permissions and policy) an agent uses; then opens the live run.
 */
export function DryRunForm({ runbookId, inputs }: { runbookId: string; inputs: InputModel[] }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(inputs.map((i) => [i.name, i.default == null || i.classification === 'secret' ? '' : String(i.default)])),
  );
  const [reason, setReason] = useState('dry run from the designer');
  const [problem, setProblem] = useState<string | null>(null);

  const start = async (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const typed = Object.fromEntries(
      inputs.filter((i) => values[i.name] !== '').map((i) => [i.name, convert(i.type, values[i.name])]),
    );
    const { data: started, error, response } = await client.POST('/api/runbooks/{runbookId}/runs', {
      params: { path: { runbookId } },
      body: { inputs: typed, reason },
    });
    if (started) return navigate(`/runs/${encodeURIComponent(started.run_id)}`);
    const body = (error ?? {}) as { detail?: string };
    setProblem(body.detail ?? `${response.status} ${response.statusText}`);
  };

  return (
    <form className="dry-run" onSubmit={start} data-dry-run>
      {inputs.length === 0 ? <p className="muted">This runbook takes no inputs.</p> : null}
      {inputs.map((input) => (
        <label key={input.name} className="field" data-input={input.name}>
          <span className="field-label">
            {input.name} <span className="muted">({input.type}{input.required ? ', required' : ''})</span>
          </span>
          <input
            type={input.classification === 'secret' ? 'password' : 'text'}
            value={values[input.name] ?? ''}
            required={input.required}
            onChange={(e) => setValues({ ...values, [input.name]: e.target.value })}
          />
          {input.description ? <span className="hint">{input.description}</span> : null}
        </label>
      ))}
      <label className="field">
        <span className="field-label">Reason</span>
        <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        Start a run
      </button>
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

function convert(type: string, text: string): unknown {
  if (type === 'int' && /^-?\d+$/.test(text)) return Number(text);
  if (type === 'number' && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (type === 'bool') return text === 'true';
  if (type === 'object' || type === 'array' || type === 'list') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addStep, connect, freshStepId, locate, moveStep, readRunbook, removeStep, renameStep, setRunbookField, setRunbookValue, setStepField } from './runbookSource';

// Every runbook the project ships, as Git holds it: what the editor must open and give back unchanged.
const shipped = import.meta.glob('../../../../../runbooks/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const runbooks = Object.entries(shipped).filter(([path]) => !path.endsWith('policies.yaml'));

const sample = `# Restart a service when the probe says so.
id: restart
version: 3          # raised by every save
title: Restart the web tier
owners: [platform-team]
steps:
  # Look first.
  - id: probe
    uses: http.request
    with: { url: "https://status.internal/web", keep_body: false }   # status only

  - id: ask
    uses: approval
    with:
      approvers: [group:sre]
      quorum: 2
      timeout: 30m
    # the on-call lead decides
  - id: restart
    uses: shell
    privileged: infra
    with:
      command: systemctl restart web
`;

function model(text: string) {
  const read = readRunbook(text);
  if (!read.ok) throw new Error(read.message);
  return read.model;
}

describe('the YAML is the model', () => {
  it('finds the shipped runbooks', () => {
    expect(runbooks.length).toBeGreaterThanOrEqual(5);
  });

  it.each(runbooks)('%s loads into the graph model with every step', (_, text) => {
    const read = readRunbook(text);
    expect(read.ok).toBe(true);
    const steps = (parse(text) as { steps: { id: string; uses: string }[] }).steps;
    expect(read.ok && read.model.steps.map((s) => [s.id, s.uses])).toEqual(steps.map((s) => [s.id, s.uses]));
  });

  it.each(runbooks)('%s saves back byte for byte when nothing was edited, and keeps its comments through an edit', (_, text) => {
    const steps = model(text).steps;
    // Setting a field to the value it has is an edit that changes nothing: the text must not move.
    expect(setStepField(text, 0, ['uses'], steps[0].uses)).toBe(text);
    const edited = setStepField(text, 0, ['when'], "inputs.dry_run == false");
    const before = parse(text) as { steps: Record<string, unknown>[] };
    const after = parse(edited) as { steps: Record<string, unknown>[] };
    expect(after.steps[0]).toEqual({ ...before.steps[0], when: 'inputs.dry_run == false' });
    expect({ ...after, steps: after.steps.slice(1) }).toEqual({ ...before, steps: before.steps.slice(1) });
    // Every comment line of the file is still there.
    for (const comment of text.split('\n').filter((l) => l.trim().startsWith('#'))) expect(edited).toContain(comment);
  });
});

describe('edits touch only what they change', () => {
  it('writes a scalar in place and leaves the rest of the line and file alone', () => {
    const edited = setStepField(sample, 1, ['with', 'quorum'], 1);
    expect(edited).toBe(sample.replace('quorum: 2', 'quorum: 1'));
  });

  it('writes into a flow map in place, quoting what would break it', () => {
    const edited = setStepField(sample, 0, ['with', 'url'], 'https://status.internal/web?a=1,b=2');
    expect(edited).toBe(sample.replace('"https://status.internal/web"', '"https://status.internal/web?a=1,b=2"'));
  });

  it('raises the version in place, keeping its comment', () => {
    expect(setRunbookField(sample, 'version', 4)).toBe(sample.replace('version: 3 ', 'version: 4 '));
  });

  it('adds a field by rewriting that step only', () => {
    const edited = setStepField(sample, 2, ['timeout'], '5m');
    expect(model(edited).steps[2].timeout).toBe('5m');
    const [head] = sample.split('  - id: restart');
    expect(edited.startsWith(head)).toBe(true);
  });

  it('removes a field and an emptied map with it', () => {
    const routed = connect(sample, 1, 'rejected', 'end');
    const unrouted = setStepField(routed, 1, ['next', 'rejected'], undefined);
    expect(model(unrouted).steps[1].next).toEqual({});
    expect(unrouted).not.toContain('next');
  });
});

describe('runbook fields', () => {
  it('declares inputs by rewriting only the inputs field, before the steps', () => {
    const edited = setRunbookValue(sample, 'inputs', { service: { type: 'string', required: true } });
    expect(model(edited).inputs).toEqual([{ name: 'service', type: 'string', required: true, default: undefined, description: null, classification: null }]);
    expect(edited).toBe(sample.replace('steps:\n', 'inputs:\n  service:\n    type: string\n    required: true\nsteps:\n'));
  });

  it('replaces a structured field in place and removes one', () => {
    const withOwners = setRunbookValue(sample, 'owners', ['platform-team', 'sre']);
    expect(withOwners).toBe(sample.replace('owners: [platform-team]\n', 'owners:\n  - platform-team\n  - sre\n'));
    expect(setRunbookValue(withOwners, 'owners', undefined)).toBe(sample.replace('owners: [platform-team]\n', ''));
  });

  it('writes a title in place', () => {
    expect(setRunbookValue(sample, 'title', 'Restart web')).toBe(sample.replace('title: Restart the web tier', 'title: Restart web'));
  });
});

describe('graph operations', () => {
  it('adds a step after another, with its required parameters to fill in', () => {
    const edited = addStep(sample, 0, 'notify-team', 'notify', ['message']);
    const steps = model(edited).steps;
    expect(steps.map((s) => s.id)).toEqual(['probe', 'notify-team', 'ask', 'restart']);
    expect(steps[1].with).toEqual({ message: '' });
    expect(edited).toContain('    with: { url: "https://status.internal/web", keep_body: false }   # status only\n');
  });

  it('adds a step at the end, keeping the last step as it was', () => {
    const edited = addStep(sample, null, 'report', 'notify');
    expect(model(edited).steps.map((s) => s.id)).toEqual(['probe', 'ask', 'restart', 'report']);
    expect(edited.startsWith(sample)).toBe(true);
  });

  it('adds the first step of an empty runbook', () => {
    const edited = addStep('id: blank\nversion: 1\nsteps: []\n', null, 'first', 'notify');
    expect(model(edited).steps.map((s) => s.id)).toEqual(['first']);
  });

  it('connects an outcome to a step', () => {
    const edited = connect(sample, 1, 'rejected', 'probe');
    expect(model(edited).steps[1].next).toEqual({ rejected: 'probe' });
    expect(edited).toContain('    # the on-call lead decides\n');
  });

  it('removes a step and the routes that led to it', () => {
    const routed = connect(sample, 0, 'failed', 'restart');
    const edited = removeStep(routed, 2);
    const steps = model(edited).steps;
    expect(steps.map((s) => s.id)).toEqual(['probe', 'ask']);
    expect(steps[0].next).toEqual({});
  });

  it('moves a step with its comments', () => {
    const edited = moveStep(sample, 2, -1);
    expect(model(edited).steps.map((s) => s.id)).toEqual(['probe', 'restart', 'ask']);
    expect(moveStep(edited, 1, 1)).toBe(sample);
  });

  it('renames a step and the routes that name it', () => {
    const routed = connect(sample, 0, 'failed', 'restart');
    const edited = renameStep(routed, 2, 'restart-web');
    expect(model(edited).steps.map((s) => s.id)).toEqual(['probe', 'ask', 'restart-web']);
    expect(model(edited).steps[0].next).toEqual({ failed: 'restart-web' });
  });

  it('names a new step after its activity without clashing', () => {
    expect(freshStepId(model(sample), 'http.request')).toBe('http-request');
    expect(freshStepId(model(sample), 'restart')).toBe('restart-2');
  });
});

describe('locating a server error', () => {
  it('finds the step and field of a line and column', () => {
    const line = sample.split('\n').findIndex((l) => l.includes('quorum')) + 1;
    expect(locate(sample, line, 16)).toEqual({ step: 1, path: ['with', 'quorum'] });
  });

  it('finds nothing outside the steps', () => {
    expect(locate(sample, 3, 1).step).toBeNull();
  });

  it('reports where YAML stops reading', () => {
    const read = readRunbook('id: x\nsteps:\n  - id: a\n   uses: [\n');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.line).toBeGreaterThan(1);
  });
});

import { describe, expect, it } from 'vitest';
import { draftGraph, placeIssues } from './draftGraph';
import { readRunbook } from './runbookSource';

const text = `id: probe
version: 1
owners: [sre]
steps:
  - id: ask
    uses: approval
    with: { approvers: [group:sre], quorum: 2, timeout: 30m }
  - id: call
    uses: http.request
    with:
      url: "{{ inputs.nope }}"
`;

function model() {
  const read = readRunbook(text);
  if (!read.ok) throw new Error(read.message);
  return read.model;
}

describe('the editor graph', () => {
  it('puts a server problem on the step and field of its line', () => {
    const placed = placeIssues(text, model(), [{ line: 11, column: 12, step: 'call', code: 'unknown-input', message: "input 'nope' is not declared" }]);
    expect(placed[0].step).toBe(1);
    expect(placed[0].path).toEqual(['with', 'url']);
  });

  it('shows the problem on the node and the gate as a gate', () => {
    const placed = placeIssues(text, model(), [{ line: 11, column: 12, step: 'call', code: 'unknown-input', message: "input 'nope' is not declared" }]);
    const graph = draftGraph(model(), null, placed, 0);
    expect(graph.nodes.map((n) => [n.id, n.type])).toEqual([
      ['ask', 'gate'],
      ['call', 'step'],
    ]);
    expect(graph.nodes[1].data.issues).toEqual(["input 'nope' is not declared"]);
    expect(graph.nodes[0].data.gate?.quorum).toBe(2);
    expect(graph.nodes[0].data.selected).toBe(true);
    expect(graph.edges.map((e) => [e.source, e.target, e.label])).toEqual([['ask', 'call', 'approved']]);
  });

  it('keeps two steps with the same id apart', () => {
    const read = readRunbook(text.replace('id: call', 'id: ask'));
    if (!read.ok) throw new Error(read.message);
    const ids = draftGraph(read.model, null, [], null).nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(2);
  });
});

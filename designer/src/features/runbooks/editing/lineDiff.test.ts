import { describe, expect, it } from 'vitest';
import { lineDiff } from './lineDiff';

describe('lineDiff', () => {
  it('marks nothing when the texts are equal', () => {
    expect(lineDiff('a\nb\n', 'a\nb\n').every((l) => l.kind === 'same')).toBe(true);
  });

  it('shows a changed line as removed then added, with both line numbers', () => {
    const diff = lineDiff('id: x\nversion: 1\nsteps: []\n', 'id: x\nversion: 2\nsteps: []\n').filter((l) => l.kind !== 'same');
    expect(diff).toEqual([
      { kind: 'removed', text: 'version: 1', oldLine: 2, newLine: null },
      { kind: 'added', text: 'version: 2', oldLine: null, newLine: 2 },
    ]);
  });

  it('finds an inserted step between unchanged ones', () => {
    const before = 'steps:\n  - id: a\n  - id: c\n';
    const after = 'steps:\n  - id: a\n  - id: b\n    uses: notify\n  - id: c\n';
    expect(lineDiff(before, after).filter((l) => l.kind === 'added').map((l) => l.text)).toEqual(['  - id: b', '    uses: notify']);
    expect(lineDiff(before, after).some((l) => l.kind === 'removed')).toBe(false);
  });
});

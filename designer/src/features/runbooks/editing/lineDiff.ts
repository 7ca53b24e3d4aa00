/** One line of a diff: kept in both, only in the old text, or only in the new. */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
  oldLine: number | null;
  newLine: number | null;
}

/**
 * The lines two versions of a runbook share and where they differ (longest common subsequence of lines; runbooks are
 * hand-written and small, so the quadratic table is fine up to a few thousand lines).
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // Common head and tail first: most edits touch a few lines in the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const lcs: number[][] = Array.from({ length: midA.length + 1 }, () => new Array<number>(midB.length + 1).fill(0));
  for (let i = midA.length - 1; i >= 0; i--)
    for (let j = midB.length - 1; j >= 0; j--) lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);

  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ kind: 'same', text: a[k], oldLine: k + 1, newLine: k + 1 });
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      out.push({ kind: 'same', text: midA[i], oldLine: head + i + 1, newLine: head + j + 1 });
      i++;
      j++;
    } else if (j < midB.length && (i >= midA.length || lcs[i][j + 1] > lcs[i + 1][j])) {
      out.push({ kind: 'added', text: midB[j], oldLine: null, newLine: head + j + 1 });
      j++;
    } else {
      out.push({ kind: 'removed', text: midA[i], oldLine: head + i + 1, newLine: null });
      i++;
    }
  }
  for (let k = 0; k < tail; k++) {
    const oldIndex = a.length - tail + k;
    const newIndex = b.length - tail + k;
    out.push({ kind: 'same', text: a[oldIndex], oldLine: oldIndex + 1, newLine: newIndex + 1 });
  }
  return out;
}

/** In the editor, what the server found wrong with a step, on its node: the first problem, and how many more. */
export function NodeIssues({ issues }: { issues: string[] | undefined }) {
  if (!issues || issues.length === 0) return null;
  return (
    <div className="issue" role="note" data-issue title={issues.join('\n')}>
      ⚠ {issues[0]}
      {issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}
    </div>
  );
}

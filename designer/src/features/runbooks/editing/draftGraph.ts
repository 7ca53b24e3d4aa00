import type { DraftIssue, PolicyExplanation, RunbookDetail } from '../../../api/types';
import { buildGraph, type RunbookGraph } from '../graph/buildGraph';
import { locate, type FieldPath, type RunbookModel } from './runbookSource';

/** A server problem placed in the draft: the step (index) and field it belongs to, when it belongs to one. */
export interface PlacedIssue {
  issue: DraftIssue;
  step: number | null;
  path: FieldPath;
}

/** Puts each problem the server found on its step and field, from its line and column in the text. */
export function placeIssues(text: string, model: RunbookModel, issues: DraftIssue[]): PlacedIssue[] {
  return issues.map((issue) => {
    const where = locate(text, issue.line, issue.column);
    const byId = issue.step ? model.steps.findIndex((s) => s.id === issue.step) : -1;
    return { issue, step: where.step ?? (byId >= 0 ? byId : null), path: where.path };
  });
}

/** The draft as the runbook detail the graph is built from: the same graph as the read-only view, from unsaved text. */
export function draftDetail(model: RunbookModel): RunbookDetail {
  return {
    id: model.id,
    version: model.version,
    title: model.title,
    description: model.description,
    owners: model.owners,
    steps: model.steps.map((s) => ({
      id: nodeId(model, s.index),
      uses: s.uses,
      privileged: s.privileged,
      when: s.when,
      next: s.next,
      approval:
        s.uses === 'approval'
          ? {
              approvers: Array.isArray(s.with.approvers) ? s.with.approvers.map(String) : typeof s.with.approvers === 'string' ? [s.with.approvers] : model.owners.map((o) => (o.includes(':') ? o : `group:${o}`)),
              quorum: s.with.quorum == null ? '1' : String(s.with.quorum),
              timeout: s.with.timeout == null ? null : String(s.with.timeout),
              escalations: Array.isArray(s.with.escalate) ? s.with.escalate.map((e) => `after ${(e as { after?: unknown })?.after ?? '?'}`) : [],
            }
          : null,
    })),
  } as RunbookDetail;
}

/** The editor's graph: the draft's steps with the policy preview, each node carrying its problems and whether it is selected. */
export function draftGraph(model: RunbookModel, explanation: PolicyExplanation | null, placed: PlacedIssue[], selected: number | null): RunbookGraph {
  const graph = buildGraph(draftDetail(model), explanation);
  graph.nodes.forEach((node, index) => {
    node.data.stepId = model.steps[index].id;
    node.data.issues = placed.filter((p) => p.step === index).map((p) => p.issue.message);
    node.data.selected = selected === index;
  });
  return graph;
}

/** A node id for every step, unique even while two steps share an id or one has none yet. */
export function nodeId(model: RunbookModel, index: number): string {
  const id = model.steps[index].id || `(step ${index + 1})`;
  return model.steps.findIndex((s) => (s.id || `(step ${s.index + 1})`) === id) === index ? id : `${id} (${index + 1})`;
}

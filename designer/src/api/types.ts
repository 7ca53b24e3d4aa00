// The server's JSON as the designer reads it, taken from the types generated from the server's OpenAPI document
// (src/api/schema.d.ts, written by the build: `npm run api`). Narrowed to the fields the designer uses, so pure code and
// its tests name only what they need.
import type { components } from './schema';

type Schemas = components['schemas'];

export type RunbookStep = Schemas['RunbookStep'];
export type RunbookDetail = Pick<Schemas['RunbookDetail'], 'id' | 'version' | 'title' | 'description' | 'owners' | 'steps'>;
export type RunbookList = Schemas['RunbookListResponse'];
export type ExplainedStep = Pick<Schemas['StepExplanation'], 'step_id' | 'decision' | 'rule' | 'gate' | 'message'>;
export interface PolicyExplanation {
  steps: ExplainedStep[];
}
export type RunView = Pick<Schemas['RunResponse'], 'id' | 'status' | 'current_steps' | 'waiting_for' | 'steps'>;
export type RunResponse = Schemas['RunResponse'];
export type RunList = Schemas['RunListResponse'];
export type ApprovalView = Schemas['ApprovalResponse'];
export type ApprovalList = Schemas['ApprovalListResponse'];
export type RunAudit = Schemas['RunAuditResponse'];
export type AuditVerification = Schemas['AuditVerifyResponse'];
export type ActivityInfo = Schemas['ActivityInfo'];
export type ActivityParameterInfo = Schemas['ActivityParameterInfo'];
export type DraftValidation = Schemas['DraftValidationResponse'];
export type DraftIssue = Schemas['DraftIssue'];
export type RunbookSource = Schemas['RunbookSourceResponse'];
export type RunbookHistory = Schemas['RunbookHistoryResponse'];
export type RunbookHistoryEntry = Schemas['RunbookHistoryEntry'];

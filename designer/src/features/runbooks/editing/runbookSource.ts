import { Document, isMap, isScalar, isSeq, parse, parseDocument, YAMLSeq, type YAMLMap } from 'yaml';

/**
 * The runbook's YAML text is the one model the designer edits: the graph is read from it, and every graph or panel edit is
 * a change of that text. A change rewrites only the part it touches (one scalar, or one step), so comments, key order and
 * layout everywhere else stay byte for byte what Git holds, and a reviewer's diff shows only the edit.
 */

/** One step as the graph and the side panel read it. */
export interface StepModel {
  index: number;
  id: string;
  uses: string;
  with: Record<string, unknown>;
  when: string | null;
  next: Record<string, string>;
  privileged: string | null;
  timeout: string | null;
  retry: unknown;
}

export interface InputModel {
  name: string;
  type: string;
  required: boolean;
  default: unknown;
  description: string | null;
  classification: string | null;
}

export interface RunbookModel {
  id: string;
  version: number;
  title: string | null;
  description: string | null;
  owners: string[];
  inputs: InputModel[];
  steps: StepModel[];
}

export type ReadResult = { ok: true; model: RunbookModel } | { ok: false; line: number; column: number; message: string };

/** Reads the text into the model the graph shows; a text YAML cannot read comes back with where it stopped. */
export function readRunbook(text: string): ReadResult {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const [line, column] = position(text, error.pos[0]);
    return { ok: false, line, column, message: error.message.split('\n')[0] };
  }
  const root = doc.toJS() as unknown;
  if (!isRecord(root)) return { ok: false, line: 1, column: 1, message: 'a runbook is a map of fields (id, version, steps...)' };
  const stepsRaw = Array.isArray(root.steps) ? root.steps : [];
  const inputsRaw = isRecord(root.inputs) ? root.inputs : {};
  return {
    ok: true,
    model: {
      id: str(root.id) ?? '',
      version: typeof root.version === 'number' ? root.version : Number(root.version) || 0,
      title: str(root.title),
      description: str(root.description),
      owners: Array.isArray(root.owners) ? root.owners.map(String) : typeof root.owners === 'string' ? [root.owners] : [],
      inputs: Object.entries(inputsRaw).map(([name, spec]) => {
        const s = isRecord(spec) ? spec : { type: String(spec ?? 'string') };
        return {
          name,
          type: str(s.type) ?? 'string',
          required: s.required === true,
          default: s.default,
          description: str(s.description),
          classification: str(s.classification),
        };
      }),
      steps: stepsRaw.map((raw: unknown, index: number) => {
        const s = isRecord(raw) ? raw : {};
        return {
          index,
          id: str(s.id) ?? '',
          uses: str(s.uses) ?? '',
          with: isRecord(s.with) ? s.with : {},
          when: str(s.when),
          next: isRecord(s.next) ? Object.fromEntries(Object.entries(s.next).map(([k, v]) => [k, String(v)])) : {},
          privileged: str(s.privileged),
          timeout: s.timeout == null ? null : String(s.timeout),
          retry: s.retry,
        };
      }),
    },
  };
}

/** A path inside one step: `['with', 'url']`, `['next', 'approved']`, `['when']`. */
export type FieldPath = (string | number)[];

/**
 * Sets (or, with `undefined` or an empty string, removes) a field of step `index`. A scalar replacing a scalar is written in
 * place; anything else rewrites that step alone.
 */
export function setStepField(text: string, index: number, path: FieldPath, value: unknown): string {
  const doc = parseStrict(text);
  const item = stepItem(doc, index);
  const remove = value === undefined || value === '';
  const current = item.getIn(path, true);
  if (!remove && isScalar(current) && isPlainValue(value) && current.range) {
    return splice(text, current.range[0], current.range[1], scalarText(value));
  }
  if (remove) {
    if (current === undefined) return text;
    item.deleteIn(path);
    // A map emptied by the removal (next: {} after the last route) goes too.
    const parentPath = path.slice(0, -1);
    if (parentPath.length > 0) {
      const parent = item.getIn(parentPath, true);
      if ((isMap(parent) || isSeq(parent)) && parent.items.length === 0) item.deleteIn(parentPath);
    }
  } else {
    item.setIn(path, doc.createNode(value));
  }
  return replaceStep(text, doc, index, item);
}

/** Sets a top-level scalar field such as `version` or `title`, in place when it exists. */
export function setRunbookField(text: string, key: string, value: string | number | boolean): string {
  const doc = parseStrict(text);
  const current = doc.get(key, true);
  if (isScalar(current) && current.range) return splice(text, current.range[0], current.range[1], scalarText(value));
  // A new top-level field goes on the line after `id:` (or first), where readers look for it.
  const idNode = doc.get('id', true);
  const line = `${key}: ${scalarText(value)}\n`;
  if (isScalar(idNode) && idNode.range) {
    const end = text.indexOf('\n', idNode.range[1]);
    return end < 0 ? `${text}\n${line}` : splice(text, end + 1, end + 1, line);
  }
  return line + text;
}

/**
 * Sets (or, with `undefined`, removes) a top-level field of any shape, such as `inputs` or `owners`: a scalar in place, a
 * structure by rewriting that one field; the rest of the file is untouched.
 */
export function setRunbookValue(text: string, key: string, value: unknown): string {
  if (value !== undefined && value !== '' && isPlainValue(value)) return setRunbookField(text, key, value);
  const doc = parseStrict(text);
  const pair = (doc.contents as YAMLMap | null)?.items?.find((p) => isScalar(p.key) && p.key.value === key);
  const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
  const valueNode = pair?.value as { range?: [number, number, number] } | null | undefined;
  if (value === undefined || value === '') {
    if (!keyRange) return text;
    const end = valueNode?.range ? lineEnd(text, valueNode.range[1]) : lineEnd(text, keyRange[1]);
    return splice(text, text.lastIndexOf('\n', keyRange[0] - 1) + 1, end, '');
  }
  const rendered = new Document({ [key]: value }).toString(stringifyOptions);
  if (!keyRange) {
    // A new field goes before `steps:`, where the runbook's own fields are.
    const steps = (doc.contents as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === 'steps');
    const at = steps && isScalar(steps.key) && steps.key.range ? text.lastIndexOf('\n', steps.key.range[0] - 1) + 1 : text.length;
    return splice(text, at, at, rendered);
  }
  const start = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
  const end = valueNode?.range ? lineEnd(text, valueNode.range[1]) : lineEnd(text, keyRange[1]);
  return splice(text, start, end, rendered);
}

// The offset just past the line `offset` ends in (offsets at a line start stay).
function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const eol = text.indexOf('\n', offset);
  return eol < 0 ? text.length : eol + 1;
}

/** Adds a step using `uses` after step `after` (at the end when null), named `id`, with its required parameters to fill in. */
export function addStep(text: string, after: number | null, id: string, uses: string, required: string[] = []): string {
  const doc = parseStrict(text);
  const steps = doc.get('steps', true);
  const step: Record<string, unknown> = { id, uses };
  if (required.length > 0) step.with = Object.fromEntries(required.map((name) => [name, '']));
  if (!isSeq(steps) || steps.items.length === 0 || steps.flow) {
    doc.set('steps', doc.createNode([...(isSeq(steps) ? (steps.toJSON() as unknown[]) : []), step]));
    return doc.toString(stringifyOptions);
  }
  const last = steps.items.length - 1;
  const position = after === null || after >= last ? last : after;
  const block = stepBlock(text, steps.items[position] as YAMLMap);
  const rendered = render(doc.createNode(step) as YAMLMap, block.indent);
  // Before the following step's line, so the step it follows keeps its trailing comments; after the list when last.
  if (position < last) {
    const at = stepBlock(text, steps.items[position + 1] as YAMLMap).lineStart;
    return splice(text, at, at, rendered);
  }
  let at = Math.max(block.contentEnd, steps.range?.[1] ?? block.contentEnd);
  at = text.lastIndexOf('\n', at - 1) + 1 === at ? at : text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return splice(text, at, at, prefix + rendered);
}

/** Removes step `index` and every `next` route that led to it. */
export function removeStep(text: string, index: number): string {
  const doc = parseStrict(text);
  const steps = doc.get('steps', true) as YAMLSeq;
  const removedId = String((steps.items[index] as YAMLMap).get('id') ?? '');
  // Routes first, from the last step up, so earlier offsets stay valid; then the step itself.
  let result = text;
  for (let i = steps.items.length - 1; i >= 0; i--) {
    if (i === index) continue;
    const next = readRunbookStrict(result).steps[i].next;
    for (const [outcome, target] of Object.entries(next)) if (target === removedId) result = setStepField(result, i, ['next', outcome], undefined);
  }
  const item = (parseStrict(result).get('steps', true) as YAMLSeq).items[index] as YAMLMap;
  const block = stepBlock(result, item);
  return splice(result, block.lineStart, block.contentEnd, '');
}

/** Moves step `index` one place up (-1) or down (+1), with its own comments. */
export function moveStep(text: string, index: number, delta: -1 | 1): string {
  const doc = parseStrict(text);
  const steps = doc.get('steps', true) as YAMLSeq;
  const other = index + delta;
  if (other < 0 || other >= steps.items.length) return text;
  const [first, second] = delta < 0 ? [other, index] : [index, other];
  const a = stepBlock(text, steps.items[first] as YAMLMap);
  const b = stepBlock(text, steps.items[second] as YAMLMap);
  const textA = text.slice(a.lineStart, a.contentEnd);
  const between = text.slice(a.contentEnd, b.lineStart);
  const textB = text.slice(b.lineStart, b.contentEnd);
  return text.slice(0, a.lineStart) + textB + between + textA + text.slice(b.contentEnd);
}

/** Routes `outcome` of step `index` to the step `target` (or `end`). */
export function connect(text: string, index: number, outcome: string, target: string): string {
  return setStepField(text, index, ['next', outcome], target);
}

/** Renames a step and every `next` route that names it. */
export function renameStep(text: string, index: number, newId: string): string {
  const model = readRunbookStrict(text);
  const oldId = model.steps[index].id;
  let result = setStepField(text, index, ['id'], newId);
  for (const step of model.steps)
    for (const [outcome, target] of Object.entries(step.next)) if (target === oldId) result = setStepField(result, step.index, ['next', outcome], newId);
  return result;
}

/** A step id not used yet, from the activity's name: `http-request`, `http-request-2`... */
export function freshStepId(model: RunbookModel, uses: string): string {
  const base = uses.replace(/[^a-z0-9]+/gi, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'step';
  const taken = new Set(model.steps.map((s) => s.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Where a line and column of the text are in the runbook: the step (index) and the field path inside it, if any. */
export function locate(text: string, line: number, column: number): { step: number | null; path: FieldPath } {
  const doc = parseDocument(text);
  const offset = offsetOf(text, line, column);
  const steps = doc.get('steps', true);
  if (!isSeq(steps)) return { step: null, path: [] };
  for (let i = 0; i < steps.items.length; i++) {
    const item = steps.items[i];
    if (!isMap(item) || !item.range) continue;
    const block = stepBlock(text, item);
    if (offset < block.lineStart || offset >= Math.max(block.contentEnd, item.range[2])) continue;
    return { step: i, path: pathAt(item, offset) };
  }
  return { step: null, path: [] };
}

/** The 1-based line and column of an offset. */
export function position(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return [line, offset - before.lastIndexOf('\n')];
}

const stringifyOptions = { flowCollectionPadding: false, lineWidth: 0 } as const;

function readRunbookStrict(text: string): RunbookModel {
  const read = readRunbook(text);
  if (!read.ok) throw new Error(`line ${read.line}: ${read.message}`);
  return read.model;
}

function parseStrict(text: string): Document.Parsed {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`the YAML has an error to fix first: ${doc.errors[0].message.split('\n')[0]}`);
  return doc;
}

function stepItem(doc: Document.Parsed, index: number): YAMLMap {
  const steps = doc.get('steps', true);
  const item = isSeq(steps) ? steps.items[index] : undefined;
  if (!isMap(item)) throw new Error(`there is no step ${index + 1}`);
  return item;
}

/**
 * Where step `item` sits in the text: from the start of its dash's line to the end of its last value (its trailing comments
 * stay outside, so they survive a rewrite), and the dash's indentation.
 */
function stepBlock(text: string, item: YAMLMap): { lineStart: number; contentEnd: number; indent: number } {
  const start = item.range![0];
  let dash = start - 1;
  while (dash >= 0 && text[dash] !== '-') dash--;
  const lineStart = text.lastIndexOf('\n', dash) + 1;
  let contentEnd = item.range![1];
  if (contentEnd > 0 && text[contentEnd - 1] !== '\n') {
    const eol = text.indexOf('\n', contentEnd);
    contentEnd = eol < 0 ? text.length : eol + 1;
  }
  return { lineStart, contentEnd, indent: dash - lineStart };
}

function replaceStep(text: string, doc: Document.Parsed, index: number, edited: YAMLMap): string {
  const steps = doc.get('steps', true) as YAMLSeq;
  if (steps.flow) return doc.toString(stringifyOptions);
  const original = parseStrict(text);
  const block = stepBlock(text, stepItem(original, index));
  const rendered = render(edited, block.indent);
  const keepsNoNewline = text[block.contentEnd - 1] !== '\n';
  return splice(text, block.lineStart, block.contentEnd, keepsNoNewline ? rendered.replace(/\n$/, '') : rendered);
}

// One step written as a sequence entry at `indent`; the comments outside its block are not repeated.
function render(item: YAMLMap, indent: number): string {
  const copy = item.clone() as YAMLMap;
  copy.commentBefore = undefined;
  copy.comment = undefined;
  copy.spaceBefore = false;
  const seq = new YAMLSeq();
  seq.items.push(copy);
  const body = new Document(seq).toString(stringifyOptions);
  const pad = ' '.repeat(Math.max(0, indent));
  return body
    .split('\n')
    .map((line) => (line.length > 0 ? pad + line : line))
    .join('\n');
}

function pathAt(node: unknown, offset: number): FieldPath {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key : null;
      const value = pair.value as { range?: [number, number, number] } | null;
      const from = key?.range?.[0] ?? 0;
      const to = value?.range?.[2] ?? key?.range?.[2] ?? from;
      if (offset >= from && offset <= to) return [String(key?.value ?? ''), ...pathAt(pair.value, offset)];
    }
  }
  if (isSeq(node))
    for (let i = 0; i < node.items.length; i++) {
      const range = (node.items[i] as { range?: [number, number, number] }).range;
      if (range && offset >= range[0] && offset <= range[2]) return [i, ...pathAt(node.items[i], offset)];
    }
  return [];
}

function isPlainValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

// A string stays plain when YAML reads it back as the same string and it cannot break a flow map; otherwise double quotes.
function scalarText(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const plainSafe = /^[^\s#,[\]{}&*!|>'"%@`:-][^#,[\]{}:]*$/.test(value) && !/\s$/.test(value);
  if (plainSafe) {
    try {
      if (parse(value) === value) return value;
    } catch {
      // not plain, quoted below
    }
  }
  return JSON.stringify(value);
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const eol = text.indexOf('\n', offset);
    if (eol < 0) return text.length;
    offset = eol + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

function str(value: unknown): string | null {
  return value == null ? null : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * The runbook's YAML in CodeMirror 6, side by side with the graph. Typing changes the text (and so the graph); a graph edit
 * replaces the text here, keeping the cursor where it can. Problems from the server show in the gutter at their line.
 */
export function YamlEditor({ text, onChange, problems, readOnly }: { text: string; onChange: (text: string) => void; problems: YamlProblem[]; readOnly: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  // Set while the text from outside is applied, so that change is not reported back as typing.
  const applying = useRef(false);

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          EditorState.readOnly.of(readOnly),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !applying.current) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is created once; text and problems reach it through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current === text) return;
    // Only the changed middle is replaced, so the cursor and scroll stay put for an edit elsewhere.
    let start = 0;
    while (start < current.length && start < text.length && current[start] === text[start]) start++;
    let endCurrent = current.length;
    let endText = text.length;
    while (endCurrent > start && endText > start && current[endCurrent - 1] === text[endText - 1]) {
      endCurrent--;
      endText--;
    }
    applying.current = true;
    try {
      editor.dispatch({ changes: { from: start, to: endCurrent, insert: text.slice(start, endText) } });
    } finally {
      applying.current = false;
    }
  }, [text]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const doc = editor.state.doc;
    const diagnostics: Diagnostic[] = problems
      .filter((p) => p.line >= 1 && p.line <= doc.lines)
      .map((p) => {
        const line = doc.line(p.line);
        const from = Math.min(line.to, line.from + Math.max(0, p.column - 1));
        return { from, to: Math.max(from, line.to), severity: 'error', message: p.message };
      });
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [problems, text]);

  return <div className="yaml-editor" ref={host} aria-label="Runbook YAML" data-yaml-editor />;
}

// The TOML source editor of `gongwen serve`: CodeMirror with TOML highlighting, completion of
// the plan's keys (from the schema) and the findings as inline marks. Bundled by esbuild into
// src/serve/assets/editor.js; the page calls GongwenEditor.create().
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { toml } from "@codemirror/legacy-modes/mode/toml";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { autocompletion } from "@codemirror/autocomplete";

// Offsets of a 1-based line and character column (gongwen's columns count characters;
// CodeMirror's offsets count UTF-16 units, which differ only outside the BMP).
function offset(doc, line, column) {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  let units = 0;
  let chars = 1;
  for (const ch of l.text) {
    if (chars >= column) break;
    units += ch.length;
    chars += 1;
  }
  return l.from + units;
}

// The editor's own words in Chinese: the search panel (Ctrl+F), go to line, the lint panel.
const CHINESE = EditorState.phrases.of({
  Find: "查找",
  Replace: "替换",
  next: "下一个",
  previous: "上一个",
  all: "全部",
  "match case": "区分大小写",
  regexp: "正则表达式",
  "by word": "整词",
  replace: "替换",
  "replace all": "全部替换",
  close: "关闭",
  "current match": "当前匹配",
  "on line": "在第几行",
  "replaced $ matches": "已替换 $ 处",
  "replaced match on line $": "已替换第 $ 行的匹配",
  "Go to line": "转到行",
  go: "转到",
  Completions: "补全",
  Diagnostics: "检查结果",
  "No diagnostics": "没有发现问题",
  "Selection deleted": "已删除选中内容",
  "folded code": "已折叠的代码",
  unfold: "展开",
  to: "至",
  "Control character": "控制字符",
});

export function create(parent, { doc, onChange, keys }) {
  // Keys complete at the start of a line: "name = " with the schema's label as detail.
  const complete = (ctx) => {
    const word = ctx.matchBefore(/^\s*[A-Za-z_]*/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    const start = word.text.length - word.text.trimStart().length;
    return {
      from: word.from + start,
      options: keys.map((k) => ({ label: k.key, detail: k.label, apply: `${k.key} = `, type: "property" })),
      validFor: /^[A-Za-z_]*$/,
    };
  };
  let quiet = false;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        CHINESE,
        StreamLanguage.define(toml),
        lintGutter(),
        autocompletion({ override: [complete] }),
        EditorView.lineWrapping,
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !quiet) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    get: () => view.state.doc.toString(),
    // Replaces the text without reporting it as the clerk's edit.
    set(text) {
      if (text === view.state.doc.toString()) return;
      quiet = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      quiet = false;
    },
    findings(list) {
      const doc = view.state.doc;
      const marks = list.map((f) => {
        const from = offset(doc, f.line, f.column);
        let to = offset(doc, f.end_line, f.end_column);
        if (to <= from) to = Math.min(from + 1, doc.length);
        const severity = f.severity === "error" ? "error" : f.severity === "warning" ? "warning" : "info";
        return { from, to, severity, source: f.code, message: `${f.message}\n提示：${f.hint}` };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
    goto(line, column) {
      const at = offset(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
  };
}

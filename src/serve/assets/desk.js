// What a clerk used to WPS expects of the page, beside app.js's work: 打印 (the PDF, not the
// screen), 帮助 (the guide), undo and redo of form edits across the page, and the preview's zoom.
// Uses app.js's globals (doc, update, flush, call, el, $, toast, ask, editor).

// ───────────── undo and redo ─────────────
// Each form edit the plan took is a step: the text before it is kept. Typing in the source has
// CodeMirror's own undo there, and starts the form's history afresh (a step back over it would
// undo the typing too).
const history = { undo: [], redo: [] };

function stepTaken(before) {
  history.undo.push(before);
  if (history.undo.length > 200) history.undo.shift();
  history.redo = [];
  undoButtons();
}

function historyCleared() {
  history.undo = [];
  history.redo = [];
  undoButtons();
}

function undoButtons() {
  $("undo").disabled = !history.undo.length;
  $("redo").disabled = !history.redo.length;
}

async function undoRedo(back) {
  await flush();
  const [from, to] = back ? [history.undo, history.redo] : [history.redo, history.undo];
  if (!from.length) return toast(back ? "没有可撤销的表单修改" : "没有可重做的修改", true);
  to.push(doc.source);
  doc.source = from.pop();
  editor.set(doc.source);
  undoButtons();
  await update([]);
}

// Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) outside the source editor and outside a field being typed in
// (a field undoes its own typing first, as any text box does).
function undoKeys(e) {
  if (!(e.ctrlKey || e.metaKey) || $("edit-view").hidden) return;
  const key = e.key.toLowerCase();
  const back = key === "z" && !e.shiftKey;
  const forward = key === "y" || (key === "z" && e.shiftKey);
  if (!back && !forward) return;
  if (document.activeElement && document.activeElement.closest("#source")) return;
  if (typing()) return;
  e.preventDefault();
  undoRedo(back);
}

// ───────────── print ─────────────
// The notice's PDF into a hidden frame, then the browser's print dialog for it.
async function printPdf() {
  await flush();
  let file;
  try {
    file = await call("/api/pdf", { path: doc.path, source: doc.source });
  } catch (e) {
    return toast(e.message, true);
  }
  const frame = $("print-frame");
  if (frame.src) URL.revokeObjectURL(frame.src);
  frame.onload = () => {
    try {
      frame.contentWindow.print();
    } catch {
      toast("浏览器不能直接打印：请点「生成 PDF」，打开下载的文件再打印", true);
    }
  };
  frame.src = URL.createObjectURL(file.blob);
  toast("正在打开打印对话框…");
}

// ───────────── help ─────────────
// The guide (docs/使用说明.md, served by gongwen) as text: headings, paragraphs, lists, tables,
// code; built as elements, never as HTML from the file.
async function help() {
  let text;
  try {
    const r = await fetch("/guide.md");
    text = await r.text();
  } catch {
    return toast("使用说明打不开：gongwen 可能已经停止", true);
  }
  await ask("使用说明", el("div", { class: "guide" }, markdown(text)), [["关闭", ""]]);
}

function inline(text) {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).filter(Boolean).map((part) =>
    part.startsWith("**") ? el("strong", { text: part.slice(2, -2) })
      : part.startsWith("`") ? el("code", { text: part.slice(1, -1) })
        : document.createTextNode(part.replace(/!\[[^\]]*\]\([^)]*\)/g, "")));
}

function markdown(text) {
  const out = [];
  let list = null;
  let table = null;
  let code = null;
  for (const line of text.split("\n")) {
    if (code) {
      if (line.trim().startsWith("```")) {
        out.push(el("pre", { text: code.join("\n") }));
        code = null;
      } else code.push(line);
      continue;
    }
    if (line.trim().startsWith("```")) { code = []; continue; }
    const item = /^\s*([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (!item) list = null;
    if (!line.startsWith("|")) table = null;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) out.push(el(`h${Math.min(heading[1].length + 1, 6)}`, {}, inline(heading[2])));
    else if (item) {
      // A numbered list broken by a code block goes on from its own number.
      const n = parseInt(item[1], 10);
      if (!list) out.push((list = el(n ? "ol" : "ul", n ? { start: n } : {})));
      list.append(el("li", {}, inline(item[2])));
    } else if (line.startsWith("|")) {
      if (/^\|[\s:|-]+\|$/.test(line.trim())) continue;
      if (!table) out.push((table = el("table")));
      table.append(el("tr", {}, line.trim().slice(1, -1).split("|").map((c) => el("td", {}, inline(c.trim())))));
    } else if (line.trim() && !/^!\[/.test(line.trim())) out.push(el("p", {}, inline(line)));
  }
  return out;
}

// ───────────── zoom ─────────────
function zoom() {
  const z = $("zoom").value;
  $("pages").classList.toggle("zoomed", z !== "1");
  $("pages").style.setProperty("--zoom", z);
}

window.addEventListener("DOMContentLoaded", () => {
  $("undo").addEventListener("click", () => undoRedo(true));
  $("redo").addEventListener("click", () => undoRedo(false));
  $("print").addEventListener("click", printPdf);
  $("help").addEventListener("click", help);
  $("zoom").addEventListener("change", zoom);
  document.addEventListener("keydown", undoKeys);
  undoButtons();
});

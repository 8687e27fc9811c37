// gongwen serve: the page. Plain JavaScript; every figure, rule and layout comes from the
// server (the same library as the CLI). The page only shows and sends.
"use strict";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid);
  return e;
};

// ───────────── requests ─────────────
async function call(path, body, raw) {
  const opts = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": raw ? "application/octet-stream" : "application/json" },
    body: raw ? body : JSON.stringify(body),
  };
  let r;
  try {
    r = await fetch(path, opts);
  } catch {
    throw new Error("连接不上 gongwen：它可能已经停止。请重新运行 gongwen serve，用它新打印的地址打开");
  }
  const kind = r.headers.get("Content-Type") || "";
  if (!kind.startsWith("application/json")) {
    if (!r.ok) throw new Error(`请求失败（${r.status}）`);
    return { blob: await r.blob(), name: fileName(r) };
  }
  const data = await r.json();
  if (!r.ok) throw Object.assign(new Error(data.error || `请求失败（${r.status}）`), { status: r.status, data });
  return data;
}

function fileName(r) {
  const m = /filename\*=UTF-8''([^;]+)/.exec(r.headers.get("Content-Disposition") || "");
  return m ? decodeURIComponent(m[1]) : "download";
}

function download({ blob, name }) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

let toastTimer;
function toast(text, bad) {
  const t = $("toast");
  t.textContent = text;
  t.className = bad ? "bad" : "";
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), bad ? 8000 : 4000);
}

// A modal with buttons; resolves to the chosen button's value ("" when closed).
function ask(title, body, buttons) {
  const d = $("dialog");
  $("dialog-title").textContent = title;
  $("dialog-body").replaceChildren(...(Array.isArray(body) ? body : [body]));
  $("dialog-buttons").replaceChildren(
    ...buttons.map(([label, value, cls]) => el("button", { value, class: cls || "", text: label })),
  );
  d.returnValue = "";
  d.showModal();
  return new Promise((done) => d.addEventListener("close", () => done(d.returnValue), { once: true }));
}

const list = (items) => el("ul", {}, items.map((t) => el("li", { text: t })));

// ───────────── the plans ─────────────
async function showPlans() {
  $("plans-view").hidden = false;
  $("edit-view").hidden = true;
  $("actions").hidden = true;
  $("where").textContent = "";
  document.title = "gongwen 公文";
  doc.issued = null;
  $("issued").hidden = true;
  $("state").textContent = "";
  $("state").className = "state";
  const data = await call("/api/plans");
  $("folder").textContent = `文件夹：${data.folder}`;
  const rows = data.plans.map((p) => {
    const state = p.errors ? `${p.errors} 个错误` : p.warnings ? `${p.warnings} 个警告` : "无错误";
    return el("tr", {},
      el("td", {}, el("a", { href: `#edit=${encodeURIComponent(p.path)}`, text: p.path })),
      el("td", { text: p.title }),
      el("td", { text: p.doc_number }),
      el("td", {}, el("span", { class: `state ${p.errors ? "bad" : p.warnings ? "warn" : "ok"}`, text: state })),
      el("td", { text: p.issued ? `已印发 v${p.issued}` : "未印发" }),
      el("td", {},
        el("button", { onclick: () => (location.hash = `edit=${encodeURIComponent(p.path)}`), text: "打开" }), " ",
        el("button", { onclick: () => newFrom(p.path, p.year), text: "以此为底稿新建" })));
  });
  $("plans").replaceChildren(...rows);
  if (!rows.length) $("plans").append(el("tr", {}, el("td", { colspan: 6, text: "这个文件夹里还没有计划文件（.toml）。" })));
}

async function newFrom(path, baseYear) {
  // The year after the base plan's (a 2023 plan is the draft of 2024's, whatever today's date).
  const year = el("input", { type: "number", min: 2000, max: 2100, value: (baseYear || new Date().getFullYear()) + 1 });
  const go = await ask("以此为底稿新建", [el("p", { text: `底稿：${path}` }), el("label", {}, "新计划的年度：", year)],
    [["取消", ""], ["新建", "ok", "primary"]]);
  if (go !== "ok") return;
  try {
    const r = await call("/api/new", { from: path, year: Number(year.value) });
    toast(`已新建 ${r.path}`);
    location.hash = `edit=${encodeURIComponent(r.path)}`;
  } catch (e) {
    toast(e.message, true);
  }
}

// ───────────── one plan ─────────────
const doc = {
  path: "",
  base: null, // hash of the text as saved on disk
  saved: "", // that text
  source: "",
  form: null,
  findings: [],
  errors: 0,
  pages: new Map(), // hash → element
};
let editor = null;
let schema = null;
let formShape = "";

async function openPlan(path) {
  $("plans-view").hidden = true;
  $("edit-view").hidden = false;
  $("actions").hidden = false;
  $("where").textContent = path;
  if (!schema) schema = await call("/api/schema");
  const r = await call(`/api/open?path=${encodeURIComponent(path)}`);
  Object.assign(doc, { path, base: r.hash, saved: r.source, source: r.source, form: null });
  historyCleared();
  doc.pages.clear();
  $("pages").replaceChildren();
  formShape = "";
  if (!editor) {
    editor = GongwenEditor.create($("source"), {
      doc: r.source,
      keys: schemaKeys(),
      onChange: (text) => {
        doc.source = text;
        historyCleared();
        markDirty();
        scheduleUpdate();
      },
    });
  } else {
    editor.set(r.source);
  }
  markDirty();
  await update([]);
}

let timer;
function scheduleUpdate() {
  clearTimeout(timer);
  timer = setTimeout(() => update([]), 250);
}

// Sends the text (and the form's edits) and shows what comes back. Updates run one after
// another, each on the text the previous one left, so no edit is lost to a race. If the clerk
// typed in the source meanwhile, the answer is dropped (a newer one is on its way) and the
// form's edits, which name fields, not offsets, are made again on the newer text.
let chain = Promise.resolve();
function update(edits) {
  const run = chain.then(() => send(edits));
  chain = run.catch(() => {});
  return run;
}

async function send(edits) {
  const sent = doc.source;
  let r;
  try {
    r = await call("/api/update", { path: doc.path, source: sent, edits, known: [...doc.pages.keys()] });
  } catch (e) {
    toast(e.message, true);
    if (e.status === 422) refused(edits, e.message);
    return;
  }
  if (doc.source !== sent) return edits.length ? send(edits) : undefined;
  if (edits.length && r.source !== sent) stepTaken(sent);
  if (r.source !== doc.source) {
    doc.source = r.source;
    editor.set(r.source);
  }
  doc.findings = r.findings;
  doc.errors = r.errors;
  doc.placeholders = r.placeholders;
  doc.issued = r.issued;
  if (r.form) {
    doc.form = r.form;
    renderForm();
  }
  renderFindings(r);
  renderPages(r.pages, r.render_problems);
  markDirty();
}

function markDirty() {
  const dirty = doc.source !== doc.saved;
  // The tab says which plan, and that it has unsaved changes, as an office program's does.
  document.title = `${dirty ? "● " : ""}${doc.path.split("/").pop()} — gongwen 公文`;
  $("issued").hidden = !doc.issued;
  $("issued").textContent = doc.issued ? `已印发 v${doc.issued}` : "";
  $("save").textContent = dirty ? "保存 *" : "保存";
  $("save").classList.toggle("primary", dirty);
  const s = $("state");
  if (doc.errors) {
    s.textContent = `${doc.errors} 个错误`;
    s.className = "state bad";
  } else {
    const w = doc.findings.filter((f) => f.severity === "warning").length;
    s.textContent = w ? `${w} 个警告` : "无错误";
    s.className = `state ${w ? "warn" : "ok"}`;
  }
}

// ───────────── preview ─────────────
function renderPages(pages, problems) {
  const box = $("pages");
  if (!pages) {
    box.classList.add("stale");
    $("preview-note").hidden = false;
    $("preview-note").textContent = problems && problems.length
      ? `排版失败：${problems.join("；")}`
      : doc.pages.size
        ? "计划有错误：预览是上一次没有错误时的样子。改正左侧列出的错误后，预览自动更新。"
        : "计划有错误，还不能预览：改正左侧列出的错误后，预览自动出现。";
    return;
  }
  box.classList.remove("stale");
  // Pages of a plan still holding 待填写: shown, with the placeholders where they stand.
  $("preview-note").hidden = !doc.placeholders;
  $("preview-note").textContent = doc.placeholders
    ? `还有 ${doc.placeholders} 处“待填写”：预览中它们照原样印出，填好后才能生成 PDF、印发。`
    : "";
  const next = new Map();
  const els = pages.map((p, i) => {
    let e = doc.pages.get(p.hash);
    if (!e || p.svg) {
      e = el("div", { class: "page", "data-hash": p.hash });
      if (p.svg) e.innerHTML = p.svg;
      else later(e, p.hash);
    }
    e.setAttribute("data-page", i + 1);
    next.set(p.hash, e);
    return e;
  });
  box.replaceChildren(...els);
  // A page still to be fetched is not yet shown: the next update may send it.
  doc.pages = new Map([...next].filter(([, e]) => !e.classList.contains("later")));
}

// A page the reply left out (past its size budget): fetched when it is scrolled into view.
const pending = new IntersectionObserver((seen) => {
  for (const s of seen) {
    if (!s.isIntersecting) continue;
    const e = s.target;
    pending.unobserve(e);
    fetch(`/api/page?hash=${e.dataset.hash}`).then((r) => (r.ok ? r.text() : Promise.reject()))
      .then((svg) => {
        e.innerHTML = svg;
        e.classList.remove("later");
        doc.pages.set(e.dataset.hash, e);
      })
      .catch(() => scheduleUpdate());
  }
}, { rootMargin: "600px" });

function later(e, hash) {
  e.classList.add("later");
  e.dataset.hash = hash;
  pending.observe(e);
}

// ───────────── findings ─────────────
function renderFindings(r) {
  $("findings-title").textContent = r.findings.length
    ? `检查结果：${r.errors} 个错误，${r.warnings} 个警告`
    : "检查结果：没有发现问题";
  $("findings").replaceChildren(...r.findings.map((f) =>
    el("li", { onclick: () => goTo(f), "data-code": f.code },
      el("span", { class: `sev ${f.severity}`, text: { error: "错误", warning: "警告", accepted: "已接受" }[f.severity] }),
      el("span", { class: "line", text: `第${f.line}行 ` }),
      placeOf(f) ? el("span", { class: "place", text: `${placeOf(f)}：` }) : null,
      el("span", { text: f.message }), " ",
      f.acceptable && f.severity !== "accepted"
        ? el("button", { type: "button", class: "small link", text: "接受…", title: "确认无误：写明理由后接受", onclick: (e) => { e.stopPropagation(); acceptFinding(f); } })
        : null,
      f.code === "sum-funding" || f.code === "sum-subtotal"
        ? el("button", { type: "button", class: "small link", text: "看各项目金额", onclick: (e) => { e.stopPropagation(); toAmounts(f); } })
        : null,
      el("span", { class: "code", text: f.code }),
      el("span", { class: "hint", text: `提示：${f.hint}` }))));
  editor.findings(r.findings.filter((f) => f.line > 0));
  document.querySelectorAll("#form .has-error").forEach((e) => e.classList.remove("has-error"));
  for (const f of r.findings) {
    if (f.severity !== "error" || !f.path) continue;
    document.querySelectorAll(`#form [data-fpath="${CSS.escape(f.path)}"]`).forEach((e) => e.classList.add("has-error"));
  }
}

// Where a finding is, as the form names it: the field's label, and for a project its category
// and number ("（一）产业合作 第2个项目 · 规划投资"); the source view shows the line instead.
function placeOf(f) {
  if (!f.path || !schema) return "";
  const key = (/([A-Za-z_]+)(?:\[\d+\])?$/.exec(f.path) || [])[1];
  const def = /allocations\[\d+\]\.amount$/.test(f.path) ? defs().Allocation.properties.amount : null;
  const title = def ? def.title : key && (schemaKeys().find((k) => k.key === key) || {}).label;
  const row = /^(.*(projects|allocations))\[(\d+)\]/.exec(f.path);
  const group = row && doc.form && doc.form.groups.find((g) => fpath(g.path) === row[1]);
  const noun = row && row[2] === "allocations" ? "单位" : "项目";
  const where = row ? `${group && row[2] === "projects" ? `${group.label} ` : ""}第${Number(row[3]) + 1}个${noun}` : "";
  return [where, key === "projects" || key === "allocations" ? "" : title].filter(Boolean).join(" · ");
}

// A sum that does not add up: the amounts it adds, marked in the grid (the figure it is
// compared with is one click on the finding itself).
function toAmounts(f) {
  showTab("form");
  const scope = f.code === "sum-subtotal" && f.path ? f.path.replace(/\.subtotal$/, ".projects") : "";
  const boxes = [...document.querySelectorAll('#form input[data-fpath$=".amount"]')]
    .filter((e) => /(projects|allocations)\[\d+\]\.amount$/.test(e.dataset.fpath) && e.dataset.fpath.startsWith(scope));
  if (!boxes.length) return;
  boxes[0].scrollIntoView({ block: "center" });
  boxes.forEach((b) => b.classList.add("focus-ring"));
  setTimeout(() => boxes.forEach((b) => b.classList.remove("focus-ring")), 2500);
}

// A finding goes to its field in the form when the form shows it, else to its line.
function goTo(f) {
  const row = f.path && /^(.*projects\[\d+\])\./.exec(f.path);
  const details = row && document.querySelector(`#form [data-details="${CSS.escape(row[1])}"]`);
  if (details && details.hidden && details.querySelector(`[data-fpath="${CSS.escape(f.path)}"]`)) {
    details.hidden = false;
    openRows.add(row[1]);
  }
  const field = f.path && document.querySelector(`#form [data-fpath="${CSS.escape(f.path)}"]`);
  if (field && !$("form").hidden) {
    field.scrollIntoView({ block: "center" });
    field.focus();
    field.classList.add("focus-ring");
    setTimeout(() => field.classList.remove("focus-ring"), 1500);
    return;
  }
  showTab("source");
  editor.goto(f.line, f.column);
}

function showTab(which) {
  // The findings speak the view's language: labels beside the form, lines and codes beside
  // the source.
  $("findings-box").classList.toggle("by-field", which === "form");
  $("form").hidden = which !== "form";
  $("source").hidden = which !== "source";
  $("tab-form").classList.toggle("on", which === "form");
  $("tab-source").classList.toggle("on", which === "source");
  if (which === "source") editor.view.requestMeasure();
}

// ───────────── the panes ─────────────
// The form's width is the clerk's to set (dragged, or ←/→ on the divider) and kept; the preview
// can be hidden, and starts hidden on a window too narrow for both (a 1024-pixel screen).
function panes() {
  const left = document.querySelector(".left");
  const stored = (k) => { try { return localStorage.getItem(k); } catch { return null; } };
  const store = (k, v) => { try { localStorage.setItem(k, v); } catch { /* private mode */ } };
  const setWidth = (px) => {
    const w = Math.max(360, Math.min(px, window.innerWidth - 280));
    left.style.setProperty("--left", `${w}px`);
    return w;
  };
  const width = Number(stored("gongwen.left"));
  if (width) setWidth(width);
  const showPreview = (on) => {
    document.body.classList.toggle("no-preview", !on);
    $("toggle-preview").textContent = on ? "隐藏预览" : "显示预览";
  };
  const hide = stored("gongwen.preview");
  showPreview(hide ? hide === "on" : window.innerWidth >= 1100);
  $("toggle-preview").addEventListener("click", () => {
    const on = document.body.classList.contains("no-preview");
    showPreview(on);
    store("gongwen.preview", on ? "on" : "off");
  });
  const split = $("splitter");
  split.addEventListener("pointerdown", (e) => {
    split.setPointerCapture(e.pointerId);
    const grab = e.clientX - left.getBoundingClientRect().width;
    const move = (m) => setWidth(m.clientX - grab);
    const up = () => {
      split.removeEventListener("pointermove", move);
      store("gongwen.left", String(left.getBoundingClientRect().width));
    };
    split.addEventListener("pointermove", move);
    split.addEventListener("pointerup", up, { once: true });
  });
  split.addEventListener("keydown", (e) => {
    const step = { ArrowLeft: -40, ArrowRight: 40 }[e.key];
    if (!step) return;
    e.preventDefault();
    store("gongwen.left", String(setWidth(left.getBoundingClientRect().width + step)));
  });
}

// ───────────── the form ─────────────
const defs = () => schema.$defs;
const deref = (s) => (s && s.$ref ? defs()[s.$ref.split("/").pop()] : s);

// A field's kind from its schema: text, list, date, money, choice; null when the form cannot
// edit it (the source can).
function kindOf(prop) {
  const s = deref(prop);
  if (!s) return null;
  if (s.enum || (s.oneOf && s.oneOf.every((o) => o.const !== undefined))) return "choice";
  if (s.format === "date") return "date";
  const any = s.anyOf || [];
  if (any.some((a) => deref(a) && deref(a).format === "date")) return "date";
  if (prop.$ref && prop.$ref.endsWith("/Money")) return "money";
  if (any.some((a) => a.$ref && a.$ref.endsWith("/Money"))) return "money";
  if (s.type === "integer" || (Array.isArray(s.type) && s.type.includes("integer"))) return "money";
  if (s.type === "array" && s.items && s.items.type === "string") return "list";
  if (s.type === "string" || (Array.isArray(s.type) && s.type.includes("string"))) return "text";
  if (any.some((a) => a.type === "string")) return "text";
  return null;
}

// The schema's Chinese hint for a field (its English notes are for engineers).
function hintOf(prop) {
  const texts = [prop.description, deref(prop) && deref(prop).description].filter(Boolean);
  for (const t of texts) {
    const rest = prop.title && t.startsWith(prop.title) ? t.slice(prop.title.length).replace(/^[。.]/, "") : t;
    if (rest && !/[A-Za-z]{3,}/.test(rest) && rest !== prop.title) return rest;
  }
  return "";
}

const choices = (prop) => deref(prop).enum || deref(prop).oneOf.map((o) => o.const);

function schemaKeys() {
  const keys = new Map();
  for (const d of Object.values(schema.$defs)) {
    for (const [k, p] of Object.entries(d.properties || {})) if (!keys.has(k)) keys.set(k, p.title || "");
  }
  for (const [k, p] of Object.entries(schema.properties || {})) keys.set(k, p.title || "");
  return [...keys].map(([key, label]) => ({ key, label }));
}

const NOTICE = ["genre", "format", "mark", "issuer", "doc_number", "signed_off_by", "title", "recipients", "body", "closing", "signer", "date", "note", "issue_date", "printed_by", "disclosure", "cc"];
const PLAN = ["title", "year", "program", "funding"];
const CORRECTION = ["notice_number", "date", "mode", "original"];
// Where the form edits a project's fields, from the field table (plan/fields.rs) through the
// schema: the grid's columns, the other fields under a row when the clerk opens it («…»), and
// which of those take several lines.
const projectForm = () => defs().Project["x-form"];
const openRows = new Set();

const fpath = (path) => path.map((k, i) => (typeof k === "number" ? `[${k}]` : (i ? "." : "") + k)).join("");
const at = (values, path) => path.reduce((v, k) => (v == null ? undefined : v[k]), values);

function shown(kind, v) {
  if (v == null) return "";
  if (kind === "list") return Array.isArray(v) ? v.join("\n") : String(v);
  const iso = kind === "date" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(v));
  if (iso) return `${iso[1]}年${Number(iso[2])}月${Number(iso[3])}日`;
  return String(v);
}

// What input `e` shows for `v`: a choice left to its default shows the default.
const shownIn = (e, v) => shown(e.dataset.kind || "", v == null && e.dataset.default ? e.dataset.default : v);

function valueOf(kind, input) {
  const raw = input.value;
  if (kind === "list") return { kind, value: raw.split("\n").map((s) => s.trim()).filter(Boolean) };
  if (raw.trim() === "" && input.dataset.optional === "1") return { kind: "absent" };
  // A choice is written as its word (the server knows text, money, date and list).
  if (kind === "choice") return { kind: "text", value: raw };
  return { kind, value: raw };
}

// One input for a field at `path`; it sends a `set` edit when the clerk leaves it changed.
function input(kind, prop, path, opts = {}) {
  const value = at(doc.form.values, path);
  let e;
  if (kind === "choice") {
    e = el("select", {}, choices(prop).map((c) => el("option", { value: c, text: c })));
    // A choice with a default (文种: 通知) shows it; another is marked unfilled.
    if (value == null && prop.default == null) e.prepend(el("option", { value: "", text: "（未填）" }));
  } else if (kind === "list") {
    e = el("textarea", { rows: Math.max(2, Math.min(8, (value || []).length + 1)), placeholder: "每行一项" });
  } else if (opts.long) {
    e = el("textarea", { rows: 2 });
  } else {
    // A date is typed as it is written (2023年2月7日, or pasted), and taken when the clerk
    // leaves the field or presses Enter, not at each digit as a date picker would.
    e = el("input", { type: "text", inputmode: kind === "money" ? "decimal" : null,
      placeholder: kind === "date" ? "如 2023年2月7日" : null });
  }
  if (kind === "choice" && prop.default != null) e.dataset.default = prop.default;
  e.value = shown(kind, value == null && e.dataset.default ? e.dataset.default : value);
  e.dataset.fpath = fpath(path);
  e.dataset.kind = kind;
  e.dataset.optional = opts.optional ? "1" : "0";
  e.dataset.path = JSON.stringify(path);
  if (kind === "money") e.classList.add("num");
  if (!fits(kind, value)) return readOnly(path, value);
  e.dataset.committed = e.value;
  e.addEventListener("change", () => commit(e));
  if (e.tagName === "INPUT") e.addEventListener("keydown", (k) => k.key === "Enter" && !k.isComposing && commit(e));
  return e;
}

// A value the plan did not take: the field shows the plan's value again, marked, with why.
function refused(edits, message) {
  for (const ed of edits) {
    if (ed.op !== "set") continue;
    const e = document.querySelector(`#form [data-fpath="${CSS.escape(fpath(ed.path))}"]`);
    if (!e || e.dataset.readonly) continue;
    const typed = e.value;
    e.value = shownIn(e, at(doc.form.values, ed.path));
    e.dataset.committed = e.value;
    e.classList.add("invalid");
    const note = e.nextElementSibling && e.nextElementSibling.classList.contains("field-error")
      ? e.nextElementSibling : el("div", { class: "field-error" });
    note.textContent = `${message}（填的“${typed}”没有采用，仍是原来的值）`;
    e.after(note);
  }
}

// Sends a field's value once it differs from what was last sent.
function commit(e) {
  if (e.disabled || e.readOnly || e.value === e.dataset.committed) return;
  e.dataset.committed = e.value;
  return update([{ op: "set", path: JSON.parse(e.dataset.path), value: valueOf(e.dataset.kind, e) }]);
}

// Whether the field being typed in holds what the plan does not have yet.
function typing() {
  const a = document.activeElement;
  return !!(a && a.dataset && a.dataset.path && a.closest("#form") && !a.disabled && !a.readOnly && a.value !== a.dataset.committed);
}

// Every action first takes the field being typed in (a field commits on change, which a
// shortcut or a button does not wait for) and waits until the plan's text has it.
async function flush() {
  const a = document.activeElement;
  if (typing()) commit(a);
  await chain;
}

// Whether the form's input for `kind` can show `value` exactly (a list of lines, one figure,
// one line of text); anything else is shown, never overwritten.
function fits(kind, value) {
  if (value == null) return true;
  if (kind === "list") return Array.isArray(value) && value.every((v) => typeof v === "string");
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

// A value written in parts (下达资金 per source, a 文号 as code/year/seq): shown as it is, with
// the way to its lines in the source.
function readOnly(path, value) {
  return el("span", { class: "readonly", "data-fpath": fpath(path), "data-readonly": "1", "data-ro": JSON.stringify(path), tabindex: 0 },
    el("span", { text: roText(value) }), " ",
    el("button", { type: "button", class: "small link", text: "在源文件中修改", onclick: () => toSource(path) }));
}

// A value shown as it is: a figure or a line as written, a list of parts joined, a table's
// rows counted (its lines are a click away).
function roText(value) {
  const part = (v) => (v && typeof v === "object" && !Array.isArray(v)
    ? [v.name || v.title || v.heading || v.issuer, v.amount, v.code, v.year, v.seq].filter((x) => x != null).join(" ") || "（一组设置）"
    : typeof v === "boolean" ? (v ? "是" : "否") : String(v));
  if (Array.isArray(value) && value.some((v) => v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 3)) {
    return `${value.length} 项：${value.map(part).join("；")}`;
  }
  return Array.isArray(value) ? value.map(part).join("；") : part(value);
}

// The source at a field's lines.
async function toSource(path) {
  try {
    const r = await call("/api/locate", { source: doc.source, field: path });
    showTab("source");
    editor.goto(r.line, r.column);
  } catch (e) {
    toast(e.message, true);
  }
}

function field(section, key, props, required) {
  const prop = props[key];
  if (!prop) return null;
  const kind = kindOf(prop);
  if (!kind) return null;
  const path = [section, key];
  const label = prop.title || key;
  const hint = hintOf(prop);
  const id = `f-${section}-${key}`;
  const box = input(kind, prop, path, { optional: !required.includes(key) });
  box.id = id;
  return el("div", { class: "field" }, el("label", { for: id, text: label }), box, hint ? el("span", { class: "hint", text: hint }) : null);
}

function renderForm() {
  const f = doc.form;
  const shape = JSON.stringify([!!f.values.correction, f.groups.map((g) => [g.path, (at(f.values, g.path) || []).length])]);
  if (shape === formShape) {
    // The same fields: refresh values and figures in place, not the field being typed in.
    document.querySelectorAll("#form [data-path]").forEach((e) => {
      if (e === document.activeElement || e.disabled || e.readOnly) return;
      e.value = shownIn(e, at(f.values, JSON.parse(e.dataset.path)));
      e.dataset.committed = e.value;
    });
    document.querySelectorAll("#form [data-ro]").forEach((e) => {
      e.firstChild.textContent = roText(at(f.values, JSON.parse(e.dataset.ro)));
    });
    renderFigures();
    return;
  }
  formShape = shape;
  const notice = defs().Notice;
  const scheme = defs().Scheme;
  const correction = defs().Correction;
  const parts = [
    f.values.correction
      ? el("fieldset", {}, el("legend", { text: "更正通知" }), CORRECTION.map((k) => field("correction", k, correction.properties, correction.required || [])))
      : null,
    el("fieldset", {}, el("legend", { text: "通知" }), NOTICE.map((k) => field("notice", k, notice.properties, notice.required || [])),
      others(f.values.notice, ["notice"], new Set(NOTICE), notice.properties)),
    el("fieldset", {}, el("legend", { text: "实施方案" }), PLAN.map((k) => field("plan", k, scheme.properties, scheme.required || [])),
      others(f.values.plan, ["plan"], new Set([...PLAN, "categories", "projects", "allocations"]), scheme.properties)),
    el("fieldset", {}, el("legend", { text: f.values.plan && f.values.plan.allocations ? "资金分配" : "项目" }), f.groups.map(group),
      f.values.plan && f.values.plan.categories ? addCategory() : null, el("div", { id: "figures" })),
    otherSettings(f.values, schema.properties),
  ].filter(Boolean);
  $("form").replaceChildren(...parts);
  renderFigures();
}

// What a group's grid edits: projects (with their other fields under each row), or the lines
// of a 资金分配 (recipient, amount, purpose).
function gridOf(g) {
  if (g.kind === "allocations") {
    const props = defs().Allocation.properties;
    return { props, columns: ["recipient", "amount", "purpose"], details: [], noun: "单位",
      fresh: [["recipient", { kind: "text", value: "新单位" }], ["amount", { kind: "money", value: "0" }]] };
  }
  return { props: defs().Project.properties, columns: projectForm().grid, details: projectForm().details, noun: "项目",
    fresh: [["name", { kind: "text", value: "新项目" }], ["amount", { kind: "money", value: "0" }]] };
}

function group(g) {
  const { props: project, columns, details: detailKeys, noun, fresh } = gridOf(g);
  const known = new Set([...columns, ...detailKeys]);
  const rows = at(doc.form.values, g.path) || [];
  const head = el("tr", {}, el("th", { text: "序号" }),
    columns.map((c) => el("th", { class: c === "amount" ? "num" : "", text: c === "amount" ? `${project[c].title}（${doc.form.unit}）` : project[c].title })),
    el("th", {}));
  const body = rows.flatMap((row, i) => {
    const path = [...g.path, i];
    const key = fpath(path);
    const details = el("tr", { class: "details", "data-details": key, hidden: !openRows.has(key) },
      el("td", {}), el("td", { colspan: columns.length + 1 },
        detailKeys.filter((d) => project[d] && kindOf(project[d])).map((d) => el("div", { class: "field" },
          el("label", { text: project[d].title }),
          input(kindOf(project[d]), project[d], [...path, d], { optional: true, long: projectForm().long.includes(d) }))),
        others(row, path, known, project)));
    const toggle = el("button", {
      type: "button", class: "small", title: "其他栏目（实施单位、建设内容、效益……）", text: "…",
      onclick: () => {
        details.hidden = !details.hidden;
        if (details.hidden) openRows.delete(key);
        else openRows.add(key);
      },
    });
    return [el("tr", { "data-row": key },
      el("td", { class: "num", text: String(i + 1) }),
      columns.map((c) => el("td", { class: c === "amount" ? "num" : "" },
        input(kindOf(project[c]), project[c], [...path, c], { optional: c === "deadline" || c === "purpose" }))),
      el("td", { class: "ops" },
        el("button", { type: "button", class: "small", title: "上移", disabled: i === 0, onclick: () => update([{ op: "move", path: g.path, from: i, to: i - 1 }]), text: "↑" }),
        el("button", { type: "button", class: "small", title: "下移", disabled: i === rows.length - 1, onclick: () => update([{ op: "move", path: g.path, from: i, to: i + 1 }]), text: "↓" }),
        el("button", { type: "button", class: "small", title: `删除这个${noun}`, onclick: () => removeRow(g, i, noun), text: "✕" }), toggle)),
    details];
  });
  const add = el("button", {
    type: "button", class: "small",
    onclick: () => {
      openRows.add(fpath([...g.path, rows.length])); // a new row shows all its fields
      update([{ op: "insert", path: g.path, index: rows.length, fields: fresh }]);
    },
    text: `＋ 增加${noun}`,
  });
  // A category's own name (summary sentence, annex) and heading (body), beside its figures;
  // its other texts (an introduction…) shown as they are.
  const category = g.path.length > 2 ? g.path.slice(0, -1) : null;
  const props = defs().Category.properties;
  const own = category
    ? ["name", "heading"].map((k) => {
      const box = input("text", props[k], [...category, k]);
      box.classList.add("cat");
      box.title = props[k].title;
      return box;
    })
    : [];
  const rest = category ? others(at(doc.form.values, category), category, new Set(["name", "heading", "projects", "categories"]), props) : null;
  return el("div", { class: "group", "data-group": fpath(g.path) },
    el("div", { class: "group-head" }, el("span", { class: "label", text: g.label.replace(/[^）)、]*$/, "") || g.label }), ...own,
      el("span", { class: "derived", "data-derived": fpath(g.path) }), category ? categoryOps(category) : null),
    rest,
    // A category of sub-categories has no projects of its own: its sub-categories follow.
    g.parent ? null : el("table", { class: `grid ${g.kind || "projects"}` }, el("thead", {}, head), el("tbody", {}, body)),
    g.parent ? null : add);
}

async function removeRow(g, i, noun = "项目") {
  const row = at(doc.form.values, [...g.path, i]) || {};
  const name = row.name || row.recipient || "";
  const go = await ask(`删除${noun}`, el("p", { text: `删除“${name}”？删除后可以点「撤销」（Ctrl+Z）恢复。` }), [["取消", ""], ["删除", "ok", "danger"]]);
  if (go === "ok") update([{ op: "remove", path: g.path, index: i }]);
}

// The figures the server derived: shown beside what they come from, never edited.
function renderFigures() {
  const f = doc.form;
  for (const g of f.groups) {
    const e = document.querySelector(`[data-derived="${CSS.escape(fpath(g.path))}"]`);
    if (e) e.textContent = g.subtotal == null ? "" : `小计 ${g.subtotal}${f.unit}（${g.count} 个项目${g.share ? `，占 ${g.share}` : ""}）（自动计算）`;
  }
  const box = $("figures");
  if (box) {
    box.replaceChildren(
      el("p", { class: "derived" }, `合计 ${f.total}${f.unit}，${f.allocations ? `${f.allocations} 个单位` : `${f.project_count} 个项目`}（自动计算）`),
      el("div", { class: "summary" }, el("div", { class: "derived", text: "正文中的概述句（自动生成）：" }), el("div", { id: "summary", text: f.summary })));
  }
}

// ───────────── actions ─────────────
async function save() {
  await flush();
  try {
    const r = await call("/api/save", { path: doc.path, source: doc.source, base: doc.base });
    doc.base = r.hash;
    doc.saved = doc.source;
    markDirty();
    toast(r.saved ? "已保存" : "没有改动");
    return true;
  } catch (e) {
    if (e.status !== 409) {
      toast(e.message, true);
      return false;
    }
    // What the other window (or program) saved, and what this page has that the file lacks.
    const [theirs, mine] = await Promise.all([
      call("/api/diff", { old: doc.saved, new: e.data.disk }).catch(() => ({ changes: [] })),
      call("/api/diff", { old: doc.saved, new: doc.source }).catch(() => ({ changes: [] })),
    ]);
    const none = ["（只有格式或注释不同）"];
    const choice = await ask("文件在别处被改动过", [
      el("p", { text: "这个计划文件在页面打开后被别的程序（或另一个窗口）改动并保存了。" }),
      el("p", { text: "文件中已保存的改动：" }), list(theirs.changes.length ? theirs.changes : none),
      el("p", { text: "这个页面上还没有保存的改动：" }), list(mine.changes.length ? mine.changes : none),
      el("p", { class: "muted", text: "“另存为新文件”两份都留下，可以对照后再合并；“用文件中的版本”放弃本页的改动；“覆盖”会丢掉文件中已保存的改动。" })],
    [["取消", ""], ["另存为新文件", "copy", "primary"], ["用文件中的版本", "disk"], ["覆盖文件中的版本", "mine", "danger"]]);
    if (choice === "disk") {
      Object.assign(doc, { base: e.data.hash, saved: e.data.disk, source: e.data.disk });
      editor.set(e.data.disk);
      await update([]);
    } else if (choice === "copy") {
      return saveCopy();
    } else if (choice === "mine") {
      doc.base = e.data.hash;
      return save();
    }
    return false;
  }
}

// The page's text as a new file beside the plan ("……（本页修改）.toml"), opened in its place:
// nothing saved anywhere is lost.
async function saveCopy() {
  const stem = doc.path.replace(/\.toml$/, "");
  for (let n = 1; n < 100; n++) {
    const path = `${stem}（本页修改${n > 1 ? n : ""}）.toml`;
    try {
      await call("/api/save", { path, source: doc.source, base: null });
    } catch (e) {
      if (e.status === 409) continue;
      toast(e.message, true);
      return false;
    }
    doc.saved = doc.source;
    toast(`已另存为 ${path}`);
    location.hash = `edit=${encodeURIComponent(path)}`;
    return true;
  }
  return false;
}

async function ensureSaved(what) {
  if (doc.source === doc.saved) return true;
  const go = await ask(`${what}前先保存`, el("p", { text: `${what}用的是保存在文件中的计划。现在保存页面上的修改吗？` }), [["取消", ""], ["保存", "ok", "primary"]]);
  return go === "ok" && save();
}

const EXPORTS = { pdf: ["/api/pdf", "已生成 PDF"], docx: ["/api/docx", "已生成 Word 文档"], ofd: ["/api/ofd", "已生成 OFD"], xlsx: ["/api/xlsx", "已导出计划表"] };

async function pdf(kind) {
  await flush();
  const [url, done] = EXPORTS[kind];
  try {
    download(await call(url, { path: doc.path, source: doc.source }));
    toast(done);
  } catch (e) {
    toast(e.message, true);
  }
}

async function importTable(file) {
  await flush();
  if (!file || !(await ensureSaved("导入"))) return;
  try {
    const r = await call(`/api/import?path=${encodeURIComponent(doc.path)}&base=${doc.base}`, await file.arrayBuffer(), true);
    if (r.source === doc.source) {
      toast(`表格与计划一致（${r.summary}），没有改动`);
      return;
    }
    const go = await ask(`导入 ${file.name}`, [el("p", { text: `读到${r.summary}。导入将作如下改动：` }), list(r.changes.length ? r.changes : ["（只有格式或注释位置变化）"])],
      [["取消", ""], ["导入并保存", "ok", "primary"]]);
    if (go !== "ok") return;
    doc.source = r.source;
    editor.set(r.source);
    if (await save()) await update([]);
  } catch (e) {
    const details = e.data && e.data.details;
    if (details) await ask("无法导入", [el("p", { text: e.message }), list(details)], [["知道了", ""]]);
    else toast(e.message, true);
  }
}

async function issue() {
  await flush();
  if (doc.errors) return toast("计划有错误，不能印发：先改正左侧列出的错误", true);
  if (doc.issued) {
    return toast(`这个文号已经印发过（存档中已有 v${doc.issued}），不能再印发：要改动已印发的文件，请点「更正」`, true);
  }
  if (!(await ensureSaved("印发"))) return;
  const number = (doc.form && at(doc.form.values, ["notice", "doc_number"])) || "";
  const go = await ask("印发", [
    el("p", {}, "印发 ", el("strong", { id: "confirm-number", text: typeof number === "string" ? number : JSON.stringify(number) }), "？"),
    el("p", { class: "muted", text: "印发后，PDF 连同计划存入存档，不能覆盖；以后只能“更正”。" })],
  [["取消", ""], ["印发", "ok", "danger"]]);
  if (go !== "ok") return;
  try {
    const r = await call("/api/issue", { path: doc.path, base: doc.base });
    await ask("已印发", [el("p", { text: `${r.doc_number} v${r.version} 已存入 ${r.dir}。` }), el("p", { text: `账本头：${r.ledger_head}（请记下，日后核对存档用）` })], [["好", ""]]);
    await update([]);
  } catch (e) {
    toast(e.message, true);
  }
}

async function reissue() {
  await flush();
  if (!(await ensureSaved("更正"))) return;
  let c;
  try {
    c = await call("/api/changes", { path: doc.path, source: doc.source });
  } catch (e) {
    return toast(e.message, true);
  }
  if (!c.latest) return toast(`${c.series} 还没有印发过：先“印发”`, true);
  const body = [el("p", { text: `与已印发的 ${c.series} v${c.latest} 相比，改动如下（将列入更正通知）：` }),
    list(c.changes.length ? c.changes : ["（没有改动）"])];
  if (!c.has_correction) {
    // The correction's own fields, written into the plan as its [correction] table.
    const number = el("input", { id: "correction-number", placeholder: "如 峨边府办函〔2023〕9号" });
    const date = el("input", { id: "correction-date", type: "date" });
    body.push(el("p", { text: "更正通知有自己的文号和成文日期，填写后写入计划的 [correction]（更正）表：" }),
      el("div", { class: "field" }, el("label", { for: "correction-number", text: "更正通知文号" }), number),
      el("div", { class: "field" }, el("label", { for: "correction-date", text: "成文日期" }), date));
    const go = await ask(`更正 ${c.series}`, body, [["取消", ""], ["写入更正表", "add", "primary"]]);
    if (go !== "add") return;
    await update([
      { op: "set", path: ["correction", "notice_number"], value: { kind: "text", value: number.value.trim() } },
      { op: "set", path: ["correction", "date"], value: { kind: "date", value: date.value } },
    ]);
    return reissue();
  }
  if (c.preview) {
    body.push(el("p", { text: "更正通知：" }),
      el("div", { class: "corr-preview" }, c.preview.map((svg) => {
        const p = el("div", { class: "page" });
        p.innerHTML = svg;
        return p;
      })));
  } else if (doc.errors) {
    body.push(el("p", { class: "state bad", text: "计划有错误，改正后才能更正" }));
  }
  const ok = c.changes.length && c.preview && doc.errors === 0;
  const go = await ask(`更正 ${c.series}`, body, ok ? [["取消", ""], [`印发 v${c.latest + 1}`, "ok", "danger"]] : [["知道了", ""]]);
  if (go !== "ok") return;
  try {
    const r = await call("/api/issue", { path: doc.path, base: doc.base, from: c.latest });
    await ask("已更正", [el("p", { text: `${r.doc_number} v${r.version} 已存入 ${r.dir}，附更正通知。` }), list(r.changes), el("p", { text: `账本头：${r.ledger_head}` })], [["好", ""]]);
    await update([]);
  } catch (e) {
    toast(e.message, true);
  }
}

async function archive(verify) {
  let a;
  try {
    a = await call(`/api/archive${verify ? "?verify=1" : ""}`);
  } catch (e) {
    return toast(e.message, true);
  }
  const rows = a.series.flatMap((s) => s.versions.map((v) => el("tr", {},
    el("td", { text: v.doc_number }), el("td", { text: `v${v.version}` }), el("td", { text: v.printed }),
    el("td", {}, v.files.map((f) => el("div", {}, el("a", { href: `/api/archive/file?path=${encodeURIComponent(f)}`, text: f.split("/").pop() })))),
    el("td", { text: v.verified === null ? "—" : v.verified ? "一致" : `有问题：${v.problems.join("；")}` }))));
  const table = el("table", {}, el("thead", {}, el("tr", {}, ["文号", "版本", "印发日期", "文件", "核对"].map((t) => el("th", { text: t })))), el("tbody", {}, rows));
  const body = [rows.length ? table : el("p", { text: "存档中还没有文件。" })];
  if (a.problems.length) body.push(el("p", { class: "state bad", text: a.problems.join("；") }));
  const go = await ask("存档", body, [["关闭", ""], ["核对存档", "verify", "primary"]]);
  if (go === "verify") archive(true);
}

// ───────────── wiring ─────────────
// Leaving a plan with unsaved changes asks first; staying puts the address back.
let restoring = null;
async function route() {
  if (restoring !== null && location.hash === restoring) {
    restoring = null;
    return;
  }
  const m = /^#edit=(.+)$/.exec(location.hash);
  const target = m ? decodeURIComponent(m[1]) : null;
  if (doc.path && target !== doc.path) await flush();
  if (doc.path && target !== doc.path && doc.source !== doc.saved) {
    const go = await ask("有未保存的修改", el("p", { text: `${doc.path} 有未保存的修改。` }),
      [["留在这里", ""], ["不保存", "drop"], ["保存", "save", "primary"]]);
    if (go === "" || (go === "save" && !(await save()))) {
      restoring = `#edit=${encodeURIComponent(doc.path)}`;
      location.hash = restoring;
      return;
    }
  }
  if (!target) doc.path = "";
  (target ? openPlan(target) : showPlans()).catch((e) => toast(e.message, true));
}

window.addEventListener("DOMContentLoaded", () => {
  $("home").addEventListener("click", (e) => {
    e.preventDefault();
    location.hash = "";
  });
  $("tab-form").addEventListener("click", () => showTab("form"));
  panes();
  $("tab-source").addEventListener("click", () => showTab("source"));
  $("save").addEventListener("click", save);
  $("pdf").addEventListener("click", () => pdf("pdf"));
  $("xlsx").addEventListener("click", () => pdf("xlsx"));
  $("docx").addEventListener("click", () => pdf("docx"));
  $("ofd").addEventListener("click", () => pdf("ofd"));
  $("import").addEventListener("change", (e) => {
    importTable(e.target.files[0]);
    e.target.value = "";
  });
  $("issue").addEventListener("click", issue);
  $("reissue").addEventListener("click", reissue);
  $("archive").addEventListener("click", () => archive(false));
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s" && !$("edit-view").hidden) {
      e.preventDefault();
      save();
    }
  });
  window.addEventListener("beforeunload", (e) => {
    // A field still being typed in counts: the tab may close before it commits.
    if (doc.path && (doc.source !== doc.saved || typing())) e.preventDefault();
  });
  window.addEventListener("hashchange", route);
  route();
});

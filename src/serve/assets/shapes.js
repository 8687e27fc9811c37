// Every plan shape in the form: what the form has no input for is shown as it is, read-only,
// with the way to its lines in the source — never dropped, never overwritten. Uses app.js's
// globals (el, readOnly, kindOf, input, fits, at, doc).

// The fields of `values` (at `path`) outside `known`: each with its label, as an input when the
// form can edit it exactly (a line, a figure, a date, a list of lines), else read-only.
function others(values, path, known, props) {
  if (!values || typeof values !== "object") return null;
  const keys = Object.keys(values).filter((k) => !known.has(k));
  if (!keys.length) return null;
  return el("div", { class: "others" }, keys.map((k) => {
    const prop = props && props[k];
    const label = (prop && prop.title) || k;
    const kind = prop && kindOf(prop);
    const value = values[k];
    const editable = kind && fits(kind, value) && !(kind === "text" && typeof value === "string" && value.length > 200);
    return el("div", { class: "field" }, el("label", { text: label }),
      editable ? input(kind, prop, [...path, k], { optional: true, long: kind === "text" && String(value).length > 40 }) : readOnly([...path, k], value));
  }));
}

// The plan's settings outside the notice and the plan ([policy], [fonts] …), shown as they are.
function otherSettings(values, props) {
  const rest = others(values, [], new Set(["notice", "plan", "correction", "roster"]), props);
  return rest && el("fieldset", {}, el("legend", { text: "其他设置" }), rest);
}

// A warning (or an error a plan may accept) that is right after all: accepted with its reason,
// written into the plan's [[policy.accept]], kept with the plan in the archive.
async function acceptFinding(f) {
  const reason = el("input", { id: "accept-reason", placeholder: "如：该项目确已提前开工，经县政府同意" });
  const go = await ask(`接受这条${f.severity === "warning" ? "警告" : "错误"}`, [
    el("p", { text: f.message }),
    el("p", { class: "muted", text: "接受后，同一条规则在这份计划中的提示都显示为“已接受”，不再算作问题；理由随计划保存和存档。" }),
    el("div", { class: "field" }, el("label", { for: "accept-reason", text: "理由" }), reason)],
  [["取消", ""], ["接受", "ok", "primary"]]);
  if (go !== "ok") return;
  if (!reason.value.trim()) return toast("没有写理由，未接受：请写明为什么这样是对的", true);
  const n = ((doc.form.values.policy || {}).accept || []).length;
  await update([{ op: "insert", path: ["policy", "accept"], index: n, fields: [
    ["rule", { kind: "text", value: f.code }], ["reason", { kind: "text", value: reason.value.trim() }]] }]);
}

// A category moved up or down among its siblings, or deleted (with its projects, after asking).
function categoryOps(category) {
  const list = category.slice(0, -1);
  const i = category[category.length - 1];
  const count = (at(doc.form.values, list) || []).length;
  const name = at(doc.form.values, [...category, "name"]) || "";
  const remove = async () => {
    const projects = (at(doc.form.values, [...category, "projects"]) || []).length;
    const subs = (at(doc.form.values, [...category, "categories"]) || []).length;
    const what = [projects ? `${projects} 个项目` : "", subs ? `${subs} 个子类别` : ""].filter(Boolean).join("和");
    const go = await ask("删除类别", el("p", { text: `删除类别“${name}”${what ? `（连同其中的${what}）` : ""}？删除后可以点「撤销」恢复。` }),
      [["取消", ""], ["删除", "ok", "danger"]]);
    if (go === "ok") update([{ op: "remove", path: list, index: i }]);
  };
  return el("span", { class: "cat-ops" },
    el("button", { type: "button", class: "small", title: "类别上移", disabled: i === 0, onclick: () => update([{ op: "move", path: list, from: i, to: i - 1 }]), text: "↑" }),
    el("button", { type: "button", class: "small", title: "类别下移", disabled: i === count - 1, onclick: () => update([{ op: "move", path: list, from: i, to: i + 1 }]), text: "↓" }),
    el("button", { type: "button", class: "small", title: "删除这个类别", onclick: remove, text: "✕" }));
}

// A new top category at the end, named for the clerk to rename and its heading 待填写 (as a new
// plan's placeholders: reported until filled); its projects are added in it.
function addCategory() {
  const n = (doc.form.values.plan.categories || []).length;
  return el("button", { type: "button", class: "small", text: "＋ 增加类别",
    onclick: () => update([{ op: "insert", path: ["plan", "categories"], index: n, fields: [["name", { kind: "text", value: "新类别" }], ["heading", { kind: "text", value: "待填写" }]] }]) });
}

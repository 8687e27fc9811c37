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

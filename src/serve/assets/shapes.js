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

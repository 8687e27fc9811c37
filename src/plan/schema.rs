//! The JSON Schema of the plan format, for editors (taplo, Even Better TOML) that complete
//! and validate fields as the clerk types.

use crate::plan::labels::field_label_in;
use crate::plan::model::PlanFile;

/// The schema, pretty-printed.
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(PlanFile);
    // Edited in place: the schema's own serialisation keeps keywords in their usual order.
    if let Some(root) = schema.as_object_mut() {
        label_object(root);
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// Gives every property the Chinese name clerks know it by, as its `title` and at the head of
/// its description, so the editor's hover says "责任领导" and not only "leader".
fn label_in_chinese(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => label_object(map),
        serde_json::Value::Array(items) => items.iter_mut().for_each(label_in_chinese),
        _ => {}
    }
}

/// Labels one schema object's `properties`, then everything below it (each definition under
/// `$defs` by its own name, where a key can mean another thing).
fn label_object(map: &mut serde_json::Map<String, serde_json::Value>) {
    label_object_as(map, "");
}

fn label_object_as(map: &mut serde_json::Map<String, serde_json::Value>, def: &str) {
    for (key, v) in map.iter_mut() {
        match (key.as_str(), v) {
            ("$defs", serde_json::Value::Object(defs)) => {
                for (name, d) in defs.iter_mut() {
                    match d {
                        serde_json::Value::Object(d) => label_object_as(d, name),
                        other => label_in_chinese(other),
                    }
                }
            }
            (_, v) => label_in_chinese(v),
        }
    }
    label_properties(map, def);
    if def == "Project" {
        map.insert("x-form".into(), project_form());
    }
}

/// Where the form edits each of a project's fields, from the field table: the grid's columns,
/// the one-line and the several-line fields under a row, in order (`x-form`, which editors
/// ignore and the web page reads).
fn project_form() -> serde_json::Value {
    use super::fields::{Form, PROJECT};
    let keys = |places: &[Form]| {
        PROJECT
            .iter()
            .filter(|f| places.contains(&f.form))
            .map(|f| f.key)
            .collect::<Vec<_>>()
    };
    serde_json::json!({
        "grid": keys(&[Form::Grid]),
        "details": keys(&[Form::Details, Form::Long]),
        "long": keys(&[Form::Long]),
    })
}

/// Labels the `properties` of one schema object.
fn label_properties(map: &mut serde_json::Map<String, serde_json::Value>, def: &str) {
    use serde_json::Value as J;
    let Some(J::Object(props)) = map.get_mut("properties") else {
        return;
    };
    for (key, prop) in props.iter_mut() {
        let (Some(label), J::Object(p)) = (field_label_in(def, key), prop) else {
            continue;
        };
        let described = match p.get("description") {
            Some(J::String(d)) if d.starts_with(label) => d.clone(),
            Some(J::String(d)) => format!("{label}。{d}"),
            _ => label.to_string(),
        };
        p.insert("title".into(), J::String(label.into()));
        p.insert("description".into(), J::String(described));
    }
}

/// A TOML document as JSON, the way editors validate it: dates become strings.
pub fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => J::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

//! The contract between Rust and the templates: the JSON view is typed (`view/`, its schema
//! derived), and the templates read no key it does not declare.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::archive::correction::CorrectionView;
    use crate::render::view::View;

    /// Every property name anywhere in a JSON Schema.
    fn keys(schema: &serde_json::Value, out: &mut BTreeSet<String>) {
        match schema {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| keys(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }

    /// A template's code without its comments and string literals.
    fn code(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' if chars.peek() == Some(&'/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            out.push('\n');
                            break;
                        }
                    }
                }
                '"' => {
                    let mut escaped = false;
                    for c in chars.by_ref() {
                        if c == '"' && !escaped {
                            break;
                        }
                        escaped = c == '\\' && !escaped;
                    }
                    out.push_str("\"\"");
                }
                c => out.push(c),
            }
        }
        out
    }

    /// Names read after a dot: `data.notice.title` gives notice, title.
    fn fields(code: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let b: Vec<char> = code.chars().collect();
        for i in 1..b.len() {
            let after_value = b[i - 1].is_alphanumeric() || matches!(b[i - 1], '_' | ')' | ']');
            if b[i] == '.' && after_value && b.get(i + 1).is_some_and(|c| c.is_ascii_lowercase()) {
                let name: String = b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
                    .collect();
                out.insert(name.trim_end_matches('-').to_string());
            }
        }
        out
    }

    #[test]
    fn templates_read_only_keys_the_views_declare() {
        let mut declared = BTreeSet::new();
        keys(
            &serde_json::to_value(schemars::schema_for!(View)).unwrap(),
            &mut declared,
        );
        keys(
            &serde_json::to_value(schemars::schema_for!(CorrectionView)).unwrap(),
            &mut declared,
        );
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut read = BTreeSet::new();
        let mut locals = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let code = code(&text);
            read.extend(fields(&code));
            // Names the templates define themselves (a module's functions: `gbt.cell`).
            for part in code.split("let ").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
                    .collect();
                locals.insert(name);
            }
        }
        let unknown: Vec<&String> = read
            .iter()
            .filter(|k| {
                !declared.contains(*k) && !locals.contains(*k) && !TYPST.contains(&k.as_str())
            })
            .collect();
        assert!(
            unknown.is_empty(),
            "templates read keys the view does not declare: {unknown:?}"
        );
    }

    /// Typst's own methods and fields that the templates call.
    const TYPST: &[&str] = &[
        // array and string methods
        "at",
        "clusters",
        "enumerate",
        "first",
        "flatten",
        "insert",
        "join",
        "len",
        "map",
        "pop",
        "position",
        "push",
        "sum",
        "zip",
        // functions' members and fields: calc, counter, table, location, alignment, edges
        "bottom",
        "bottom-edge",
        "top-edge",
        "ceil",
        "cell",
        "display",
        "floor",
        "header",
        "height",
        "left",
        "location",
        "max",
        "odd",
        "page",
        "rem",
        "right",
        "top",
        "with",
    ];
}

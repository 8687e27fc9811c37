//! Renders an archived 更正通知's data (correction.json) with the templates of a folder, for
//! iterating on templates/correction.typ: `cargo run --example correction_probe -- DATA.json
//! TEMPLATES OUT.pdf`.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let data = std::fs::read(&a[1]).expect("data");
    let t = gongwen::render::templates::Templates::from_dir(std::path::Path::new(&a[2]))
        .expect("templates");
    let fonts = gongwen::fonts::FONTS.clone();
    let doc = gongwen::render::compile(&t, &fonts, "correction.typ", data)
        .unwrap_or_else(|p| panic!("{p:#?}"));
    let pdf = gongwen::render::export(&doc, "probe", false).expect("pdf");
    std::fs::write(&a[3], pdf).expect("write");
}

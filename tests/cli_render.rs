//! `gongwen render` end to end: files written or not, exit codes, determinism, options.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Copies a plan and the roster it names into `dir`.
fn copy_plan(dir: &Path, plan: &str, name: &str) -> PathBuf {
    std::fs::copy(
        root().join("plans/ebian-roster.toml"),
        dir.join("ebian-roster.toml"),
    )
    .unwrap();
    let to = dir.join(name);
    std::fs::copy(root().join(plan), &to).unwrap();
    to
}

#[test]
fn renders_the_ebian_plan_to_identical_bytes_twice() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    let o = gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&a)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("已生成"), "{}", stdout(&o));
    let o = gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&b)]);
    assert_eq!(o.status.code(), Some(0));
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, b, "same plan, same bytes");
    assert!(a.len() <= 400_000, "seed PDF is {} bytes", a.len());
}

#[test]
fn default_output_is_the_plan_path_with_pdf_and_batches_work() {
    let dir = tempfile::tempdir().unwrap();
    let one = copy_plan(dir.path(), "plans/ebian-2023.toml", "one.toml");
    let two = copy_plan(dir.path(), "plans/ebian-letter-2023.toml", "two.toml");
    let o = gongwen(&["render", &s(&one), &s(&two)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(dir.path().join("one.pdf").exists());
    assert!(dir.path().join("two.pdf").exists());
}

#[test]
fn a_plan_with_errors_writes_nothing_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.pdf");
    std::fs::write(&target, b"issued before").unwrap();
    let o = gongwen(&[
        "render",
        "tests/fixtures/seed/amount-1370.toml",
        "-o",
        &s(&target),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("sum-funding"), "{}", stdout(&o));
    assert!(stdout(&o).contains("未生成 PDF"), "{}", stdout(&o));
    assert_eq!(std::fs::read(&target).unwrap(), b"issued before");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no stray files"
    );
}

/// An acceptable error blocks `render` until the plan accepts it with a reason: amounts typed
/// in 元 in a 万元 plan (a 合计 of 901450万元), and a deadline before the signing date (a slip in
/// a notice of next year's work; rightly so in a 公示 of work done).
#[test]
fn an_acceptable_error_blocks_render_until_accepted() {
    for (fixture, code, reason) in [
        (
            "tests/fixtures/mistakes/amount-implausible.toml",
            "amount-implausible",
            "重大项目，金额属实",
        ),
        (
            "tests/fixtures/seed/deadline-2022.toml",
            "date-deadline-before-signed",
            "本文件为项目完成情况公示",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let text: String = std::fs::read_to_string(root().join(fixture))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("roster ="))
            .map(|l| format!("{l}\n"))
            .collect();
        let plan = dir.path().join("plan.toml");
        std::fs::write(&plan, &text).unwrap();
        let pdf = dir.path().join("plan.pdf");
        let o = gongwen(&["render", &s(&plan)]);
        assert_eq!(o.status.code(), Some(1), "{code}: {}", stdout(&o));
        assert!(stdout(&o).contains(code), "{}", stdout(&o));
        assert!(!pdf.exists());
        let accepted =
            text + &format!("\n[[policy.accept]]\nrule = \"{code}\"\nreason = \"{reason}\"\n");
        std::fs::write(&plan, accepted).unwrap();
        let o = gongwen(&["render", &s(&plan)]);
        assert_eq!(o.status.code(), Some(0), "{code}: {}", stdout(&o));
        assert!(pdf.exists());
    }
}

/// The output's extension decides its format; an unknown one is refused and nothing is
/// written (it used to be a PDF under that name).
#[test]
fn the_extension_decides_the_format_and_an_unknown_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("notice.docx");
    let o = gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&docx)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK"), "a DOCX is a zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(zip.by_name("word/document.xml").is_ok());
    for name in ["notice.doc", "notice", "notice.PDFX"] {
        let out = dir.path().join(name);
        let o = gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&out)]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stdout(&o));
        assert!(stdout(&o).contains("扩展名不认识"), "{}", stdout(&o));
        assert!(!out.exists());
    }
    let o = gongwen(&[
        "render",
        "plans/ebian-2023.toml",
        "-o",
        &s(&dir.path().join("UPPER.PDF")),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn an_unwritable_destination_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/sub/out.pdf");
    let o = gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&target)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("文件夹不存在"), "{}", stdout(&o));
    assert!(!target.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temp file left behind"
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = gongwen(&[
        "render",
        "plans/ebian-2023.toml",
        "plans/ebian-letter-2023.toml",
        "-o",
        "x.pdf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(gongwen(&["render", "no/such.toml"]).status.code(), Some(2));
}

#[test]
fn emit_typst_writes_what_typst_compile_needs() {
    let dir = tempfile::tempdir().unwrap();
    let emit = dir.path().join("typst");
    let out = dir.path().join("x.pdf");
    let o = gongwen(&[
        "render",
        "plans/ebian-2023.toml",
        "-o",
        &s(&out),
        "--emit-typst",
        &s(&emit),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    for f in [
        "main.typ",
        "gbt9704.typ",
        "notice.typ",
        "scheme.typ",
        "annex.typ",
        "data.json",
    ] {
        assert!(emit.join(f).exists(), "{f}");
    }
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(emit.join("data.json")).unwrap()).unwrap();
    assert_eq!(data["notice"]["doc_number"], "峨边府办函〔2023〕7号");
    assert_eq!(data["annexes"][0]["rows"][0]["cells"][4], "3900");
}

#[test]
fn pdf_a_is_declared() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.pdf");
    let o = gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&out), "--pdf-a"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let pdf = String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned();
    assert!(
        pdf.contains("pdfaid:part>2<") || pdf.contains("pdfaid:part=\"2\""),
        "no PDF/A part 2 in XMP"
    );
    assert!(pdf.contains("pdfaid:conformance>B<") || pdf.contains("pdfaid:conformance=\"B\""));
}

/// The built-in templates, copied to a folder for `--templates`.
fn templates_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in gongwen::render::templates::EMBEDDED {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The built-in templates with `extra` appended to main.typ.
fn templates_with_main(extra: &str) -> tempfile::TempDir {
    let dir = templates_copy();
    let main = std::fs::read_to_string(dir.path().join("main.typ")).unwrap() + extra;
    std::fs::write(dir.path().join("main.typ"), main).unwrap();
    dir
}

/// `gongwen render` of the 峨边 plan with the templates in `dir` to `dir/x.pdf`, with `more`
/// arguments and `env`; the output and the PDF's path.
fn render_with_templates(dir: &Path, more: &[&str], env: &[(&str, &str)]) -> (Output, PathBuf) {
    let out = dir.join("x.pdf");
    let (out_arg, dir_arg) = (s(&out), s(dir));
    let mut args = vec![
        "render",
        "plans/ebian-2023.toml",
        "-o",
        &out_arg,
        "--templates",
        &dir_arg,
    ];
    args.extend_from_slice(more);
    let o = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(&args)
        .envs(env.iter().copied())
        .current_dir(root())
        .output()
        .unwrap();
    (o, out)
}

#[test]
fn template_errors_name_the_template_line() {
    let dir = templates_copy();
    let broken = std::fs::read_to_string(dir.path().join("scheme.typ"))
        .unwrap()
        .replace(
            "title-lines(data.fonts, s.title_lines)",
            "title-lines(data.fonts, s.no_such_field)",
        );
    std::fs::write(dir.path().join("scheme.typ"), broken).unwrap();
    let (o, out) = render_with_templates(dir.path(), &[], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("scheme.typ:"), "{}", stdout(&o));
    assert!(!out.exists());
}

#[test]
fn an_unknown_font_family_in_a_template_is_an_error() {
    let dir = templates_with_main("\n#text(font: \"SimSun\")[宋体]\n");
    let (o, out) = render_with_templates(dir.path(), &[], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("unknown font family"), "{}", stdout(&o));
    assert!(!out.exists());
}

#[test]
fn an_office_font_from_font_dir_is_used_for_its_role() {
    let dir = tempfile::tempdir().unwrap();
    let plan = copy_plan(dir.path(), "plans/ebian-2023.toml", "office.toml");
    let mut src = std::fs::read_to_string(&plan).unwrap();
    src.push_str("\n[fonts]\ntitle = [\"GW Test Hei\"]\n");
    std::fs::write(&plan, src).unwrap();
    let out = dir.path().join("office.pdf");

    // Without the folder the family is unknown: an error in the plan, no PDF.
    let o = gongwen(&["render", &s(&plan)]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("font-unknown"), "{}", stdout(&o));
    assert!(!out.exists());

    let fonts = root().join("tests/fixtures/fonts");
    let o = gongwen(&["render", &s(&plan), "--font-dir", &s(&fonts)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let pdf = String::from_utf8_lossy(&std::fs::read(&out).unwrap()).into_owned();
    assert!(
        pdf.contains("+GWTestHei-Regular"),
        "the office font is embedded"
    );

    let o = gongwen(&["fonts", "--font-dir", &s(&fonts)]);
    assert!(stdout(&o).contains("GW Test Hei"));
    assert_eq!(
        gongwen(&["fonts", "--font-dir", "no/such/dir"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_read_only_destination_fails_cleanly() {
    // /proc refuses new files even to root: a read-only place to write to.
    let o = gongwen(&[
        "render",
        "plans/ebian-2023.toml",
        "-o",
        "/proc/gongwen-test.pdf",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("无法在 /proc 中写文件"),
        "{}",
        stdout(&o)
    );
    assert!(!Path::new("/proc/gongwen-test.pdf").exists());
}

/// An office's templates folder cannot bring other files in (a linked template is refused,
/// an unused large file is not read), nor make a PDF of endless pages.
#[test]
fn templates_are_bounded_and_follow_no_links() {
    let render_with = |dir: &Path| {
        let (o, out) = render_with_templates(dir, &[], &[]);
        let said = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        (o.status.code(), said, out.exists())
    };
    // A link among the templates, pointing at a file outside.
    let dir = templates_copy();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("extra.typ")).unwrap();
    let (code, out, written) = render_with(dir.path());
    assert_eq!((code, written), (Some(2), false), "{out}");
    assert!(out.contains("extra.typ") && out.contains("链接"), "{out}");
    // A large file that is no template is left unread; a template over the limit is refused.
    let dir = templates_copy();
    std::fs::write(dir.path().join("notes.bin"), vec![0u8; 3 << 20]).unwrap();
    assert_eq!(render_with(dir.path()).0, Some(0));
    std::fs::write(dir.path().join("big.typ"), vec![b'/'; 2 << 20]).unwrap();
    let (code, out, _) = render_with(dir.path());
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("超过上限"), "{out}");
    // Endless page breaks are refused before a PDF is made.
    let dir = templates_with_main("\n#for i in range(25000) { pagebreak() }\n");
    let (code, out, written) = render_with(dir.path());
    assert_eq!((code, written), (Some(2), false), "{out}");
    assert!(out.contains("页，超过上限 20000 页"), "{out}");
}

/// A template that loops for minutes is stopped at `--template-timeout`, with no PDF.
#[test]
fn a_template_that_loops_is_stopped_at_the_timeout() {
    let dir = templates_with_main("\n#for i in range(2000000000) {}\n");
    let started = std::time::Instant::now();
    let (o, out) = render_with_templates(dir.path(), &["--template-timeout", "2"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(started.elapsed().as_secs() < 30);
    assert!(String::from_utf8_lossy(&o.stderr).contains("模板运行超过 2 秒"));
    assert!(!out.exists());
}

/// A template that doubles a string without end meets the memory ceiling: exit 2 and a
/// sentence in Chinese, not an abort, and no PDF.
#[test]
fn a_template_that_eats_memory_is_stopped_at_the_ceiling() {
    let dir =
        templates_with_main("\n#let s = \"ab\"\n#for i in range(40) { s = s + s }\n#s.len()\n");
    let (o, out) = render_with_templates(dir.path(), &[], &[("GONGWEN_MEMORY_LIMIT_MB", "512")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("用自定义模板（--templates）排版时内存用量超过上限"),
        "{err}"
    );
    assert!(!out.exists());
}

/// The ceiling's sentence names what ran: with the built-in templates it blames no template.
#[test]
fn the_memory_ceiling_names_what_ran() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("big.toml");
    std::fs::write(&plan, gongwen_testing::synth::plan_with_projects(3000)).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["render", &s(&plan)])
        .env("GONGWEN_MEMORY_LIMIT_MB", "96")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("用内置模板排版时内存用量超过上限"), "{err}");
    assert!(!err.contains("自定义模板"), "{err}");
    assert!(!dir.path().join("big.pdf").exists());
}

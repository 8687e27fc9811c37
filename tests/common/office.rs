//! LibreOffice, the client no one here wrote that reads our DOCX: found (or required, when
//! GONGWEN_CLIENTS=required), given the office's faces from the bundled fonts, and asked for
//! a PDF to measure.
#![allow(dead_code)] // each test binary uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;

use gongwen_testing::printed::{self, PrintedPage};

use super::{gongwen, root, s, stdout};

/// LibreOffice, if installed (required when GONGWEN_CLIENTS=required).
pub fn soffice() -> Option<PathBuf> {
    let found = ["soffice", "libreoffice"].iter().find_map(|n| {
        let ok = Command::new(n)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| PathBuf::from(n))
    });
    if found.is_none() {
        assert!(
            std::env::var("GONGWEN_CLIENTS").as_deref() != Ok("required"),
            "LibreOffice (soffice) is required here"
        );
        eprintln!("LibreOffice not installed: DOCX checked without it");
    }
    found
}

/// The office faces the DOCX names, found among the bundled fonts (as an office machine
/// finds its own): a fontconfig file for LibreOffice.
pub fn fonts_conf(dir: &Path) -> PathBuf {
    let aliases = [
        ("仿宋_GB2312", "FandolFang R"),
        ("方正小标宋简体", "Noto Serif SC"),
        ("黑体", "Noto Sans SC"),
        ("楷体_GB2312", "LXGW WenKai"),
        ("宋体", "Noto Serif SC"),
    ];
    let mut conf = format!(
        "<?xml version=\"1.0\"?><fontconfig><dir>{}</dir><cachedir>{}</cachedir>",
        root().join("fonts").display(),
        dir.join("fc-cache").display()
    );
    for (name, bundled) in aliases {
        conf.push_str(&format!(
            "<alias binding=\"same\"><family>{name}</family><prefer><family>{bundled}</family></prefer></alias>"
        ));
    }
    conf.push_str("</fontconfig>");
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

/// The plan rendered to DOCX by the CLI, and LibreOffice's PDF of it.
pub fn docx_and_pdf(plan: &str, dir: &Path, soffice: &Path) -> (Vec<u8>, Vec<PrintedPage>) {
    let docx = dir.join("notice.docx");
    let o = gongwen(&["render", plan, "-o", &s(&docx)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .arg(&docx)
        .env("FONTCONFIG_FILE", fonts_conf(dir))
        .output()
        .unwrap();
    let pdf = std::fs::read(dir.join("notice.pdf")).unwrap_or_else(|_| {
        panic!(
            "LibreOffice made no PDF: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (std::fs::read(docx).unwrap(), printed::read(&pdf).unwrap())
}

//! What the page keeps: a Windows file's line endings; 印发, then 更正 with its 更正通知;
//! two 印发 at once, one version.

use serde_json::json;

use super::tests::{Client, served};

#[test]
fn issue_then_correct_through_the_page() {
    let (dir, server) = served();
    let c = Client::new(&server);
    let opened = c.get("/api/open?path=ebian-2023.toml").json();
    let hash = opened["hash"].as_str().unwrap();
    let issued = c.post(
        "/api/issue",
        &json!({ "path": "ebian-2023.toml", "base": hash }),
    );
    assert_eq!(
        issued.status,
        200,
        "{}",
        String::from_utf8_lossy(&issued.body)
    );
    assert_eq!(issued.json()["version"], 1);
    assert!(dir.path().join("archive").is_dir());
    let again = c.post(
        "/api/issue",
        &json!({ "path": "ebian-2023.toml", "base": hash }),
    );
    assert_eq!(again.status, 409);
    let refusal = again.json()["error"].as_str().unwrap().to_string();
    assert!(
        refusal.contains("已经印发过")
            && refusal.contains("点「更正」")
            && !refusal.contains("gongwen reissue"),
        "{refusal}"
    );
    let listed = c.get("/api/plans").json();
    assert_eq!(listed["plans"][0]["issued"], 1);
    // Correct one amount with its correction note.
    let source = opened["source"].as_str().unwrap();
    let corrected = source
        .replacen("funding = 3900", "funding = 3901", 1)
        .replacen("amount = 1000\n", "amount = 1001\n", 1)
        + "\n[correction]\nnotice_number = \"峨边府办函〔2023〕9号\"\ndate = 2023-02-20\n";
    let changes = c
        .post(
            "/api/changes",
            &json!({ "path": "ebian-2023.toml", "source": corrected }),
        )
        .json();
    assert_eq!(changes["latest"], 1);
    let notice = changes["preview"]
        .as_array()
        .expect("the 更正通知 previewed");
    assert!(!notice.is_empty() && notice[0].as_str().unwrap().starts_with("<svg"));
    assert!(
        changes["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l.as_str().unwrap().contains("1000万元 → 1001万元")),
        "{changes}"
    );
    let saved = c
        .post(
            "/api/save",
            &json!({ "path": "ebian-2023.toml", "source": corrected, "base": hash }),
        )
        .json();
    let reissued = c.post(
        "/api/issue",
        &json!({ "path": "ebian-2023.toml", "base": saved["hash"], "from": 1 }),
    );
    assert_eq!(
        reissued.status,
        200,
        "{}",
        String::from_utf8_lossy(&reissued.body)
    );
    assert_eq!(reissued.json()["version"], 2);
    let archive = c.get("/api/archive?verify=1").json();
    let versions = archive["series"][0]["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert!(versions.iter().all(|v| v["verified"] == true), "{archive}");
    let file = versions[1]["files"][0].as_str().unwrap();
    let pdf = c.get(&format!(
        "/api/archive/file?path={}",
        super::http::encode(file)
    ));
    assert_eq!(pdf.status, 200, "{file}");
    assert!(pdf.body.starts_with(b"%PDF"));
    server.stop();
}

#[test]
fn issuing_twice_at_once_archives_one_whole_version() {
    let (_dir, server) = served();
    let c = Client::new(&server);
    let hash = c.get("/api/open?path=ebian-2023.toml").json()["hash"].clone();
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let tries: Vec<_> = (0..3)
            .map(|_| {
                s.spawn(|| {
                    c.post(
                        "/api/issue",
                        &json!({ "path": "ebian-2023.toml", "base": hash }),
                    )
                    .status
                })
            })
            .collect();
        tries.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| matches!(s, 200 | 409)),
        "{statuses:?}"
    );
    let archive = c.get("/api/archive?verify=1").json();
    let versions = archive["series"][0]["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0]["verified"], true, "{archive}");
    server.stop();
}

#[test]
fn a_windows_file_keeps_its_line_endings() {
    let (dir, server) = served();
    let c = Client::new(&server);
    let file = dir.path().join("ebian-2023.toml");
    let crlf = std::fs::read_to_string(&file)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&file, &crlf).unwrap();
    let hash = c.get("/api/open?path=ebian-2023.toml").json()["hash"].clone();
    // The page's editor gives "\n" endings.
    let edited = crlf
        .replace("\r\n", "\n")
        .replacen("amount = 1000\n", "amount = 1001\n", 1);
    let saved = c
        .post(
            "/api/save",
            &json!({ "path": "ebian-2023.toml", "source": edited, "base": hash }),
        )
        .json();
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, edited.replace('\n', "\r\n"));
    // The next save from the page is no conflict.
    assert_eq!(
        saved["hash"],
        crate::archive::manifest::sha256_hex(written.as_bytes())
    );
    let again = c.post(
        "/api/save",
        &json!({ "path": "ebian-2023.toml", "source": edited, "base": saved["hash"] }),
    );
    assert_eq!(again.status, 200);
    server.stop();
}

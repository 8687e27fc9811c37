mod memory;

#[global_allocator]
static ALLOCATOR: memory::Capped = memory::Capped;

/// Windows: the console shows UTF-8 (gongwen prints Chinese). std already writes UTF-16 to a
/// console; this also fixes what a .bat echoes after gongwen in the same window. Without a
/// console (output redirected) the call fails, harmlessly.
#[cfg(windows)]
#[allow(unsafe_code)]
fn console_utf8() {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn SetConsoleOutputCP(code_page: u32) -> i32;
    }
    // SAFETY: a plain Win32 call with an integer argument; it touches no memory of ours.
    let _ = unsafe { SetConsoleOutputCP(65001) };
}

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    console_utf8();
    memory::set_ceiling_from_env();
    // A safety net: no input should make gongwen panic (fuzzed, see docs/performance.md), but if
    // something does, the clerk gets a sentence in Chinese and exit 2, not a Rust trace. PDFs
    // are written atomically at the end, so nothing half-written is left.
    gongwen::guard::guarded(gongwen::cli::main).unwrap_or_else(|e| {
        eprintln!(
            "gongwen 内部错误（不是计划文件写错了）：{e}\n请把计划文件和这段文字发给维护人员。"
        );
        std::process::ExitCode::from(2)
    })
}

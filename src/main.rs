mod memory;

#[global_allocator]
static ALLOCATOR: memory::Capped = memory::Capped;

fn main() -> std::process::ExitCode {
    memory::set_ceiling_from_env();
    // A safety net: no input should make gongwen panic (fuzzed, see README), but if
    // something does, the clerk gets a sentence in Chinese and exit 2, not a Rust trace. PDFs
    // are written atomically at the end, so nothing half-written is left.
    gongwen::guard::guarded(gongwen::cli::main).unwrap_or_else(|e| {
        eprintln!(
            "gongwen 内部错误（不是计划文件写错了）：{e}\n请把计划文件和这段文字发给维护人员。"
        );
        std::process::ExitCode::from(2)
    })
}

//! What gongwen is doing, for the one message that cannot be composed when it is needed: the
//! memory ceiling's (the allocator may not allocate). Each long step says what it is; the
//! ceiling's sentence then names it, instead of guessing.

use std::sync::atomic::{AtomicU8, Ordering};

/// A long step of a command or of the web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Doing {
    Other = 0,
    Check,
    Render,
    RenderCustom,
    Import,
    Preview,
}

static DOING: AtomicU8 = AtomicU8::new(Doing::Other as u8);

/// Says that `what` is running until the guard is dropped (then what ran before).
pub fn doing(what: Doing) -> Guard {
    Guard(DOING.swap(what as u8, Ordering::Relaxed))
}

pub struct Guard(u8);

impl Drop for Guard {
    fn drop(&mut self) {
        DOING.store(self.0, Ordering::Relaxed);
    }
}

/// A sentence for the memory ceiling, naming what ran: a fixed text, nothing allocated.
pub fn over_ceiling() -> &'static str {
    match DOING.load(Ordering::Relaxed) {
        x if x == Doing::Check as u8 => {
            "错误：检查计划时内存用量超过上限，已中止，没有写出任何文件（计划文件异常庞大？上限可用环境变量 GONGWEN_MEMORY_LIMIT_MB 调整）\n"
        }
        x if x == Doing::Render as u8 => {
            "错误：用内置模板排版时内存用量超过上限，已中止，没有写出任何文件（计划的项目极多？上限可用环境变量 GONGWEN_MEMORY_LIMIT_MB 调整）\n"
        }
        x if x == Doing::RenderCustom as u8 => {
            "错误：用自定义模板（--templates）排版时内存用量超过上限，已中止，没有写出任何文件（多半是模板中的循环；上限可用环境变量 GONGWEN_MEMORY_LIMIT_MB 调整）\n"
        }
        x if x == Doing::Import as u8 => {
            "错误：读取导入的表格时内存用量超过上限，已中止，计划文件没有改动（表格异常庞大？上限可用环境变量 GONGWEN_MEMORY_LIMIT_MB 调整）\n"
        }
        x if x == Doing::Preview as u8 => {
            "错误：网页预览排版时内存用量超过上限，gongwen serve 已中止，没有写出任何文件（上限可用环境变量 GONGWEN_MEMORY_LIMIT_MB 调整）\n"
        }
        _ => {
            "错误：内存用量超过上限，已中止，没有写出任何文件（上限可用环境变量 GONGWEN_MEMORY_LIMIT_MB 调整）\n"
        }
    }
}

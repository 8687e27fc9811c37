//! A ceiling on the memory gongwen holds: past it the process ends with a sentence in Chinese
//! and exit 2, not an abort. Typst has no memory limit of its own, and an office's template
//! (`--templates`) can allocate without end (a string doubled in a loop). Nothing is written
//! half: outputs are renamed into place only when whole.
//!
//! The only `unsafe` of the project: a global allocator is an unsafe trait. It adds a count to
//! the system allocator and nothing else.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// 8 GiB by default (a 10,000-project plan peaks at 2.1 GiB); `GONGWEN_MEMORY_LIMIT_MB`
/// sets another, for a machine with less.
static CEILING: AtomicUsize = AtomicUsize::new(8 << 30);
static LIVE: AtomicUsize = AtomicUsize::new(0);

/// Reads `GONGWEN_MEMORY_LIMIT_MB`, before any large allocation.
pub fn set_ceiling_from_env() {
    if let Some(mb) = std::env::var("GONGWEN_MEMORY_LIMIT_MB")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|mb| *mb >= 64)
    {
        CEILING.store(mb.saturating_mul(1 << 20), Ordering::Relaxed);
    }
}

pub struct Capped;

fn reserve(n: usize) {
    let before = LIVE.fetch_add(n, Ordering::Relaxed);
    if before.saturating_add(n) > CEILING.load(Ordering::Relaxed) {
        LIVE.fetch_sub(n, Ordering::Relaxed);
        over();
    }
}

fn release(n: usize) {
    LIVE.fetch_sub(n, Ordering::Relaxed);
}

/// Says so and ends the process. Writes a fixed text to the unbuffered stderr: nothing here
/// allocates.
fn over() -> ! {
    use std::io::Write;
    let _ = std::io::stderr().write_all(gongwen::activity::over_ceiling().as_bytes());
    std::process::exit(2)
}

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            release(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            release(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator, that is by `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        release(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = layout.size();
        if new_size > old {
            reserve(new_size - old);
        }
        // SAFETY: as for `dealloc`; `new_size` is the caller's, checked by `System`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        match (p.is_null(), new_size > old) {
            (true, true) => release(new_size - old),
            (false, false) => release(old - new_size),
            _ => {}
        }
        p
    }
}

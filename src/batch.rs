//! Many plans at once: one piece of work per plan on rayon's pool (a thread per core, the
//! fonts and Typst's caches shared), results in the plans' order. A panic in one piece is
//! that piece's error; the batch goes on. Any front end (the CLI, a web page) uses this.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

/// `work` on every item in parallel; `done(k, n)` after each, with how many have finished.
pub fn each<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    done: impl Fn(usize, usize) + Sync,
) -> Vec<Result<R, String>> {
    let finished = AtomicUsize::new(0);
    items
        .par_iter()
        .map(|item| {
            let r = crate::guard::guarded(|| work(item));
            done(finished.fetch_add(1, Ordering::Relaxed) + 1, items.len());
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_and_a_panic_stays_in_its_item() {
        let items: Vec<u32> = (0..50).collect();
        let calls = AtomicUsize::new(0);
        let out = each(
            &items,
            |&i| {
                assert!(i != 7, "seven");
                i * 2
            },
            |_, n| {
                assert_eq!(n, 50);
                calls.fetch_add(1, Ordering::Relaxed);
            },
        );
        assert_eq!(calls.load(Ordering::Relaxed), 50);
        for (i, r) in out.iter().enumerate() {
            match r {
                Ok(v) => assert_eq!(*v, i as u32 * 2),
                Err(e) => assert!(i == 7 && e.contains("seven"), "{e}"),
            }
        }
    }
}

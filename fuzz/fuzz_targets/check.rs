#![no_main]
//! Any bytes as a plan file: loading, every rule and the JSON view must not panic or hang.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gongwen_testing::mutate::exercise(data);
});

//! The 峨边 plan as the unit tests' shared fixture. The generators (random, large and
//! mutated plans) are the `gongwen-testing` crate in `testing/`.

pub(crate) mod fixture;

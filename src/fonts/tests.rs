use super::*;

#[test]
fn every_chain_names_bundled_families() {
    let families = FONTS.families();
    for role in Role::ALL {
        for f in role.chain() {
            assert!(
                families.iter().any(|x| x == f),
                "{f} not bundled: {families:?}"
            );
        }
    }
}

#[test]
fn rare_name_characters_fall_back_to_serif() {
    let env = FontEnv::bundled();
    // FandolFang lacks 堃; the body chain still covers it through Noto Serif SC.
    assert!(env.covers(Role::Body, '堃'));
    assert!(env.covers(Role::Body, '〔'));
    assert!(env.covers(Role::Yi, '\u{A188}'));
    assert!(!env.covers(Role::Body, '\u{1F600}'));
    assert!(!env.covers(Role::Title, '\u{A188}'));
}

#[test]
fn coverage_lookup_matches_typst_coverage() {
    for (i, f) in FONTS.fonts.iter().enumerate() {
        let r = ranges_of(f);
        let cov = &FONTS.coverage[i];
        for c in [
            0x20, 0x41, 0x5CE8, 0x5803, 0x3014, 0xA188, 0xFFFF, 0x1F600, 0x20000, 0x10FFFF,
        ] {
            let typst = f.info().coverage.contains(c);
            assert_eq!(in_ranges(&r, c), typst, "U+{c:04X}");
            assert_eq!(
                cov.has(char::from_u32(c).unwrap()),
                typst,
                "face {i} U+{c:04X}"
            );
        }
    }
}

#[test]
fn an_office_choice_comes_first_and_bundled_faces_stay_as_fallback() {
    let chosen = BTreeMap::from([(Role::Body, vec!["LXGW WenKai".to_string()])]);
    let env = FontEnv::new(FONTS.clone(), &chosen);
    assert_eq!(
        env.chain(Role::Body),
        ["LXGW WenKai", "FandolFang R", "Noto Serif SC"]
    );
    assert_eq!(env.chain(Role::Title), ["Noto Serif SC"]);
}

// Dev aid: prints runs and rules of pages of a rendered plan.
use gongwen::check::{CheckOptions, check_path};
use gongwen::render::{RenderOptions, render, templates::Templates};
use gongwen_testing::inspect;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = check_path(std::path::Path::new(&args[1]), &CheckOptions::default());
    let checked = out.into_checked().unwrap();
    let opts = RenderOptions {
        templates: Templates::from_dir("templates".as_ref()).unwrap(),
        pdf_a: false,
    };
    let r = render(&checked, &opts).unwrap();
    let pages = inspect::pages(&r.document);
    let wanted: Vec<usize> = args[2..].iter().map(|s| s.parse().unwrap()).collect();
    for (i, p) in pages.iter().enumerate() {
        if !wanted.is_empty() && !wanted.contains(&(i + 1)) {
            continue;
        }
        println!("== page {} ({:.1}x{:.1})", i + 1, p.width, p.height);
        for r in &p.runs {
            println!(
                "  run x={:.2} base={:.2} w={:.2} size={} red={} {:?} {}",
                r.x, r.baseline, r.width, r.size, r.red, r.family, r.text
            );
        }
        for l in &p.rules {
            println!(
                "  rule x={:.2} y={:.2} len={:.2} th={:.2} red={}",
                l.x, l.y, l.length, l.thickness, l.red
            );
        }
    }
}

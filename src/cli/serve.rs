//! `gongwen serve [DIR]`: the local web page (see `crate::serve`).

use std::path::PathBuf;

use super::exit;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 存放计划文件（及存档 archive 文件夹）的文件夹
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// 端口（默认自动选一个空闲端口）
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// 不自动打开浏览器
    #[arg(long)]
    pub no_open: bool,
    #[command(flatten)]
    pub fonts: super::FontArgs,
}

pub fn run(args: &Args) -> u8 {
    let Some(fonts) = args.fonts.load() else {
        return exit::USAGE_OR_IO;
    };
    let options = crate::serve::Options {
        port: args.port,
        fonts,
    };
    let server = match crate::serve::start(&args.dir, &options) {
        Ok(s) => s,
        Err(e) => {
            errln!("错误：{e}");
            return exit::USAGE_OR_IO;
        }
    };
    outln!("gongwen 已启动，在浏览器中打开：{}", server.url);
    outln!("（只有本机能访问；按 Ctrl+C 结束）");
    if !args.no_open && open_browser(&server.url).is_err() {
        outln!("没能自动打开浏览器：请把上面的地址复制到浏览器地址栏");
    }
    server.wait();
    exit::OK
}

/// The system's own way to open an address in the default browser.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut cmd = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

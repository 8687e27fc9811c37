// The browser tests' shared setup: `gongwen serve` on a temporary folder holding copies of
// the given plans, and Debian's chromium driven by playwright-core (no browser download).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../..");
export const bin = process.env.GONGWEN_BIN || path.join(repo, "target/debug/gongwen");
export const shots = path.join(repo, "web/test-output");

// Starts a server on a folder with `files` (paths in the repository, copied by their names)
// and a browser page at `viewport`. Returns what a test needs, and `close()`.
export async function start(files, { viewport = { width: 1440, height: 900 }, scale = 1 } = {}) {
  fs.mkdirSync(shots, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongwen-serve-"));
  for (const f of files) fs.copyFileSync(path.join(repo, f), path.join(dir, path.basename(f)));
  const server = spawn(bin, ["serve", dir, "--no-open"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?t=[0-9a-f]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`gongwen serve exited (${code}): ${out}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    // A Chinese clerk's browser: dates in the form as 2023/02/07. LC_ALL: a UTF-8 locale that
    // is installed everywhere (zh_CN.UTF-8 often is not, and without one chromium names every
    // download with a Chinese name "download").
    env: { ...process.env, LANG: "zh_CN.UTF-8", LANGUAGE: "zh_CN:zh", LC_ALL: "C.UTF-8" },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--lang=zh-CN"],
  });
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale, locale: "zh-CN", acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  return {
    dir, url, server, browser, context, page,
    origin: new URL(url).origin,
    token: new URL(url).searchParams.get("t"),
    shot: (name, p = page) => p.screenshot({ path: path.join(shots, `${name}.png`) }),
    async close() {
      await browser.close();
      server.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Opens a plan from the list and waits for its preview.
export async function openPlan(page, url, name) {
  await page.goto(url);
  const row = page.locator("#plans tr", { hasText: name });
  await row.getByRole("button", { name: "打开" }).click();
  await page.waitForFunction(() => document.querySelectorAll("#pages .page svg").length >= 1);
}

// Until the page has no update on its way and the preview is current.
export async function settled(page) {
  await page.waitForFunction(() => document.querySelectorAll("#pages .page").length > 0);
  await page.waitForTimeout(300);
}

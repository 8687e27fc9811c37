// The OFD, opened by two readers no one here wrote — ofd.js (npm, in Debian's chromium) and
// easyofd (PyPI) — each page drawn at 100 dpi and compared with the PDF's page drawn by
// pdftoppm; the text each reader takes from the file compared with the PDF's.
//
// The measure: each pixel is white, red or dark (ink classes, so antialiasing and a reader's
// own rasteriser do not count); a pixel is equal when each image's class there is found in the
// other image within one pixel (a 3×3 neighbourhood). The issue asks for ≥ 99% of pixels equal;
// as most of a page is paper, the share of inked pixels that are equal is reported too, and held
// to 85% for ofd.js (the browser snaps each text box to whole pixels: a 1–2 px offset on thin
// strokes of the small turned table text is what keeps it below 100%).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { bin, repo, shots } from "./harness.mjs";

const required = process.env.GONGWEN_CLIENTS === "required";
const DPI = 100;
// ofd.js draws at ((width − 10) / page mm) px/mm rounded to one decimal: 819 px gives 3.9.
const OFDJS_WIDTH = 819;
const OFDJS_SCALE = 3.9;

function have(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// ofd.js 0.2.6 (Apache-2.0; later versions are a licensed wasm core): its self-contained
// bundle, from the npm registry's tarball, kept under node_modules/.cache.
function ofdJs() {
  const dir = path.join(repo, "web/node_modules/.cache/ofd.js-0.2.6");
  const lib = path.join(dir, "package/lib/ofd.umd.min.js");
  if (!fs.existsSync(lib)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("npm", ["pack", "ofd.js@0.2.6", "--silent", "--pack-destination", dir], { stdio: "ignore" });
    execFileSync("tar", ["xzf", path.join(dir, "ofd.js-0.2.6.tgz"), "-C", dir, "package/lib/ofd.umd.min.js"]);
  }
  return lib;
}

// What ofd.js asks the browser for, for a font named `name` (its FONT_FAMILY table, in
// src/ofd_util.js of 0.2.6): the first family of the list it writes.
const OFDJS_FAMILIES = [["楷体", "楷体"], ["kaiti", "楷体"], ["kai", "楷体"], ["simsun", "SimSun"], ["宋体", "SimSun"],
  ["黑体", "SimHei"], ["仿宋", "FangSong"], ["小标宋体", "sSun"], ["方正小标宋_gbk", "sSun"]];
function ofdJsFamily(name) {
  const hit = OFDJS_FAMILIES.find(([key]) => name.toLowerCase().includes(key));
  return hit ? hit[1] : name;
}

// The fonts the OFD embeds, as @font-face rules under the names ofd.js asks for. (ofd.js draws
// SVG text by family name and never reads the embedded files itself; a clerk's reader with
// the fonts installed gets the same.)
function fontFaces(ofd) {
  const res = execFileSync("unzip", ["-p", ofd, "Doc_0/PublicRes.xml"]).toString();
  const rules = [];
  for (const m of res.matchAll(/<ofd:Font ([^>]*)><ofd:FontFile>([^<]+)<\/ofd:FontFile>/g)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const data = execFileSync("unzip", ["-p", ofd, `Doc_0/Res/${m[2]}`], { maxBuffer: 64 << 20 });
    const family = ofdJsFamily(attrs.FamilyName || attrs.FontName);
    const weight = attrs.Bold === "true" ? 700 : 400;
    rules.push(`@font-face { font-family: "${family}"; font-weight: ${weight}; src: url(data:font/otf;base64,${data.toString("base64")}); }`);
  }
  return rules.join("\n");
}

// The measure above, run in the page on two PNG files.
async function compare(page, a, b) {
  const url = (f) => `data:image/png;base64,${fs.readFileSync(f).toString("base64")}`;
  return page.evaluate(async ([ua, ub]) => {
    const pixels = async (u) => {
      const img = new Image();
      img.src = u;
      await img.decode();
      const c = new OffscreenCanvas(img.width, img.height);
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, img.width, img.height).data;
      const cls = new Uint8Array(img.width * img.height);
      for (let i = 0; i < cls.length; i++) {
        const [r, gr, bl] = [d[4 * i], d[4 * i + 1], d[4 * i + 2]];
        cls[i] = r > 160 && gr > 160 && bl > 160 ? 0 : r > 160 && gr < 120 ? 2 : 1;
      }
      return { w: img.width, h: img.height, cls };
    };
    const [A, B] = [await pixels(ua), await pixels(ub)];
    const w = Math.min(A.w, B.w), h = Math.min(A.h, B.h);
    const near = (img, x, y, c) => {
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h && img.cls[yy * img.w + xx] === c) return true;
      }
      return false;
    };
    let equal = 0, ink = 0, inkEqual = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const ca = A.cls[y * A.w + x], cb = B.cls[y * B.w + x];
      const same = near(B, x, y, ca) && near(A, x, y, cb);
      if (same) equal++;
      if (ca || cb) { ink++; if (same) inkEqual++; }
    }
    return { size: [A.w, A.h, B.w, B.h], equal: equal / (w * h), ink: ink ? inkEqual / ink : 1 };
  }, [url(a), url(b)]);
}

// The pages (from 1) with an image (a seal).
function imagePages(ofd) {
  const names = execFileSync("unzip", ["-Z1", ofd]).toString().split("\n").filter((f) => /Content\.xml$/.test(f));
  return new Set(names
    .filter((f) => execFileSync("unzip", ["-p", ofd, f], { maxBuffer: 64 << 20 }).toString().includes("<ofd:ImageObject "))
    .map((f) => Number(/Page_(\d+)/.exec(f)[1]) + 1));
}

// The pages (from 1) with a turned text object (a CTM that is not a pure scale).
function turnedPages(ofd) {
  const names = execFileSync("unzip", ["-Z1", ofd]).toString().split("\n").filter((f) => /Content\.xml$/.test(f));
  const turned = new Set();
  for (const f of names) {
    const xml = execFileSync("unzip", ["-p", ofd, f], { maxBuffer: 64 << 20 }).toString();
    for (const m of xml.matchAll(/<ofd:TextObject [^>]*CTM="([^"]*)"/g)) {
      const [, b, c] = m[1].split(" ").map(Number);
      if (b !== 0 || c !== 0) turned.add(Number(/Page_(\d+)/.exec(f)[1]) + 1);
    }
  }
  return turned;
}

const norm = (s) => s.replace(/\s+/g, "");
const pct = (x) => `${(100 * x).toFixed(2)}%`;

test("the OFD, read and drawn by ofd.js and easyofd, is the PDF's pages and text", (t) => bothReaders(t, "plans/ebian-2023.toml", 10));

// A sealed 公告: its seal's PNG an ImageObject both readers draw where the PDF does.
test("a sealed document's OFD, read and drawn by both readers, is the PDF's, seal and all", (t) => bothReaders(t, "plans/examples/announcement.toml", 4));

async function bothReaders(t, rel, least) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongwen-ofd-"));
  const plan = path.join(repo, rel);
  const shot = path.basename(rel, ".toml") === "ebian-2023" ? "" : `${path.basename(rel, ".toml")}-`;
  const pdf = path.join(dir, "notice.pdf"), ofd = path.join(dir, "notice.ofd");
  execFileSync(bin, ["render", plan, "-o", pdf]);
  execFileSync(bin, ["render", plan, "-o", ofd]);
  execFileSync("pdftoppm", ["-r", String(DPI), "-png", pdf, path.join(dir, "pdf")]);
  const pdfPages = fs.readdirSync(dir).filter((f) => /^pdf-\d+\.png$/.test(f)).sort();
  const pdfPng = (n) => path.join(dir, pdfPages[n - 1]);
  const pdfText = (n) => norm(execFileSync("pdftotext", ["-raw", "-f", String(n), "-l", String(n), pdf, "-"]).toString());
  const pages = pdfPages.length;
  assert.ok(pages >= least, `${rel} has ${pages} pages`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    // ofd.js draws at 3.9 px/mm; the device scale makes that 100 dpi on the screenshot.
    const context = await browser.newContext({ viewport: { width: 900, height: 1300 }, deviceScaleFactor: DPI / 25.4 / OFDJS_SCALE });
    const page = await context.newPage();
    await page.setContent('<html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff"><div id="root"></div></body></html>');
    await page.addStyleTag({ content: fontFaces(ofd) });
    await page.addScriptTag({ path: ofdJs() });
    const drawn = await page.evaluate(async ([b64, width]) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;
      const docs = await new Promise((resolve, reject) =>
        window.ofd.parseOfdDocument({ ofd: bin, success: resolve, fail: reject }));
      const root = document.getElementById("root");
      for (const div of window.ofd.renderOfd(width, docs[0])) {
        div.classList.add("ofd-page");
        root.appendChild(div);
      }
      await document.fonts.ready;
      return [...document.querySelectorAll(".ofd-page")].map((p) => [...p.querySelectorAll("text")].map((x) => x.textContent).join(""));
    }, [fs.readFileSync(ofd).toString("base64"), OFDJS_WIDTH]);
    assert.equal(drawn.length, pages, "ofd.js draws every page");
    await t.test("ofd.js", async () => {
      const divs = page.locator(".ofd-page");
      const worst = { equal: 1, ink: 1 };
      // ofd.js draws an image at 96 dpi (0.2642 mm a pixel, in its CTM) whatever the scale it
      // draws the rest at (3.9 px/mm here): a seal comes out 3% small, its thin ring off by up
      // to 5 px. Such a page is held to the issue's measure (≥ 99% of pixels), not the ink one.
      const images = imagePages(ofd);
      for (let n = 1; n <= pages; n++) {
        assert.equal(norm(drawn[n - 1]), pdfText(n), `ofd.js's text of page ${n} is the PDF's`);
        const png = path.join(dir, `ofdjs-${n}.png`);
        // Each page alone at the top of the view: stacked pages stand at fractional offsets.
        await page.evaluate((k) => document.querySelectorAll(".ofd-page").forEach((p, i) => {
          p.style.display = i === k ? "" : "none";
        }), n - 1);
        await divs.nth(n - 1).screenshot({ path: png });
        const m = await compare(page, pdfPng(n), png);
        const sealed = images.has(n) ? " (an image: ink not held)" : "";
        console.log(`ofd.js page ${n}: ${m.size.join("×")}, equal ${pct(m.equal)}, inked equal ${pct(m.ink)}${sealed}`);
        assert.ok(m.equal >= 0.99, `ofd.js page ${n}: ${pct(m.equal)} of pixels equal`);
        if (!sealed) assert.ok(m.ink >= 0.85, `ofd.js page ${n}: ${pct(m.ink)} of inked pixels equal`);
        worst.equal = Math.min(worst.equal, m.equal);
        worst.ink = Math.min(worst.ink, m.ink);
        if (n === 1 || n === 11) fs.copyFileSync(png, path.join(shots, `ofdjs-${shot}page-${n}.png`));
      }
      console.log(`ofd.js, worst page: equal ${pct(worst.equal)}, inked equal ${pct(worst.ink)}`);
    });

    // easyofd draws every character in one face it calls 宋体 (never the file's fonts) and
    // cannot turn text (it reads a text CTM's scale and offset only: draw_pdf.py). So its
    // drawing is compared with the PDF of the same plan set in that one face, on the pages
    // with no turned text; the turned table pages are measured and shown, not held to it.
    await t.test("easyofd", async (tt) => {
      if (!have("python3", ["-c", "import easyofd, fitz"])) {
        assert.ok(!required, "easyofd (PyPI) is not installed");
        tt.skip("easyofd is not installed (pip install easyofd)");
        return;
      }
      const face = "Noto Serif SC";
      // What the plans name beside them: the 峨边 roster, the example seal.
      fs.copyFileSync(path.join(repo, "plans/ebian-roster.toml"), path.join(dir, "ebian-roster.toml"));
      fs.copyFileSync(path.join(repo, "plans/examples/示例印章.png"), path.join(dir, "示例印章.png"));
      const roles = ["title", "body", "heading1", "heading2", "page_number"];
      const same = path.join(dir, "same.toml");
      fs.writeFileSync(same, fs.readFileSync(plan, "utf8") + `\n[fonts]\n${roles.map((r) => `${r} = ["${face}"]`).join("\n")}\n`);
      execFileSync(bin, ["render", same, "-o", path.join(dir, "same.pdf")]);
      execFileSync(bin, ["render", same, "-o", path.join(dir, "same.ofd")]);
      execFileSync("pdftoppm", ["-r", String(DPI), "-png", path.join(dir, "same.pdf"), path.join(dir, "same")]);
      const out = path.join(dir, "easyofd");
      execFileSync("python3", [path.join(repo, "tests/clients/easyofd_pages.py"), path.join(dir, "same.ofd"), out,
        path.join(repo, "fonts/NotoSerifSC_400Regular.ttf")], { stdio: ["ignore", "inherit", "ignore"] });
      const texts = JSON.parse(fs.readFileSync(path.join(out, "text.json"), "utf8"));
      const samePages = fs.readdirSync(dir).filter((f) => /^same-\d+\.png$/.test(f)).sort();
      assert.equal(texts.length, samePages.length, "easyofd reads every page");
      const sameText = (n) => norm(execFileSync("pdftotext", ["-raw", "-f", String(n), "-l", String(n), path.join(dir, "same.pdf"), "-"]).toString());
      const turned = turnedPages(path.join(dir, "same.ofd"));
      for (let n = 1; n <= texts.length; n++) {
        assert.equal(norm(texts[n - 1]), sameText(n), `easyofd's text of page ${n} is the PDF's`);
        const png = path.join(out, `page-${n}.png`);
        const m = await compare(page, path.join(dir, samePages[n - 1]), png);
        const note = turned.has(n) ? " (turned table: not held)" : "";
        console.log(`easyofd page ${n}: ${m.size.join("×")}, equal ${pct(m.equal)}, inked equal ${pct(m.ink)}${note}`);
        if (n === 1) fs.copyFileSync(png, path.join(shots, `easyofd-${shot}page-1.png`));
        if (!turned.has(n)) {
          assert.ok(m.equal >= 0.99, `easyofd page ${n}: ${pct(m.equal)} of pixels equal`);
        }
      }
    });
  } finally {
    await browser.close();
    if (!process.env.GONGWEN_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

// End to end: `gongwen serve` on a copy of the 峨边 plan, driven in Debian's chromium by
// playwright-core (no browser download). Screenshots of the main states go to
// web/test-output/. Run after `cargo build` (or set GONGWEN_BIN): `npm test` in web/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { start, settled as settledOn } from "./harness.mjs";

const PLAN = "ebian-2023.toml";

let dir, url, origin, token, page, shot, env;

before(async () => {
  env = await start([`plans/${PLAN}`, "plans/ebian-roster.toml"]);
  ({ dir, url, origin, token, page, shot } = env);
});

after(async () => {
  await env?.close();
});

const amount = (c, p) => page.locator(`[data-fpath="plan.categories[${c}].projects[${p}].amount"]`);
const funding = () => page.locator('[data-fpath="plan.funding"]');
const pageHashes = () => page.locator("#pages .page").evaluateAll((ps) => ps.map((p) => p.dataset.hash));

async function setField(locator, value) {
  await locator.fill(value);
  await locator.press("Tab");
}

// Waits until the last update is shown: the grid holds the value the file now has.
const settled = () => settledOn(page);

test("the plans list, then the 峨边 plan with its form and preview", async () => {
  await page.goto(url);
  const row = page.locator("#plans tr", { hasText: PLAN });
  await row.waitFor();
  assert.match(await row.textContent(), /无错误/);
  assert.match(await row.textContent(), /峨边府办函〔2023〕7号/);
  assert.ok(!page.url().includes("t="), "the token leaves the address bar");
  await shot("01-plans");
  await row.getByRole("button", { name: "打开" }).click();
  // Every page has its place; those in view are drawn (the rest as they are scrolled to).
  await page.waitForFunction(() => document.querySelectorAll("#pages .page").length >= 5
    && document.querySelector("#pages .page svg"));
  assert.equal(await amount(0, 0).inputValue(), "1000");
  assert.match(await page.locator("#figures").textContent(), /合计 3900万元，11 个项目/);
  assert.match(await page.locator("#summary").textContent(), /实施项目5类11个/);
  assert.match(await page.locator('[data-derived="plan.categories[0].projects"]').textContent(), /小计 1950万元.*占 50%/);
  assert.equal(await page.locator("#state").textContent(), "无错误");
  await shot("02-edit");
});

test("an amount changed in the grid: sum-funding, the preview greyed; fixed: new pages", async () => {
  const before = await pageHashes();
  await setField(amount(0, 0), "1001");
  const finding = page.locator('#findings li[data-code="sum-funding"]');
  await finding.waitFor();
  assert.match(await page.locator("#pages").getAttribute("class"), /stale/);
  assert.equal(await page.locator("#preview-note").isVisible(), true);
  assert.match(await page.locator("#state").textContent(), /个错误/);
  assert.match(await page.locator('[data-derived="plan.categories[0].projects"]').textContent(), /小计 1951万元/);
  await shot("03-error");
  // The finding leads to its field.
  await finding.click();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.fpath), "plan.funding");
  await setField(funding(), "3901");
  await page.waitForFunction(() => !document.querySelector("#pages").classList.contains("stale"));
  await settled();
  assert.equal(await finding.count(), 0);
  const after = await pageHashes();
  assert.notDeepEqual(after, before, "the changed pages are new");
  assert.ok(after.some((h) => before.includes(h)), "the unchanged pages are kept");
  assert.match(await page.locator("#summary").textContent(), /3901万元/);
  await shot("04-fixed");
});

test("the TOML source edited: the form follows; saved in place", async () => {
  await page.getByRole("button", { name: "源文件", exact: true }).click();
  const line = page.locator(".cm-line", { hasText: 'program = "东西部协作"' });
  await line.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.insertText('program = "东西部协作帮扶"');
  await shot("05-source");
  await page.getByRole("button", { name: "表单" }).click();
  await page.waitForFunction(() => document.querySelector('[data-fpath="plan.program"]').value === "东西部协作帮扶");
  await page.getByRole("button", { name: "保存 *" }).click();
  await page.getByRole("button", { name: "保存", exact: true }).waitFor();
  const text = fs.readFileSync(path.join(dir, PLAN), "utf8");
  assert.match(text, /program = "东西部协作帮扶"\n/);
  assert.match(text, /amount = 1001\n/);
  assert.match(text, /# 更正：原件正文“宜坪粮果产业园区一提升改造”/, "comments are kept");
});

test("a category renamed in the form: the summary sentence and the subtotal label follow", async () => {
  const name = page.locator('[data-fpath="plan.categories[2].name"]');
  assert.equal(await name.inputValue(), "人才交流");
  await setField(name, "人才协作");
  await page.waitForFunction(() => document.querySelector("#summary").textContent.includes("人才协作项目1个"));
  await setField(name, "人才交流");
  await page.waitForFunction(() => document.querySelector("#summary").textContent.includes("人才交流项目1个"));
});

test("a project added in the grid shows all its fields and what it lacks; deleted again", async () => {
  const rows = page.locator('[data-group="plan.categories[3].projects"] tr[data-row]');
  assert.equal(await rows.count(), 1);
  await page.locator('[data-group="plan.categories[3].projects"]').getByRole("button", { name: "＋ 增加项目" }).click();
  await rows.nth(1).waitFor();
  const content = page.locator('[data-fpath="plan.categories[3].projects[1].content"]');
  assert.equal(await content.isVisible(), true, "a new project's details are open");
  // Its missing 建设内容 is a finding that leads to the field.
  const missing = page.locator('#findings li[data-code="field-required"]', { hasText: "建设规模和内容不能为空" });
  await missing.first().waitFor();
  await shot("05b-new-project");
  await content.evaluate((e) => e.blur());
  await missing.first().click();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.fpath), "plan.categories[3].projects[1].content");
  await setField(content, "新建冷链仓储500平方米");
  await page.waitForFunction(() => document.querySelector('[data-fpath="plan.categories[3].projects[1].content"]').value === "新建冷链仓储500平方米");
  assert.match(await page.locator('[data-fpath="plan.categories[3].projects[1].content"]').inputValue(), /冷链/);
  await rows.nth(1).getByRole("button", { name: "✕" }).click();
  await page.locator("#dialog").getByRole("button", { name: "删除" }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-group="plan.categories[3].projects"] tr[data-row]').length === 1);
  await page.waitForFunction(() => !document.querySelector("#pages").classList.contains("stale"));
  assert.equal(await page.locator("#state").textContent(), "无错误");
});

test("a file changed elsewhere is offered, not overwritten", async () => {
  const file = path.join(dir, PLAN);
  const elsewhere = fs.readFileSync(file, "utf8").replace('printed_by = "峨边彝族自治县人民政府办公室"', 'printed_by = "峨边彝族自治县人民政府办公室" # 别处的改动');
  fs.writeFileSync(file, elsewhere);
  await setField(page.locator('[data-fpath="notice.title"]'), (await page.locator('[data-fpath="notice.title"]').inputValue()) + "");
  await page.locator('[data-fpath="plan.program"]').fill("东西部协作");
  await page.locator('[data-fpath="plan.program"]').press("Tab");
  await page.getByRole("button", { name: "保存 *" }).waitFor();
  await page.getByRole("button", { name: "保存 *" }).click();
  await page.locator("#dialog", { hasText: "文件在别处被改动过" }).waitFor();
  await shot("06-conflict");
  assert.equal(fs.readFileSync(file, "utf8"), elsewhere, "nothing written while the clerk chooses");
  await page.getByRole("button", { name: "用文件中的版本" }).click();
  await page.waitForFunction(() => document.querySelector('[data-fpath="plan.program"]').value === "东西部协作帮扶");
  assert.equal(fs.readFileSync(file, "utf8"), elsewhere);
});

test("the table exported to XLSX and imported back", async () => {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出计划表" }).click();
  const xlsx = path.join(dir, "exported.xlsx");
  await (await download).saveAs(xlsx);
  assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), "PK");
  // Two amounts moved in the grid (the total unchanged), saved; the exported table brings them back.
  await setField(amount(0, 0), "1000");
  await setField(amount(0, 1), "951");
  await page.waitForFunction(() => !document.querySelector("#pages").classList.contains("stale"));
  await page.getByRole("button", { name: "保存 *" }).click();
  await page.getByRole("button", { name: "保存", exact: true }).waitFor();
  await page.locator("#import").setInputFiles(xlsx);
  const dialog = page.locator("#dialog", { hasText: "导入 exported.xlsx" });
  await dialog.waitFor();
  const text = await dialog.textContent();
  assert.match(text, /5 类 11 个项目/);
  assert.match(text, /1000万元 → 1001万元/);
  assert.match(text, /951万元 → 950万元/);
  await shot("07-import");
  await page.getByRole("button", { name: "导入并保存" }).click();
  await page.waitForFunction(() => document.querySelector('[data-fpath="plan.categories[0].projects[0].amount"]').value === "1001");
  assert.match(fs.readFileSync(path.join(dir, PLAN), "utf8"), /amount = 1001\n[^]*amount = 950\n/);
});

test("issued, then corrected, and the archive verified", async () => {
  await page.getByRole("button", { name: "印发" }).click();
  const confirm = page.locator("#dialog", { hasText: "印发后" });
  await confirm.waitFor();
  assert.equal(await page.locator("#confirm-number").textContent(), "峨边府办函〔2023〕7号");
  await shot("08-issue-confirm");
  await confirm.getByRole("button", { name: "印发" }).click();
  await page.locator("#dialog", { hasText: "v1 已存入" }).waitFor();
  await page.getByRole("button", { name: "好" }).click();
  assert.ok(fs.existsSync(path.join(dir, "archive")));
  // A correction: one amount each way; the correction's own 文号 and date in the dialog.
  await setField(amount(0, 0), "1000");
  await setField(amount(0, 1), "951");
  await page.getByRole("button", { name: "更正" }).click();
  await page.locator("#dialog", { hasText: "更正前先保存" }).waitFor();
  await page.locator("#dialog").getByRole("button", { name: "保存" }).click();
  await page.locator("#correction-number").fill("峨边府办函〔2023〕9号");
  await page.locator("#correction-date").fill("2023-02-20");
  await shot("09-correction");
  await page.getByRole("button", { name: "写入更正表" }).click();
  await page.locator("#dialog", { hasText: "更正前先保存" }).waitFor();
  await page.locator("#dialog").getByRole("button", { name: "保存" }).click();
  const changes = page.locator("#dialog", { hasText: "将列入更正通知" });
  await changes.waitFor();
  assert.match(await changes.textContent(), /1001万元 → 1000万元/);
  await page.locator("#dialog .corr-preview svg").first().waitFor();
  assert.match(fs.readFileSync(path.join(dir, PLAN), "utf8"), /\[correction\]\nnotice_number = "峨边府办函〔2023〕9号"\ndate = 2023-02-20\n/);
  await shot("10-reissue");
  await changes.getByRole("button", { name: "印发 v2" }).click();
  await page.locator("#dialog", { hasText: "v2 已存入" }).waitFor();
  await page.getByRole("button", { name: "好" }).click();
  await page.getByRole("button", { name: "存档" }).click();
  await page.locator("#dialog", { hasText: "核对存档" }).waitFor();
  await page.getByRole("button", { name: "核对存档" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll("#dialog td")].filter((t) => t.textContent === "一致").length === 2);
  assert.equal(await page.locator("#dialog a", { hasText: "correction.pdf" }).count(), 1);
  await shot("11-archive");
  await page.getByRole("button", { name: "关闭" }).click();
});

function raw(method, pathname, headers, body = "") {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${pathname}`, { method, headers }, (res) => {
      let data = "";
      res.on("data", (d) => (data += d));
      res.on("end", () => resolve({ status: res.statusCode, body: data }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("a cross-origin post and a path outside the folder are refused", async () => {
  const outside = path.join(path.dirname(dir), "gongwen-e2e-outside.toml");
  const body = JSON.stringify({ path: PLAN, source: "x", base: null });
  const cross = await raw("POST", "/api/save", { Origin: "http://evil.example", Cookie: `gongwen_token_${new URL(url).port}=${token}`, "Content-Type": "application/json" }, body);
  assert.equal(cross.status, 403);
  const rebound = await raw("GET", "/api/plans", { Host: `evil.example:${new URL(url).port}`, "X-Gongwen-Token": token });
  assert.equal(rebound.status, 403);
  const tokenless = await raw("GET", "/api/plans", {});
  assert.equal(tokenless.status, 403);
  // Someone at the address bar without the token reads why, in Chinese.
  const bare = await raw("GET", "/", {});
  assert.equal(bare.status, 403);
  assert.match(bare.body, /请用 gongwen serve 打印的地址打开页面/);
  // From the page itself (its cookie): names outside the folder are refused.
  const statuses = await page.evaluate(async () => {
    const names = ["../gongwen-e2e-outside.toml", "/etc/passwd", "../../etc/hosts.toml"];
    const opened = await Promise.all(names.map((n) => fetch(`/api/open?path=${encodeURIComponent(n)}`).then((r) => r.status)));
    const saved = await fetch("/api/save", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ path: "../gongwen-e2e-outside.toml", source: "x", base: null }) }).then((r) => r.status);
    return [...opened, saved];
  });
  assert.ok(statuses.every((s) => s === 403 || s === 400), String(statuses));
  assert.ok(!fs.existsSync(outside));
  assert.match(fs.readFileSync(path.join(dir, PLAN), "utf8"), /^#:schema/, "the plan was not replaced");
});

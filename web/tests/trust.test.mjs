// Nothing a clerk types is lost: every action takes the field being typed in; a value the form
// cannot show is shown, never overwritten; a conflict shows what differs and its default keeps
// what was saved. Each test types as a clerk does and acts at once, without leaving the field.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, openPlan } from "./harness.mjs";

const PLAN = "ebian-2023.toml";
let env, page;

before(async () => {
  env = await start([`plans/${PLAN}`, "plans/ebian-roster.toml", "plans/examples/funding-sources.toml"]);
  page = env.page;
  await openPlan(page, env.url, PLAN);
});

after(async () => {
  await env?.close();
});

const docNumber = () => page.locator('[data-fpath="notice.doc_number"]');
const onDisk = () => fs.readFileSync(path.join(env.dir, PLAN), "utf8");

test("typed, then Ctrl+S: what was typed is saved", async () => {
  await docNumber().fill("峨边府办函〔2023〕9号");
  await page.keyboard.press("Control+s");
  await page.locator("#toast", { hasText: "已保存" }).waitFor();
  assert.match(onDisk(), /doc_number = "峨边府办函〔2023〕9号"/);
});

test("typed, then 生成 PDF: the PDF is made from what was typed", async () => {
  await docNumber().fill("峨边府办函〔2023〕10号");
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/pdf"));
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "生成 PDF" }).click();
  assert.match((await sent).postData(), /峨边府办函〔2023〕10号/);
  await download;
});

for (const [button, ext, number] of [["生成 Word", "docx", 13], ["生成 OFD", "ofd", 14]]) {
  test(`typed, then ${button}: the file is made from what was typed`, async () => {
    await docNumber().fill(`峨边府办函〔2023〕${number}号`);
    const sent = page.waitForRequest((r) => r.url().endsWith(`/api/${ext}`));
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: button }).click();
    assert.match((await sent).postData(), new RegExp(`峨边府办函〔2023〕${number}号`));
    const file = path.join(env.dir, `notice.${ext}`);
    await (await download).saveAs(file);
    assert.equal(fs.readFileSync(file).subarray(0, 2).toString(), "PK");
    assert.match((await download).suggestedFilename(), new RegExp(`${number}号\\.${ext}$`));
  });
}

test("typed, then 印发: the confirmation names what was typed", async () => {
  await docNumber().fill("峨边府办函〔2023〕11号");
  await page.getByRole("button", { name: "印发" }).click();
  await page.locator("#dialog", { hasText: "印发前先保存" }).waitFor();
  await page.locator("#dialog").getByRole("button", { name: "保存" }).click();
  await page.locator("#dialog", { hasText: "印发后" }).waitFor();
  assert.equal(await page.locator("#confirm-number").textContent(), "峨边府办函〔2023〕11号");
  await page.locator("#dialog").getByRole("button", { name: "取消" }).click();
  assert.match(onDisk(), /〔2023〕11号/);
});

test("typed, then the tab closed: the browser asks first", async () => {
  await docNumber().fill("峨边府办函〔2023〕12号");
  const asked = new Promise((resolve) => page.once("dialog", (d) => {
    resolve(d.type());
    d.dismiss();
  }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await asked, "beforeunload");
  assert.equal(page.isClosed(), false, "the tab stays open");
  await docNumber().press("Tab");
  await page.keyboard.press("Control+s");
  await page.locator("#toast", { hasText: "已保存" }).waitFor();
});

test("下达资金 per source is shown, read-only, and its lines are a click away", async () => {
  await page.goto(env.url);
  await openPlan(page, env.url, "funding-sources.toml");
  const funding = page.locator('[data-fpath="plan.funding"]');
  const text = await funding.textContent();
  assert.doesNotMatch(text, /object/);
  assert.match(text, /东西部协作资金 800/);
  assert.equal(await page.locator('input[data-fpath="plan.funding"], textarea[data-fpath="plan.funding"]').count(), 0);
  await funding.getByRole("button", { name: "在源文件中修改" }).click();
  await page.waitForFunction(() => !document.querySelector("#source").hidden);
  const line = await page.evaluate(() => document.querySelector(".cm-activeLine").textContent);
  assert.match(line, /^funding = \[/);
  await env.shot("12-readonly-funding");
  // The server refuses a form edit that would flatten it, whatever the page sends.
  const r = await page.evaluate(async () => {
    const source = (await (await fetch("/api/open?path=funding-sources.toml")).json()).source;
    const edits = [{ op: "set", path: ["plan", "funding"], value: { kind: "money", value: "2033.25" } }];
    const res = await fetch("/api/update", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ path: "funding-sources.toml", source, edits }) });
    return [res.status, (await res.json()).error];
  });
  assert.equal(r[0], 422);
  assert.match(r[1], /分项写的/);
});

test("two tabs on one plan: the conflict shows both sides, and its default keeps both", async () => {
  await page.goto(env.url);
  await openPlan(page, env.url, PLAN);
  const other = await env.context.newPage();
  await openPlan(other, env.url, PLAN);
  // The other tab saves first.
  await other.locator('[data-fpath="plan.program"]').fill("东西部协作（柯峨）");
  await other.keyboard.press("Control+s");
  await other.locator("#toast", { hasText: "已保存" }).waitFor();
  const theirs = onDisk();
  // This tab edits another field and saves.
  await page.locator('[data-fpath="notice.printed_by"]').fill("峨边彝族自治县人民政府办公室（印）");
  await page.keyboard.press("Control+s");
  const dialog = page.locator("#dialog", { hasText: "文件在别处被改动过" });
  await dialog.waitFor();
  const text = await dialog.textContent();
  assert.match(text, /东西部协作（柯峨）/, "what the other tab saved");
  assert.match(text, /办公室（印）/, "what this page has");
  await env.shot("13-conflict-diff");
  const primary = dialog.locator("button.primary");
  assert.equal(await primary.textContent(), "另存为新文件");
  assert.equal(await dialog.locator("button").first().textContent(), "取消", "Enter cancels");
  await primary.click();
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes("本页修改"));
  assert.equal(onDisk(), theirs, "the other tab's saved edit is kept");
  const copy = fs.readdirSync(env.dir).find((f) => f.includes("本页修改"));
  assert.match(fs.readFileSync(path.join(env.dir, copy), "utf8"), /办公室（印）/);
  await other.close();
});

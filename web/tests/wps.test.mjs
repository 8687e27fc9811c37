// What a clerk used to WPS expects: undo and redo of form edits (Ctrl+Z, Ctrl+Y, the buttons),
// 打印 of the PDF, 帮助 with the guide, the source's search panel in Chinese, numbered pages and
// zoom in the preview, a visible border on every input.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPlan, settled } from "./harness.mjs";

let env, page;

before(async () => {
  env = await start(["plans/ebian-2023.toml", "plans/ebian-roster.toml"]);
  page = env.page;
  await openPlan(page, env.url, "ebian-2023.toml");
});

after(async () => {
  await env?.close();
});

const amount = () => page.locator('[data-fpath="plan.categories[0].projects[0].amount"]');
const source = () => page.evaluate(() => doc.source);

test("form edits are undone and redone across the page: Ctrl+Z, Ctrl+Y and the buttons", async () => {
  assert.ok(await page.locator("#undo").isDisabled(), "nothing to undo yet");
  await amount().fill("1001");
  await amount().press("Tab");
  await settled(page);
  await page.locator('[data-fpath="plan.categories[0].projects[1].location"]').fill("新林镇");
  await page.locator('[data-fpath="plan.categories[0].projects[1].location"]').press("Tab");
  await settled(page);
  assert.match(await source(), /amount = 1001\n[^]*location = "新林镇"\n/);
  await page.locator("#findings-title").click(); // out of the fields
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => !/location = "新林镇"\n/.test(doc.source));
  assert.match(await source(), /amount = 1001\n/);
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector('[data-fpath="plan.categories[0].projects[0].amount"]').value === "1000");
  assert.match(await source(), /amount = 1000\n/);
  await page.keyboard.press("Control+y");
  await page.waitForFunction(() => /amount = 1001\n/.test(doc.source));
  await page.locator("#undo").click();
  await page.waitForFunction(() => /amount = 1000\n/.test(doc.source));
  await page.locator('#findings li[data-code="sum-funding"]').waitFor({ state: "detached" });
});

test("打印 prints the PDF, not the screen", async () => {
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/pdf"));
  await page.getByRole("button", { name: "打印" }).click();
  await sent;
  await page.waitForFunction(() => (document.querySelector("#print-frame").src || "").startsWith("blob:"));
});

test("帮助 shows the guide", async () => {
  await page.getByRole("button", { name: "帮助" }).click();
  const guide = page.locator("#dialog .guide");
  await guide.waitFor();
  const text = await guide.innerText();
  assert.match(text, /生成 PDF/);
  assert.doesNotMatch(text, /!\[|<img/);
  assert.ok(await guide.locator("h2, h3").count() >= 5, "the guide's headings");
  await env.shot("15-help");
  await page.locator("#dialog").getByRole("button", { name: "关闭" }).click();
});

test("the preview numbers its pages and zooms", async () => {
  const label = await page.locator("#pages .page").first().evaluate((p) => getComputedStyle(p, "::after").content);
  assert.match(label, /第 "?\s*1?/);
  assert.equal(await page.locator("#pages .page").first().getAttribute("data-page"), "1");
  await page.locator("#zoom").selectOption("0.5");
  const w = (await page.locator("#pages .page").first().boundingBox()).width;
  assert.ok(Math.abs(w - 397) <= 2, `50%: ${w} px`);
  await page.locator("#zoom").selectOption("1");
});

test("the source's search panel speaks Chinese; inputs have a visible border", async () => {
  await page.locator("#tab-source").click();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+f");
  const panel = page.locator(".cm-search");
  await panel.waitFor();
  assert.equal(await panel.locator("input[name=search]").getAttribute("placeholder"), "查找");
  assert.match(await panel.innerText(), /下一个/);
  await page.keyboard.press("Escape");
  await page.locator("#tab-form").click();
  const border = await amount().evaluate((e) => getComputedStyle(e).borderTopColor);
  assert.notEqual(border, "rgba(0, 0, 0, 0)");
});

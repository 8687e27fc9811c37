// What a clerk types is taken as the plan's value or refused, never left showing what the plan
// did not take: amounts from a Chinese IME or a spreadsheet, dates as 公文 write them. The tab
// says which plan and whether it is saved; an issued 文号 is shown and 印发 refused at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, openPlan, settled } from "./harness.mjs";

const PLAN = "ebian-2023.toml";
let env, page;

before(async () => {
  env = await start([`plans/${PLAN}`, "plans/ebian-roster.toml"]);
  page = env.page;
  await openPlan(page, env.url, PLAN);
});

after(async () => {
  await env?.close();
});

const amount = (c, p) => page.locator(`[data-fpath="plan.categories[${c}].projects[${p}].amount"]`);
const onDisk = () => fs.readFileSync(path.join(env.dir, PLAN), "utf8");
// The plan's text as the page holds it (what 保存 writes).
const source = () => page.evaluate(() => doc.source);

async function type(locator, text, key = "Tab") {
  await locator.fill(text);
  await locator.press(key);
  await settled(page);
}

test("an amount typed with full-width digits, a thousands comma and 万元 is taken as the number", async () => {
  await type(amount(0, 0), "１，０００万元");
  await page.waitForFunction(() => document.querySelector('[data-fpath="plan.categories[0].projects[0].amount"]').value === "1000");
  assert.match(await source(), /amount = 1000\n/);
  assert.equal(await page.locator("#form .invalid").count(), 0);
});

test("an amount that cannot be read for certain is refused: the field shows the plan's value, marked", async () => {
  for (const typed of ["9,50", "九百五十", "950万 元元"]) {
    await type(amount(0, 1), typed);
    const field = amount(0, 1);
    await page.locator("#form .field-error").first().waitFor();
    assert.equal(await field.inputValue(), "950", `${typed}: the field is back to the plan's value`);
    assert.match(await field.getAttribute("class"), /invalid/);
    const note = await page.locator("#form .field-error").first().textContent();
    assert.match(note, new RegExp(`“${typed}”没有采用`));
    assert.doesNotMatch(note, /第\d+行|amount|\[/, "worded for the form");
    assert.match(await source(), /amount = 950\n/);
  }
  await env.shot("14-amount-refused");
});

test("a finding beside the form names the field, not a line or a rule code; beside the source, the line", async () => {
  await type(amount(0, 0), "1001");
  const finding = page.locator('#findings li[data-code="sum-funding"]');
  await finding.waitFor();
  const byField = await finding.innerText();
  assert.match(byField, /^错误\s*下达资金：/);
  assert.doesNotMatch(byField, /第\d+行|sum-funding/);
  // It leads to the projects' amounts too, not only to 下达资金.
  await finding.getByRole("button", { name: "看各项目金额" }).click();
  assert.ok(await amount(0, 0).evaluate((e) => e.classList.contains("focus-ring")));
  await page.locator("#tab-source").click();
  assert.match(await finding.innerText(), /第\d+行.*sum-funding/s);
  await page.locator("#tab-form").click();
  await type(amount(0, 0), "1000");
  await page.locator('#findings li[data-code="sum-funding"]').waitFor({ state: "detached" });
});

test("a warning accepted from the form, with its reason; hints name fields, not TOML", async () => {
  const where = page.locator('[data-fpath="plan.categories[0].projects[0].location"]');
  await type(where, "宜坪乡(东片)");
  const finding = page.locator('#findings li[data-code="text-halfwidth-bracket"]');
  await finding.waitFor();
  assert.doesNotMatch(await finding.innerText(), /\[\[policy|[a-z_]+ = /);
  await finding.getByRole("button", { name: "接受…" }).click();
  await page.locator("#accept-reason").fill("地名原文如此");
  await page.locator("#dialog").getByRole("button", { name: "接受" }).click();
  await page.waitForFunction(() => /\[\[policy\.accept\]\]\nrule = "text-halfwidth-bracket"\nreason = "地名原文如此"/.test(doc.source));
  await page.locator('#findings li[data-code="text-halfwidth-bracket"] .sev.accepted').waitFor();
  await page.locator("#undo").click();
  await page.locator("#undo").click();
  await page.waitForFunction(() => !/policy\.accept/.test(doc.source) && !/东片/.test(doc.source));
});

test("a date typed as 2023年11月30日 and Enter is taken; shown as written", async () => {
  const deadline = page.locator('[data-fpath="plan.categories[0].projects[0].deadline"]');
  assert.equal(await deadline.inputValue(), "2023年10月30日");
  await type(deadline, "2023年11月30日", "Enter");
  await page.waitForFunction(() => /deadline = 2023-11-30\n/.test(doc.source));
  await type(page.locator('[data-fpath="plan.categories[0].projects[0].deadline"]'), "2023年11月31日");
  assert.match(await page.locator("#form .field-error").first().textContent(), /没有11月31日/);
  assert.equal(await page.locator('[data-fpath="plan.categories[0].projects[0].deadline"]').inputValue(), "2023年11月30日");
});

test("the tab names the plan and marks unsaved changes; 已印发 v1 is shown and 印发 refused at once", async () => {
  assert.match(await page.title(), /^● ebian-2023\.toml/);
  await page.keyboard.press("Control+s");
  await page.locator("#toast", { hasText: "已保存" }).waitFor();
  assert.match(await page.title(), /^ebian-2023\.toml/);
  assert.ok(await page.locator("#issued").isHidden());
  await page.getByRole("button", { name: "印发" }).click();
  await page.locator("#dialog", { hasText: "印发后" }).waitFor();
  await page.locator("#dialog").getByRole("button", { name: "印发" }).click();
  await page.locator("#dialog", { hasText: "已印发" }).waitFor();
  await page.locator("#dialog").getByRole("button", { name: "好" }).click();
  await page.locator("#issued", { hasText: "已印发 v1" }).waitFor();
  await page.getByRole("button", { name: "印发" }).click();
  await page.locator("#toast", { hasText: "已经印发过" }).waitFor();
  assert.equal(await page.locator("#dialog[open]").count(), 0, "no confirmation is asked for");
  assert.match(onDisk(), /deadline = 2023-11-30/);
});

test("以此为底稿新建 proposes the year after the base plan's, and the new file's header is its own", async () => {
  await page.goto(env.url);
  const row = page.locator("#plans tr", { hasText: PLAN });
  await row.getByRole("button", { name: "以此为底稿新建" }).click();
  const year = page.locator("#dialog input[type=number]");
  assert.equal(await year.inputValue(), "2024");
  await page.locator("#dialog").getByRole("button", { name: "新建" }).click();
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes("2024"));
  const made = fs.readdirSync(env.dir).find((f) => f.includes("2024") && f.endsWith(".toml"));
  const text = fs.readFileSync(path.join(env.dir, made), "utf8");
  assert.match(text, /^#:schema .*\n# 2024 年计划：以 2023 年的计划为底稿新建/);
  assert.doesNotMatch(text, /〔2023〕7号/);
  // Its pages are shown, the placeholders where they stand, with a note that says so.
  await page.waitForFunction(() => document.querySelector("#pages .page svg"));
  assert.match(await page.locator("#preview-note").innerText(), /还有 \d+ 处“待填写”/);
  assert.doesNotMatch(await page.locator("#preview-note").innerText(), /上一次/);
  await env.shot("17-new-plan-preview");
});

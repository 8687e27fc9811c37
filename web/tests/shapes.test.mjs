// Every plan shape in the form: each example plan opens with nothing dropped or garbled, what
// the form cannot edit is shown read-only with its way to the source, and the grid's buttons
// keep the plan whole — allocation lines, three levels, sub-items, per-project sources.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, openPlan, settled, repo } from "./harness.mjs";

const EXAMPLES = fs.readdirSync(path.join(repo, "plans/examples")).filter((f) => f.endsWith(".toml")).sort();
let env, page;
const errors = [];

before(async () => {
  // The example seal beside the plans, as an office keeps its own beside its plan.
  env = await start([...EXAMPLES.map((f) => `plans/examples/${f}`), "plans/ebian-roster.toml", "plans/examples/示例印章.png"]);
  page = env.page;
  page.on("pageerror", (e) => errors.push(e.message));
});

after(async () => {
  await env?.close();
});

// The findings still to act on (a warning the plan accepts with its reason is not one).
const codes = () => page.locator("#findings li").evaluateAll((ls) => ls
  .filter((l) => !l.querySelector(".sev.accepted")).map((l) => l.dataset.code));

for (const name of EXAMPLES) {
  test(`${name}: opens in the form whole`, async () => {
    await openPlan(page, env.url, name);
    await settled(page);
    const text = await page.locator("#form").innerText();
    assert.doesNotMatch(text, /object Object|undefined|NaN/);
    // Every top-level part of the plan has its place in the form (as a field or read-only).
    const values = await page.evaluate(() => doc.form.values);
    for (const key of Object.keys(values.plan)) {
      const shown = await page.locator(`#form [data-fpath="plan.${key}"], #form [data-group^="plan.${key}"]`).count();
      assert.ok(shown > 0, `${name}: plan.${key} is not in the form`);
    }
    assert.equal((await codes()).length, 0, `${name} checks clean: ${await codes()}`);
    assert.deepEqual(errors, []);
  });
}

test("allocation lines: a grid of 乡镇（单位）, amounts and 用途; a line added keeps the plan whole", async () => {
  await openPlan(page, env.url, "allocation.toml");
  await settled(page);
  assert.equal(await page.locator('#form tr[data-row^="plan.allocations"]').count(), 3);
  assert.match(await page.locator("#figures").innerText(), /合计 560万元，3 个单位/);
  await page.getByRole("button", { name: "＋ 增加单位" }).click();
  await page.waitForFunction(() => document.querySelectorAll('#form tr[data-row^="plan.allocations"]').length === 4);
  const source = await page.evaluate(() => doc.source);
  assert.match(source, /\[\[plan\.allocations\]\]\nrecipient = "新单位"\namount = 0\n/);
  assert.deepEqual(await codes(), ["amount-positive"], "the new line's amount is the clerk's to fill, and nothing else is wrong");
  assert.match(await page.locator("#findings li").first().innerText(), /第4个单位 · 分配资金：/);
  await env.shot("16-allocation");
});

test("three levels: a category of sub-categories offers no project of its own; a sub-category does", async () => {
  await openPlan(page, env.url, "three-levels.toml");
  await settled(page);
  const top = page.locator('#form [data-group="plan.categories[0].projects"]');
  assert.equal(await top.locator("table.grid").count(), 0);
  assert.equal(await top.getByRole("button", { name: "＋ 增加项目" }).count(), 0);
  const sub = page.locator('#form [data-group="plan.categories[0].categories[0].projects"]');
  const before = await sub.locator("tr[data-row]").count();
  await sub.getByRole("button", { name: "＋ 增加项目" }).click();
  await page.waitForFunction((n) => document.querySelectorAll('#form [data-group="plan.categories[0].categories[0].projects"] tr[data-row]').length === n + 1, before);
  const found = await codes();
  assert.ok(!found.includes("parse") && found.every((c) => c !== "plan-structure"), `${found}`);
});

test("sub-items and per-project sources are shown under their project, read-only, with their lines a click away", async () => {
  await openPlan(page, env.url, "sub-items.toml");
  await settled(page);
  await page.locator('#form tr[data-row="plan.categories[0].projects[0]"] button[title^="其他栏目"]').click();
  const items = page.locator('#form [data-fpath="plan.categories[0].projects[0].items"]');
  assert.match(await items.innerText(), /村内道路 210；安全饮水 75/);
  await items.getByRole("button", { name: "在源文件中修改" }).click();
  await page.waitForFunction(() => !document.querySelector("#source").hidden);
  assert.match(await page.evaluate(() => document.querySelector(".cm-activeLine").textContent), /items|\[\[plan\.categories\.projects\.items\]\]/);
  await page.locator("#tab-form").click();
});

test("categories added, moved and deleted from the form", async () => {
  await openPlan(page, env.url, "funding-sources.toml");
  await settled(page);
  const names = () => page.evaluate(() => doc.form.values.plan.categories.map((c) => c.name));
  const before = await names();
  await page.getByRole("button", { name: "＋ 增加类别" }).click();
  await page.waitForFunction((n) => doc.form.values.plan.categories.length === n + 1, before.length);
  assert.deepEqual(await names(), [...before, "新类别"]);
  const last = before.length;
  await page.locator(`#form [data-group="plan.categories[${last}].projects"] button[title="类别上移"]`).click();
  await page.waitForFunction((n) => doc.form.values.plan.categories[n - 1].name === "新类别", last);
  await page.locator(`#form [data-group="plan.categories[${last - 1}].projects"] button[title="删除这个类别"]`).click();
  await page.locator("#dialog").getByRole("button", { name: "删除" }).click();
  await page.waitForFunction((n) => doc.form.values.plan.categories.length === n, before.length);
  assert.deepEqual(await names(), before);
  assert.deepEqual(errors, []);
});

test("文种: a 请示 shows its 文种, 签发人 and 附注; a notice shows 通知, and choosing 公告 writes the genre and asks for no 主送", async () => {
  await openPlan(page, env.url, "request.toml");
  await settled(page);
  const field = (k) => page.locator(`#form [data-fpath="notice.${k}"]`);
  assert.equal(await field("genre").inputValue(), "请示");
  assert.equal(await field("signed_off_by").inputValue(), "李明");
  assert.equal(await field("note").inputValue(), "联系人：王芳，电话：0833-5123456");
  assert.match(await page.locator('#form label[for="f-notice-genre"]').innerText(), /文种/);
  await openPlan(page, env.url, "allocation.toml");
  await settled(page);
  // Left to its default, the 文种 shows 通知, not 未填.
  assert.equal(await field("genre").inputValue(), "通知");
  assert.equal(await field("genre").locator("option", { hasText: "未填" }).count(), 0);
  await field("genre").selectOption("公告");
  await page.waitForFunction(() => /genre = "公告"/.test(doc.source));
  await page.waitForFunction(() => [...document.querySelectorAll("#findings li")].some((l) => l.dataset.code === "genre-recipients"));
  assert.match(await page.locator('#findings li[data-code="genre-recipients"]').innerText(), /主送机关/);
  // Every choice is taken as its word (信息公开选项 was refused before: the server took no "choice").
  await field("disclosure").selectOption("依申请公开");
  await page.waitForFunction(() => /disclosure = "依申请公开"/.test(doc.source));
  assert.deepEqual(errors, []);
});

test("联合行文: the offices issuing with the leading one are shown by name, read-only, with their lines a click away", async () => {
  await openPlan(page, env.url, "joint.toml");
  await settled(page);
  const joint = page.locator('#form [data-ro="[\\"notice\\",\\"joint\\"]"], #form [data-fpath="notice.joint"]').first();
  assert.match(await joint.innerText(), /青山县乡村振兴局/);
  assert.match(await page.locator("#form").innerText(), /联合行文机关/);
  assert.deepEqual(errors, []);
});

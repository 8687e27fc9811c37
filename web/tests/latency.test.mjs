// What the clerk waits for, measured in the browser (printed, not asserted: the figures depend on
// the machine and the build; docs/serve.md quotes them for a release build): opening the 峨边 plan to
// its first drawn page, and an edit — a project's 实施地点 typed, then Tab — to the changed page in
// the DOM, with the bytes each reply carried.
import { test } from "node:test";
import assert from "node:assert/strict";
import { start } from "./harness.mjs";

const EDITS = 20;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

test("latency of opening the 峨边 plan and of an edit, in the browser", async () => {
  const env = await start(["plans/ebian-2023.toml", "plans/ebian-roster.toml"]);
  const { page } = env;
  try {
    await page.goto(env.url);
    const row = page.locator("#plans tr", { hasText: "ebian-2023.toml" });
    await row.waitFor();
    const t0 = await page.evaluate(() => performance.now());
    await row.getByRole("button", { name: "打开" }).click();
    await page.waitForFunction(() => document.querySelector("#pages .page svg"));
    const open = (await page.evaluate(() => performance.now())) - t0;
    await page.waitForTimeout(500);

    const field = page.locator('[data-fpath="plan.categories[0].projects[0].location"]');
    const times = [];
    const bytes = [];
    for (let i = 0; i < EDITS; i++) {
      await field.fill(i % 2 ? "宜坪乡" : "宜坪乡宜坪村");
      const before = await page.evaluate(() => {
        performance.clearResourceTimings();
        return [...document.querySelectorAll("#pages .page")].map((p) => p.dataset.hash).join();
      });
      const start = await page.evaluate(() => performance.now());
      await field.press("Tab");
      // The changed page is in the DOM: the set of page hashes differs and every page shown is drawn.
      await page.waitForFunction((b) => {
        const pages = [...document.querySelectorAll("#pages .page")];
        return pages.map((p) => p.dataset.hash).join() !== b && pages.some((p) => p.querySelector("svg"));
      }, before);
      const end = await page.evaluate(() => performance.now());
      times.push(end - start);
      bytes.push(await page.evaluate(() => performance.getEntriesByType("resource")
        .filter((r) => r.name.includes("/api/update")).reduce((s, r) => s + r.encodedBodySize, 0)));
    }
    const mb = (b) => (b / 1e6).toFixed(2);
    console.log(`open: ${open.toFixed(0)} ms to the first drawn page`);
    console.log(`edit → changed page in the DOM, ${EDITS} edits: p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms`);
    console.log(`bytes per edit reply: p50 ${mb(pct(bytes, 50))} MB, max ${mb(Math.max(...bytes))} MB`);
    assert.equal(times.length, EDITS);
  } finally {
    await env.close();
  }
});

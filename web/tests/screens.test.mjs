// The desk on an office screen: 1280×720, 1024×768, and 1280×720 at 125% (a 1024×576 page at
// 1.25 device pixels). At each, the project grid shows at least eight characters of a name,
// every button of the bar is on screen and on top, the divider moves the form's edge, and the
// preview can be hidden and shown. Screenshots: web/test-output/screen-*.png (docs/serve/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { start, openPlan } from "./harness.mjs";

const SIZES = [
  ["1280x720", { width: 1280, height: 720 }, 1],
  ["1024x768", { width: 1024, height: 768 }, 1],
  ["1280x720-125", { width: 1024, height: 576 }, 1.25],
];

for (const [name, viewport, scale] of SIZES) {
  test(`at ${name}: names readable, every button reachable, panes resizable`, async () => {
    const env = await start(["plans/ebian-2023.toml", "plans/ebian-roster.toml"], { viewport, scale });
    const { page } = env;
    try {
      await openPlan(page, env.url, "ebian-2023.toml");
      await page.waitForSelector('[data-fpath="plan.categories[0].projects[0].name"]');
      const chars = await page.$eval('[data-fpath="plan.categories[0].projects[0].name"]', (e) =>
        (e.clientWidth - 8) / parseFloat(getComputedStyle(e).fontSize));
      console.log(`${name}: the name column holds ${chars.toFixed(1)} characters`);
      assert.ok(chars >= 8, `${name}: the name column holds ${chars.toFixed(1)} characters`);
      const hidden = await page.$$eval("header button, header label.button, .tabs button", (bs) => bs
        .filter((b) => b.offsetParent)
        .filter((b) => {
          const r = b.getBoundingClientRect();
          const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return r.right > innerWidth || r.bottom > innerHeight || !(top === b || b.contains(top));
        })
        .map((b) => b.textContent));
      assert.deepEqual(hidden, [], `${name}: buttons off screen or covered`);
      await page.locator('[data-fpath="plan.categories[0].projects[0].name"]').scrollIntoViewIfNeeded();
      await env.shot(`screen-${name}`);

      // The preview hidden and shown again; the divider dragged 120 px to the left.
      const toggle = page.locator("#toggle-preview");
      const shown = await page.locator(".right").isVisible();
      assert.equal(shown, viewport.width >= 1100, "the preview starts hidden only on a narrow window");
      if (!shown) await toggle.click();
      await page.locator(".right").waitFor();
      const before = (await page.locator(".left").boundingBox()).width;
      const bar = await page.locator("#splitter").boundingBox();
      await page.mouse.move(bar.x + 3, bar.y + 100);
      await page.mouse.down();
      await page.mouse.move(bar.x - 117, bar.y + 100, { steps: 5 });
      await page.mouse.up();
      const after = (await page.locator(".left").boundingBox()).width;
      assert.ok(Math.abs(before - 120 - after) <= 2 || after === 360, `${name}: the form went from ${before} to ${after} px`);
      await toggle.click();
      assert.ok(await page.locator(".right").isHidden(), "the preview hides");
      assert.equal((await page.locator(".left").boundingBox()).width, viewport.width, "the form takes the window");
    } finally {
      await env.close();
    }
  });
}

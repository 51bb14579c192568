// Drives petrel's dashboard in the system Chromium and checks that it shows the tension
// timeline, filters the event table, opens an article with the evidence highlighted, and draws
// the actor network, without loading anything from outside the server. Screenshots go to
// $SCREENSHOT_DIR for people to look at.
//
//   PETREL_URL=http://127.0.0.1:8080 CHROMIUM=/usr/bin/chromium SCREENSHOT_DIR=../target/screenshots node dashboard.test.mjs

import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const base = (process.env.PETREL_URL || "http://127.0.0.1:8080").replace(/\/$/, "");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = process.env.SCREENSHOT_DIR || "../target/screenshots";
mkdirSync(shots, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), "petrel-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1440, height: 1000 },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const outside = [];
const problems = [];
let step = "start";

function check(name, fn) {
  step = name;
  return fn().then(() => console.log(`ok - ${name}`));
}

try {
  // The page must work offline: refuse and record every request that leaves the server.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.setDefaultTimeout(20000);

  await check("dashboard loads with stats", async () => {
    await page.goto(base + "/");
    await page.waitForFunction(() => /events/.test(document.getElementById("stats").textContent));
    const stats = await page.textContent("#stats");
    assert.match(stats, /[\d,]+ documents · [\d,]+ events/);
  });

  await check("tension timeline is drawn", async () => {
    await page.waitForSelector("#timeline svg, #timeline .empty:not(:has-text('Loading'))");
    if ((await page.locator("#timeline g.bar").count()) === 0) {
      // The busiest pair may have only non-factual events: count every modality.
      await page.selectOption("#dyad-modality", "all");
      await page.click("#dyad-show");
      await page.waitForSelector("#timeline svg");
    }
    const bars = await page.locator("#timeline g.bar").count();
    assert.ok(bars > 0, "timeline has bars");
    assert.ok((await page.locator("#timeline path.gline").count()) === 1, "Goldstein line");
    const legend = await page.textContent("#timeline-legend");
    assert.match(legend, /material conflict/);
    const a = await page.inputValue("#dyad-a");
    const b = await page.inputValue("#dyad-b");
    assert.ok(a && b, "a dyad is picked");
    const label = await page.getAttribute("#timeline svg", "aria-label");
    assert.equal(label, `Timeline ${a}–${b}`);
    await page.screenshot({ path: join(shots, "dashboard.png"), fullPage: true });
  });

  await check("event table follows the dyad and filters", async () => {
    await page.waitForSelector("#events-table tbody tr[data-id]");
    const dyadChip = await page.locator("#filter-chips [data-filter=dyad]").count();
    assert.equal(dyadChip, 1, "the table is filtered by the dyad");
    // Clear the filters to see every event, then filter by QuadClass.
    await page.click("#f-clear");
    await page.waitForFunction(() => document.querySelectorAll("#filter-chips .chip").length === 0);
    await page.waitForSelector("#events-table tbody tr[data-id]");
    const before = await page.textContent("#page-info");
    const allTotal = Number(before.match(/([\d,]+) events/)[1].replace(/,/g, ""));
    const quads = await page.$$eval("#events-table tbody tr[data-id] .badge", (bs) =>
      bs.map((b) => [...b.classList].find((c) => /^q\d$/.test(c))));
    const quad = quads[0].slice(1);
    await page.selectOption("#f-quad", quad);
    await page.click("#f-apply");
    await page.waitForFunction((q) => {
      const rows = [...document.querySelectorAll("#events-table tbody tr[data-id] .badge")];
      return rows.length > 0 && rows.every((b) => b.classList.contains(`q${q}`));
    }, quad);
    const after = await page.textContent("#page-info");
    const filtered = Number(after.match(/([\d,]+) events/)[1].replace(/,/g, ""));
    assert.ok(filtered <= allTotal && filtered > 0, `${filtered} of ${allTotal}`);
    // And by source actor.
    const src = await page.textContent("#events-table tbody tr[data-id] td:nth-child(2) .code");
    await page.fill("#f-source", src);
    await page.click("#f-apply");
    await page.waitForFunction((s) => {
      const codes = [...document.querySelectorAll("#events-table tbody tr[data-id] td:nth-child(2) .code")].map((c) => c.textContent);
      const chips = document.querySelector("#filter-chips [data-filter=source]");
      return chips && codes.length > 0 && codes.every((c) => c.startsWith(s));
    }, src);
    await page.screenshot({ path: join(shots, "table-filtered.png"), fullPage: false });
  });

  await check("a row opens its article with the evidence highlighted", async () => {
    const row = page.locator("#events-table tbody tr[data-id]").first();
    const evidence = await row.getAttribute("title");
    const id = await row.getAttribute("data-id");
    await row.click();
    await page.waitForSelector("#article mark.evidence.current");
    const marked = await page.textContent("#article mark.evidence.current");
    assert.ok(evidence.includes(marked) || marked.includes(evidence) || evidence.startsWith(marked.slice(0, 10)),
      `highlight ${JSON.stringify(marked)} is the evidence ${JSON.stringify(evidence)}`);
    const full = await page.$$eval(`#article mark.evidence[data-event="${id}"]`, (ms) => ms.map((m) => m.textContent).join(""));
    assert.equal(full.replace(/\s+/g, " "), evidence.replace(/\s+/g, " "));
    assert.ok(await page.isVisible("#article .focus-event"), "the event is described");
    const chain = await page.textContent("#article .focus-event .chain");
    assert.ok(chain.length > 0, "attribution chain shown");
    assert.ok((await page.locator("#article h3").textContent()).length > 0);
    const meta = await page.textContent("#article .meta");
    assert.match(meta, /^[^,]/, "metadata is rendered as text, not arrays");
    const last = await page.evaluate(() => document.getElementById("article").lastChild.nodeType);
    assert.equal(last, 1, "no stray text nodes after the article");
    await page.locator("#article-panel").screenshot({ path: join(shots, "article.png") });
  });

  await check("actor network is drawn", async () => {
    await page.waitForSelector("#network svg g.net-node");
    const nodes = await page.locator("#network svg g.net-node").count();
    assert.ok(nodes >= 2, `${nodes} nodes`);
    await page.locator("#network-panel").screenshot({ path: join(shots, "network.png") });
  });

  await check("nothing was loaded from outside and no script failed", async () => {
    assert.deepEqual(outside, [], "requests left the server");
    assert.deepEqual(problems, []);
  });
  console.log(`screenshots in ${shots}`);
} catch (e) {
  console.error(`not ok - ${step}: ${e.message}`);
  for (const p of problems) console.error(`  ${p}`);
  try {
    const page = context.pages()[0];
    if (page) await page.screenshot({ path: join(shots, "failure.png"), fullPage: true });
  } catch {}
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

// node e2e_chromium.js <build dir> <pack> <screenshot.png>
// End-to-end: serve the demo page, folio.js, the wasm module and the pack from 127.0.0.1, open it in
// Debian's headless chromium driven by playwright-core, type a query, check that results are listed while
// typing, press Enter and check the rendered article; on the bundled content also type "knee inj" and
// click the first hit listed; keep a screenshot (a CI artifact). NODE_PATH must reach playwright-core.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const [dir, packPath, shot] = process.argv.slice(2);
const CHROMIUM = process.env.FOLIO_CHROMIUM || '/usr/bin/chromium';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

function serve() {
  const files = {
    '/': path.join(dir, 'web/index.html'), '/index.html': path.join(dir, 'web/index.html'),
    '/app.js': path.join(dir, 'web/app.js'), '/folio.js': path.join(dir, 'folio.js'),
    '/folio_wasm.js': path.join(dir, 'folio_wasm.js'), '/folio_wasm.wasm': path.join(dir, 'folio_wasm.wasm'),
    '/pack.folio': packPath,
  };
  const server = http.createServer((req, res) => {
    const f = files[new URL(req.url, 'http://x').pathname];
    if (!f) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream' });
    fs.createReadStream(f).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

(async () => {
  const { chromium } = require('playwright-core');
  const server = await serve();
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  let ok = false;
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('body[data-ready]', { timeout: 30000 });
    const ready = await page.getAttribute('body', 'data-ready');
    if (ready !== '1') throw new Error(`page not ready: ${await page.textContent('#status')}`);
    const query = process.env.FOLIO_E2E_QUERY || 'cartilage';
    await page.type('#q', query, { delay: 20 });
    await page.waitForSelector('#suggestions li', { timeout: 10000 }).catch(() => {});
    const suggestions = await page.$$eval('#suggestions li', (ls) => ls.map((l) => l.textContent));
    // results are listed while typing, before Enter (the last word searched as a prefix)
    await page.waitForFunction((t) => document.body.dataset.live === t, query, { timeout: 10000 });
    const live = await page.$$eval('#hits li', (ls) => ls.length);
    if (!live) throw new Error(`no results listed while typing "${query}"`);
    await page.press('#q', 'Enter');
    await page.waitForSelector('body[data-shown] #article h1, body[data-shown] #article h2', { timeout: 10000 });
    const hits = await page.$$eval('#hits li', (ls) => ls.map((l) => ({
      title: l.querySelector('b').textContent, text: l.textContent, marks: l.querySelectorAll('mark').length })));
    const heading = await page.textContent('#article h1, #article h2');
    const article = await page.textContent('#article');
    const card = (await page.textContent('#card')).trim();
    await page.screenshot({ path: shot, fullPage: false });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    if (!hits.length) throw new Error('no search results rendered');
    const q = query.toLowerCase();
    if (!hits.some((h) => h.text.toLowerCase().includes(q) && h.marks > 0)) {
      throw new Error(`no result snippet highlights "${query}"`);
    }
    // The default query is a glossary term: its definition card is shown above the hits.
    if (!process.env.FOLIO_E2E_QUERY && !card.toLowerCase().startsWith(`${q}:`)) {
      throw new Error(`no definition card for "${query}" (card: "${card.slice(0, 80)}")`);
    }
    // The best hit is rendered below the list: its section heading (or the article title for the lead).
    if (!hits[0].text.includes(heading.trim()) || article.length < 40) {
      throw new Error(`rendered "${heading}" is not the first hit "${hits[0].text.slice(0, 80)}"`);
    }
    // The bundled content, typed mid-word: the start of a title names its article ("knee inj" ->
    // "Knee injections compared"), and a click on a listed hit renders it.
    let typed = '';
    if (!process.env.FOLIO_E2E_QUERY) {
      const partial = 'knee inj';
      await page.fill('#q', '');
      await page.type('#q', partial, { delay: 20 });
      await page.waitForFunction((t) => document.body.dataset.live === t, partial, { timeout: 10000 });
      const first = await page.textContent('#hits li:first-child b');
      if (first !== 'Knee injections compared') throw new Error(`typing "${partial}" listed "${first}" first`);
      const id = await page.getAttribute('#hits li:first-child', 'data-article');
      await page.click('#hits li:first-child b');
      await page.waitForFunction((a) => document.body.dataset.shown === a, id, { timeout: 10000 });
      const text = await page.textContent('#article');
      if (text.length < 40) throw new Error(`clicking "${first}" rendered "${text}"`);
      typed = `, "${partial}" listed "${first}" first and rendered it on a click`;
      // A misspelled word: the titles for it as the search corrected it while typing ("injecton" lists
      // the injection articles, which no title starts with as typed), and on Enter the definition card
      // of the corrected question.
      const typo = 'injecton';
      await page.fill('#q', '');
      await page.type('#q', typo, { delay: 20 });
      await page.waitForFunction((t) => document.body.dataset.live === t, typo, { timeout: 10000 });
      const fixed = await page.$$eval('#suggestions li', (ls) => ls.map((l) => l.textContent));
      if (!fixed.includes('Knee injections compared')) {
        throw new Error(`typing "${typo}" suggested ${JSON.stringify(fixed)}`);
      }
      const question = 'what is a placbo';
      await page.fill('#q', question);
      await page.press('#q', 'Enter');
      await page.waitForFunction(() => document.querySelector('#card').textContent.trim() !== '', null, { timeout: 10000 });
      const fixedCard = (await page.textContent('#card')).trim();
      if (!fixedCard.startsWith('Placebo:')) throw new Error(`"${question}" showed the card "${fixedCard.slice(0, 60)}"`);
      typed += `, "${typo}" suggested "Knee injections compared", "${question}" showed the Placebo card`;
    }
    console.log(`ok   chromium ${browser.version()}: typed "${query}", ${suggestions.length} suggestions, ${live} results while typing, ${hits.length} hits, card "${card.slice(0, 40)}…", rendered "${heading.trim()}" (${article.length} chars)${typed}`);
    console.log(`     screenshot ${shot}`);
    ok = true;
  } catch (e) {
    console.log(`FAIL chromium e2e: ${e.message}`);
    if (page) await page.screenshot({ path: shot }).then(() => console.log(`     screenshot (failure) ${shot}`), () => {});
  } finally {
    await browser.close();
    server.close();
  }
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
})();

// node node_test.js <build dir with folio.js and folio_wasm.*> <pack>
// The JS API over the WebAssembly engine, under node: open from an ArrayBuffer, info, lookups,
// suggestions, search, rendering (text and HTML, growing the render buffer), glossary, errors.
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');

const [dir, packPath] = process.argv.slice(2);
const { FolioPack, FolioError } = require(path.resolve(dir, 'folio.js'));

let passed = 0;
let failed = 0;
async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

(async () => {
  const file = fs.readFileSync(packPath);
  const ab = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength); // a real ArrayBuffer
  let pack;
  await test('open from ArrayBuffer (with checksum)', async () => {
    pack = await FolioPack.open(ab, { verifyChecksum: true });
    assert.ok(pack.workspaceBytes > 0);
  });
  if (!pack) {
    console.log(`0 passed, ${failed} failed`);
    process.exit(1);
  }
  const info = pack.info();
  const a0 = pack.article(0);
  await test('info', () => {
    assert.ok(info.articleCount > 0);
    assert.strictEqual(info.packBytes, file.length);
    assert.ok(info.title.length > 0);
    console.log(`     pack "${info.title}" ${info.articleCount} articles, ${info.packBytes} bytes, workspace ${pack.workspaceBytes}`);
  });
  await test('article by id; past the end is null', () => {
    assert.ok(a0.slug.length > 0 && a0.title.length > 0);
    assert.strictEqual(pack.article(info.articleCount), null);
  });
  await test('lookup by slug, title, slug#anchor; miss is null', () => {
    assert.strictEqual(pack.lookup(a0.slug).id, 0);
    assert.strictEqual(pack.lookup(a0.title.toUpperCase()).id, 0);
    assert.strictEqual(pack.lookup('no-such-article-zz'), null);
    for (let id = 0; id < info.articleCount; id++) {
      const a = pack.article(id);
      if (a.sectionCount > 1) {
        const html = pack.render(id, { format: 'html' });
        const m = /<h[2-6] id="?([a-z0-9-]+)/.exec(html);
        if (m) {
          const hit = pack.lookup(`${a.slug}#${m[1]}`);
          assert.strictEqual(hit.id, id);
          assert.notStrictEqual(hit.section, a.sectionFirst);
          return;
        }
      }
    }
  });
  await test('suggest: title prefix, unique articles, limit', () => {
    const s = pack.suggest(a0.title.slice(0, 3), 5);
    assert.ok(s.length > 0 && s.length <= 5);
    assert.strictEqual(new Set(s.map((e) => e.article)).size, s.length);
    assert.deepStrictEqual(pack.suggest('', 5), []);
  });
  await test('suggestTyped: as suggest, else through the search\'s typo correction', () => {
    const s = pack.suggestTyped(a0.title.slice(0, 3), 5);
    assert.strictEqual(s.corrected, null);
    assert.deepStrictEqual(s.suggestions.map((e) => e.article), pack.suggest(a0.title.slice(0, 3), 5).map((e) => e.article));
    assert.deepStrictEqual(pack.suggest('cartilege', 5), []);
    const t = pack.suggestTyped('cartilege', 5);
    assert.strictEqual(t.corrected, 'cartilage');
    assert.ok(t.suggestions.length > 0);
    assert.deepStrictEqual(t.suggestions.map((e) => e.article), pack.suggest('cartilage', 5).map((e) => e.article));
    assert.deepStrictEqual(pack.suggestTyped('zzzzqx', 5), { suggestions: [], corrected: null });
  });
  await test('search: hits with snippets and highlights', () => {
    assert.ok(info.searchAvailable, 'pack has a search index');
    const word = (a0.title.match(/[A-Za-z]{4,}/) || ['knee'])[0];
    const r = pack.search(word, { limit: 5 });
    assert.ok(r.hits.length > 0);
    const h = r.hits[0];
    assert.ok(h.title.length > 0 && h.slug.length > 0);
    assert.ok(typeof h.score === 'number' && h.score > 0);
    if (h.highlights.length) {
      const [s, e] = h.highlights[0];
      assert.ok(e > s && e <= h.snippet.length);
    }
    console.log(`     search "${word}": ${r.hits.length} hits, first "${h.title}" – ${h.snippet.slice(0, 60)}`);
  });
  await test('search: typo corrected', () => {
    const r = pack.search('cartilege');
    assert.ok(r.hits.length > 0);
    assert.strictEqual(r.corrected, 'cartilage');
    assert.strictEqual(r.suggested, null);
  });
  await test('search: a real word the content lacks is suggested, not searched', () => {
    const r = pack.search('knew');
    assert.strictEqual(r.hits.length, 0);
    assert.strictEqual(r.corrected, null);
    assert.strictEqual(r.suggested, 'knee');
    assert.strictEqual(r.missing, 'knew');  // kept as typed, it is in no section
    assert.strictEqual(pack.search('osteoarthritis').suggested, null);
  });
  await test('search: the words no section has are named', () => {
    const r = pack.search('hovercraft knee');
    assert.strictEqual(r.missing, 'hovercraft');
    assert.ok(r.partial);
    assert.strictEqual(pack.search('knee').missing, null);
  });
  await test('search: empty query is FOLIO_E_QUERY', () => {
    assert.throws(() => pack.search('   '), (e) => e instanceof FolioError && e.code === 'FOLIO_E_QUERY');
  });
  await test('render: text and HTML of every article', () => {
    let biggest = 0;
    for (let id = 0; id < info.articleCount; id++) {
      const a = pack.article(id);
      const text = pack.render(id, { format: 'text' });
      const html = pack.render(id, { format: 'html' });
      assert.ok(text.includes(a.title), `text of ${a.slug} has its title`);
      assert.ok(/<h1/.test(html), `html of ${a.slug} has an h1`);
      biggest = Math.max(biggest, html.length);
    }
    assert.ok(biggest > 16384 || pack._dstCap >= 16384);
  });
  await test('render by slug; unknown slug throws FOLIO_E_NOT_FOUND', () => {
    assert.ok(pack.render(a0.slug, { format: 'text' }).includes(a0.title));
    assert.throws(() => pack.render('no-such-article-zz'), (e) => e.code === 'FOLIO_E_NOT_FOUND');
  });
  await test('glossary lookup (term, abbreviation; a miss is null)', () => {
    assert.strictEqual(pack.glossary('zzzz-not-a-term'), null);
    assert.ok(info.glossaryCount > 0, 'the test pack has a glossary');
    const g = pack.glossary('OA');
    assert.ok(g !== null && g.term.length > 0 && g.definition.length > 0);
    assert.strictEqual(pack.glossary(g.term).id, g.id);
  });
  await test('glossaryForQuery: the term inside a question or as a plural; null for other queries', () => {
    const g = pack.glossary('OA');
    assert.strictEqual(pack.glossaryForQuery('What does OA stand for?').id, g.id);
    assert.strictEqual(pack.glossaryForQuery(`what is the ${g.term}?`).id, g.id);
    assert.strictEqual(pack.glossaryForQuery('OAs').id, g.id);
    assert.strictEqual(pack.glossaryForQuery('OA zzzz'), null);
    assert.strictEqual(pack.glossaryForQuery('what is'), null);
    assert.strictEqual(pack.glossaryForQuery('x'.repeat(4000)), null);
  });
  await test('not a pack: FOLIO_E_FORMAT', async () => {
    await assert.rejects(FolioPack.open(new Uint8Array(256).buffer), (e) => e.code === 'FOLIO_E_FORMAT');
  });
  await test('truncated pack: refused', async () => {
    await assert.rejects(FolioPack.open(ab.slice(0, ab.byteLength - 1)), (e) => e instanceof FolioError);
  });
  const wasm = fs.statSync(path.join(dir, 'folio_wasm.wasm')).size;
  const gz = require('zlib').gzipSync(fs.readFileSync(path.join(dir, 'folio_wasm.wasm')), { level: 9 }).length;
  console.log(`SIZE wasm_raw=${wasm} wasm_gzip=${gz} js_glue=${fs.statSync(path.join(dir, 'folio_wasm.js')).size} workspace=${pack.workspaceBytes}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();

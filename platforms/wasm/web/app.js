// Demo page for the WebAssembly port: suggestions and results while typing (the last word a prefix),
// search on Enter, the best hit rendered as HTML (or the hit clicked). The pack is fetched from
// `pack.folio` next to the page (or ?pack=URL).
'use strict';
(async () => {
  const $ = (id) => document.getElementById(id);
  const status = $('status');
  const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  let pack;
  try {
    const url = new URLSearchParams(location.search).get('pack') || 'pack.folio';
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const t0 = performance.now();
    pack = await FolioPack.open(await res.arrayBuffer());
    const info = pack.info();
    status.textContent = `ready: ${info.title} — ${info.articleCount} articles, opened in ${(performance.now() - t0).toFixed(1)} ms`;
    document.body.dataset.ready = '1';
  } catch (e) {
    status.textContent = `error: ${e.message}`;
    document.body.dataset.ready = 'error';
    return;
  }
  const q = $('q');
  q.disabled = false;
  q.focus();

  function show(articleId, section) {
    $('article').innerHTML = pack.render(articleId, { format: 'html', section });
    document.body.dataset.shown = String(articleId);
  }
  const mark = (h) => {
    let out = '';
    let at = 0;
    for (const [s, e] of h.highlights) {
      out += esc(h.snippet.slice(at, s)) + '<mark>' + esc(h.snippet.slice(s, e)) + '</mark>';
      at = e;
    }
    return out + esc(h.snippet.slice(at));
  };
  let shown = [];  // the hits listed, for a click on one
  // Search and list the hits; null on a bad query (its message is shown).
  function search(text, typing) {
    let r;
    try {
      r = pack.search(text, { limit: 8, prefixLast: typing });
    } catch (e) {
      status.textContent = e.message;
      return null;
    }
    shown = r.hits;
    $('hits').innerHTML = r.hits.map((h, i) =>
      `<li data-i="${i}" data-article="${h.article}"><b>${esc(h.title)}</b>${h.heading ? ' › ' + esc(h.heading) : ''}<br><small>${mark(h)}</small></li>`).join('');
    status.textContent = `${r.hits.length} results` + (r.corrected ? ` (searched for “${r.corrected}”)` : '') +
      (r.suggested ? ` — did you mean “${r.suggested}”?` : '') +
      (r.missing && !typing ? ` — nothing here mentions “${r.missing}”` : '');
    document.body.dataset.live = typing ? text : '';
    return r;
  }
  // As the user types: title suggestions, and the search with the last word as a prefix ("knee inj"), as a
  // kiosk shows results before Enter.
  q.addEventListener('input', () => {
    let s = pack.suggest(q.value, 8);
    $('card').innerHTML = '';  // the definition card is for the finished query (Enter)
    if (q.value.trim()) {
      const r = search(q.value, true);
      // nothing starts with what was typed: the titles for it as the search corrected it ("injecton")
      if (!s.length && r && r.corrected) s = pack.suggest(r.corrected, 8);
    } else {
      shown = [];
      $('hits').innerHTML = '';
    }
    $('suggestions').innerHTML = s.map((e) => `<li data-id="${e.article}">${esc(e.title)}</li>`).join('');
  });
  $('suggestions').addEventListener('click', (ev) => {
    const id = ev.target.dataset.id;
    if (id !== undefined) show(Number(id));
  });
  $('hits').addEventListener('click', (ev) => {
    const li = ev.target.closest('li');
    const h = li && shown[Number(li.dataset.i)];
    if (h) show(h.article, h.section);
  });
  // Enter: the query as finished words, and the best hit rendered.
  q.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    $('suggestions').innerHTML = '';
    const r = search(q.value, false);
    if (!r) return;
    // a definition card when the query asks about a glossary term ("what is a placebo?")
    const g = pack.glossaryForQuery(r.corrected || q.value);  // as searched: "what is a placbo" too
    $('card').innerHTML = g ? `<b>${esc(g.term)}</b>: ${esc(g.definition)}` : '';
    if (r.hits.length) show(r.hits[0].article, r.hits[0].section);
  });
})();

// Demo page for the WebAssembly port: suggestions while typing, search on Enter, the best hit rendered
// as HTML. The pack is fetched from `pack.folio` next to the page (or ?pack=URL).
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
  q.addEventListener('input', () => {
    const s = pack.suggest(q.value, 8);
    $('suggestions').innerHTML = s.map((e) => `<li data-id="${e.article}">${esc(e.title)}</li>`).join('');
  });
  $('suggestions').addEventListener('click', (ev) => {
    const id = ev.target.dataset.id;
    if (id !== undefined) show(Number(id));
  });
  q.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    $('suggestions').innerHTML = '';
    let r;
    try {
      r = pack.search(q.value, { limit: 8 });
    } catch (e) {
      status.textContent = e.message;
      return;
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
    // a definition card when the query asks about a glossary term ("what is a placebo?")
    const g = pack.glossaryForQuery(q.value);
    $('card').innerHTML = g ? `<b>${esc(g.term)}</b>: ${esc(g.definition)}` : '';
    $('hits').innerHTML = r.hits.map((h) =>
      `<li><b>${esc(h.title)}</b>${h.heading ? ' › ' + esc(h.heading) : ''}<br><small>${mark(h)}</small></li>`).join('');
    status.textContent = `${r.hits.length} results` + (r.corrected ? ` (searched for “${r.corrected}”)` : '') +
      (r.suggested ? ` — did you mean “${r.suggested}”?` : '');
    if (r.hits.length) show(r.hits[0].article, r.hits[0].section);
  });
})();

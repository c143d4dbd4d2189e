/* folio.js: open a folio pack from an ArrayBuffer in the browser or node, and look up, suggest, search
 * and render through the WebAssembly engine (folio_wasm.js + folio_wasm.wasm, built by CMakeLists.txt).
 *
 *   const pack = await FolioPack.open(arrayBuffer);           // browser: after <script src=folio_wasm.js>
 *   const pack = await FolioPack.open(bytes, {wasmBinary});   // node: require('./folio.js')
 *   pack.info()                      -> {title, articleCount, workspaceBytes, ...}
 *   pack.lookup('knee-anatomy')      -> article or null (slug, "slug#anchor", title or alias)
 *   pack.suggest('kne', 8)           -> [{article, slug, title, matched, kind, score}]
 *   pack.suggestTyped('injecton', 8) -> {suggestions: [...], corrected: 'injection'}
 *   pack.search('knee pain', {limit: 10})  -> {hits: [{article, slug, title, heading, snippet, ...}], corrected, partial}
 *   pack.render(articleId, {format: 'html' | 'text', section})  -> string
 *   pack.glossary('kneecap')         -> {id, key, term, definition} or null
 *   pack.glossaryForQuery('what is a placebo?')  -> the same for the term a query asks about, or null
 *
 * Each FolioPack owns one WebAssembly instance: the pack bytes and the workspace live in its linear
 * memory (the module has no allocator; see folio_wasm.c). Drop the object to release it. Not safe to
 * share one FolioPack between workers; open one per worker. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.FolioPack = factory().FolioPack;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const STATUS = {
    0: 'OK', '-1': 'E_ARG', '-2': 'E_FORMAT', '-3': 'E_VERSION', '-4': 'E_CORRUPT', '-5': 'E_WORKSPACE',
    '-6': 'E_DST_TOO_SMALL', '-7': 'E_NOT_FOUND', '-8': 'E_TRUNCATED', '-9': 'E_CHECKSUM', '-10': 'E_UTF8',
    '-11': 'E_QUERY', '-12': 'E_LIMIT',
  };
  const AUDIENCE = ['patient', 'clinician', 'both'];
  const NONE = 0xffffffff;
  const utf8 = new TextDecoder('utf-8');
  const enc = new TextEncoder();

  class FolioError extends Error {
    constructor(status, message, what) {
      super(`${what}: ${message} (FOLIO_${STATUS[status] || status})`);
      this.name = 'FolioError';
      this.status = status;
      this.code = 'FOLIO_' + (STATUS[status] || status);
    }
  }

  function defaultFactory() {
    if (typeof createFolioWasm === 'function') return createFolioWasm; // browser global from folio_wasm.js
    if (typeof require === 'function') return require('./folio_wasm.js');
    throw new Error('folio_wasm.js is not loaded');
  }

  function nodeWasmBinary() {
    // node >= 18 has a global fetch() that emscripten 3.1.6 would use on a file path: hand it the bytes.
    if (typeof process === 'undefined' || !process.versions || !process.versions.node) return undefined;
    const fs = require('fs');
    const path = require('path');
    return fs.readFileSync(path.join(__dirname, 'folio_wasm.wasm'));
  }

  class FolioPack {
    /** Open a pack. `bytes`: ArrayBuffer, TypedArray or node Buffer holding the whole pack file.
     *  options: {verifyChecksum: bool, wasmBinary, locateFile, factory} */
    static async open(bytes, options = {}) {
      const factory = options.factory || defaultFactory();
      const modOpts = {};
      const wasmBinary = options.wasmBinary || nodeWasmBinary();
      if (wasmBinary) modOpts.wasmBinary = wasmBinary;
      if (options.locateFile) modOpts.locateFile = options.locateFile;
      const M = await factory(modOpts);
      return new FolioPack(M, bytes, options);
    }

    constructor(M, bytes, options) {
      this._M = M;
      const src = bytes instanceof ArrayBuffer ? new Uint8Array(bytes)
        : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const packPtr = M._folio_wasm_reserve(src.length);
      if (!packPtr) throw new FolioError(-5, 'no memory for the pack', 'open');
      this._heap().set(src, packPtr);
      const wsLen = M._folio_workspace_size(packPtr, src.length);
      if (wsLen === 0) throw new FolioError(-2, 'not a folio pack of a supported version', 'open');
      const wsPtr = M._folio_wasm_reserve(wsLen);
      if (!wsPtr) throw new FolioError(-5, 'no memory for the workspace', 'open');
      this._io = M._folio_wasm_io();
      this._lay = [0, 1, 2, 3, 4, 5].map((i) => M._folio_wasm_io_layout(i));
      const out = this._io + this._lay[2];
      const st = M._folio_wasm_open(packPtr, src.length, wsPtr, wsLen, options.verifyChecksum ? 1 : 0, out);
      this._check(st, 'open');
      const u = this._u32(out, 2);
      this._pack = u[0];
      this._reader = u[1];
      this.packBytes = src.length;
      this.workspaceBytes = wsLen;
      this._dst = 0;
      this._dstCap = 0;
    }

    _heap() { return this._M.HEAPU8; }
    _u32(ptr, n) { return new Uint32Array(this._M.HEAPU8.buffer, ptr, n).slice(); }
    _str(ptr, len) { return len ? utf8.decode(this._M.HEAPU8.subarray(ptr, ptr + len)) : ''; }
    _check(st, what) {
      if (st < 0) throw new FolioError(st, this._statusStr(st), what);
      return st;
    }
    _statusStr(st) {
      const p = this._M._folio_status_str(st);
      const h = this._M.HEAPU8;
      let e = p;
      while (h[e]) e++;
      return utf8.decode(h.subarray(p, e));
    }
    // Copies a JS string into the query area; returns its byte length.
    _query(s) {
      const b = enc.encode(String(s));
      if (b.length > this._lay[1]) throw new FolioError(-12, 'query too long', 'query');
      this._heap().set(b, this._io + this._lay[0]);
      return b.length;
    }
    get _rec() { return this._io + this._lay[2]; }

    _article(u, i = 0) {
      return {
        id: u[i], slug: this._str(u[i + 1], u[i + 2]), title: this._str(u[i + 3], u[i + 4]),
        summary: this._str(u[i + 5], u[i + 6]), updated: u[i + 7], audience: AUDIENCE[u[i + 8]],
        sectionFirst: u[i + 9], sectionCount: u[i + 10],
      };
    }

    /** Pack metadata. */
    info() {
      this._check(this._M._folio_wasm_info(this._pack, this._rec), 'info');
      const u = this._u32(this._rec, 21);
      return {
        title: this._str(u[0], u[1]), language: this._str(u[2], u[3]), contentVersion: this._str(u[4], u[5]),
        licence: this._str(u[6], u[7]), disclaimer: this._str(u[8], u[9]),
        formatVersion: `${u[10]}.${u[11]}`, articleCount: u[12], sectionCount: u[13], glossaryCount: u[14],
        referenceCount: u[15], topicCount: u[16], packBytes: u[17], workspaceBytes: u[18],
        maxDocBytes: u[19], searchAvailable: u[20] === 1,
      };
    }

    /** Article by id, or null. */
    article(id) {
      const st = this._M._folio_wasm_article(this._pack, id >>> 0, this._rec);
      if (st === -7) return null;
      this._check(st, 'article');
      return this._article(this._u32(this._rec, 12));
    }

    /** "slug", "slug#anchor", a title or an alias -> article (with .section), or null if not found. */
    lookup(text) {
      const n = this._query(text);
      const st = this._M._folio_wasm_lookup(this._pack, this._io + this._lay[0], n, this._rec);
      if (st === -7) return null;
      this._check(st, 'lookup');
      const u = this._u32(this._rec, 13);
      const a = this._article(u);
      a.section = u[12];
      return a;
    }

    /** Ranked title-prefix suggestions (at most 64). */
    suggest(prefix, limit = 8) {
      const n = this._query(prefix);
      const k = this._check(this._M._folio_wasm_suggest(this._pack, this._io + this._lay[0], n, limit, this._rec), 'suggest');
      return this._entries(this._rec, k);
    }

    // k suggestion records of 9 words at address at
    _entries(at, k) {
      const u = this._u32(at, k * 9);
      const out = [];
      for (let i = 0; i < k; i++) {
        const o = i * 9;
        out.push({
          article: u[o], slug: this._str(u[o + 1], u[o + 2]), title: this._str(u[o + 3], u[o + 4]),
          matched: this._str(u[o + 5], u[o + 6]), kind: ['title', 'alias', 'word'][u[o + 7]] || u[o + 7],
          score: u[o + 8],
        });
      }
      return out;
    }

    /** Suggestions for what the user is typing, through the search's typo correction when nothing starts
     *  with it: {suggestions (as suggest() gives them), corrected (the text they are for when it is not
     *  `prefix`, e.g. "injection" for "injecton", else null)}. */
    suggestTyped(prefix, limit = 8) {
      const n = this._query(prefix);
      const text = this._io + this._lay[4];
      const k = this._check(this._M._folio_wasm_suggest_typed(this._reader, this._io + this._lay[0], n, limit,
        this._rec, text, this._lay[5]), 'suggest');
      const fl = this._u32(this._rec, 1)[0];
      return { suggestions: this._entries(this._rec + 4, k), corrected: fl ? this._str(text, fl) : null };
    }

    /** Full-text search. options: {limit (<= 64), allSections, snippets (default true), fuzzy, synonyms,
     *  prefixLast}. Returns {hits, corrected (string or null), suggested ("did you mean" when nothing was
     *  found and a real word was kept as typed, or null), missing (the query's words that no section has,
     *  as typed and space-separated, or null), partial, truncated}. */
    search(query, options = {}) {
      const n = this._query(query);
      let flags = 0;
      if (options.allSections) flags |= 1;
      if (options.snippets === false) flags |= 2;
      if (options.fuzzy === false) flags |= 4;
      if (options.synonyms === false) flags |= 8;
      if (options.prefixLast) flags |= 16;
      const limit = Math.min(options.limit || 10, 64);
      const text = this._io + this._lay[4];
      const st = this._M._folio_wasm_search(this._reader, this._io + this._lay[0], n, flags, limit, this._rec,
        text, this._lay[5]);
      this._check(st, 'search');
      const head = this._u32(this._rec, 7);
      const count = head[0];
      const u = this._u32(this._rec + 28, count * 32);
      const f32 = new Float32Array(u.buffer);
      const textStr = (off, len) => this._str(text + off, len);
      const hits = [];
      for (let i = 0; i < count; i++) {
        const o = i * 32;
        const hl = [];
        for (let k = 0; k < u[o + 15] && k < 8; k++) hl.push([u[o + 16 + 2 * k], u[o + 17 + 2 * k]]);
        const snippetBytes = this._M.HEAPU8.slice(text + u[o + 13], text + u[o + 13] + u[o + 14]);
        hits.push({
          article: u[o], section: u[o + 1], slug: this._str(u[o + 2], u[o + 3]), title: this._str(u[o + 4], u[o + 5]),
          anchor: this._str(u[o + 6], u[o + 7]), heading: this._str(u[o + 8], u[o + 9]), score: f32[o + 10],
          allWords: (u[o + 11] & 1) !== 0, titleMatch: (u[o + 11] & 2) !== 0, moreSections: u[o + 12],
          snippet: utf8.decode(snippetBytes),
          // highlight ranges as [start, end) offsets into `snippet` (converted from bytes to UTF-16 units)
          highlights: hl.map(([off, len]) => [utf8.decode(snippetBytes.subarray(0, off)).length,
            utf8.decode(snippetBytes.subarray(0, off + len)).length]),
        });
      }
      return {
        hits,
        corrected: head[1] & 1 ? textStr(head[2], head[3]) : null,
        suggested: head[1] & 16 ? textStr(head[2], head[3]) : null,
        missing: head[1] & 32 ? textStr(head[5], head[6]) : null,
        partial: (head[1] & 2) !== 0,
        truncated: (head[1] & 4) !== 0,
      };
    }

    /** Render an article (id, slug or "slug#anchor"): {format: 'html' (default) | 'text', section,
     *  references: bool}. A "slug#anchor" renders that section. */
    render(which, options = {}) {
      let id = which;
      let section = options.section === undefined ? NONE : options.section;
      if (typeof which === 'string') {
        const a = this.lookup(which);
        if (!a) throw new FolioError(-7, 'no such article', 'render');
        id = a.id;
        if (which.includes('#') && options.section === undefined) section = a.section;
      }
      const format = options.format === 'text' ? 0 : 1;
      const flags = options.references === false ? 1 : 0;
      const outLen = this._rec;
      for (let attempt = 0; attempt < 2; attempt++) {
        const st = this._M._folio_wasm_render(this._reader, id >>> 0, section >>> 0, format, flags, this._dst,
          this._dstCap, outLen);
        const need = this._u32(outLen, 1)[0];
        if (st === 0) return this._str(this._dst, need);
        if (st !== -6) this._check(st, 'render');
        // Grow the render buffer (never shrinks; memory is reserved once and reused).
        const cap = Math.max(need, 2 * this._dstCap, 16384);
        const p = this._M._folio_wasm_reserve(cap);
        if (!p) throw new FolioError(-5, 'no memory for the render buffer', 'render');
        this._dst = p;
        this._dstCap = cap;
      }
      throw new FolioError(-6, 'render buffer', 'render');
    }

    /** Glossary term by name, abbreviation or everyday word, or null. */
    glossary(text) {
      return this._glossary(this._M._folio_wasm_glossary, text, 'glossary');
    }

    /** The glossary term a search query asks about ("what is a placebo?", "stem cells"), or null:
     *  for a definition card above search results. */
    glossaryForQuery(query) {
      return this._glossary(this._M._folio_wasm_glossary_for_query, query, 'glossaryForQuery');
    }

    _glossary(fn, text, what) {
      const n = this._query(text);
      const st = fn(this._pack, this._io + this._lay[0], n, this._rec);
      if (st === -7) return null;
      this._check(st, what);
      const u = this._u32(this._rec, 7);
      return { id: u[0], key: this._str(u[1], u[2]), term: this._str(u[3], u[4]), definition: this._str(u[5], u[6]) };
    }
  }

  return { FolioPack, FolioError };
});

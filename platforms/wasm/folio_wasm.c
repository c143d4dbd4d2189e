/* folio_wasm.c: the WebAssembly port's C side. Linked with -sMALLOC=none: there is no allocator in the
 * module. Memory for the pack, the workspace and the render buffer comes from folio_wasm_reserve(), a
 * bump pointer over the linear memory above the static data, never given back: a FolioPack in JS owns one pack and
 * one workspace for its lifetime, so nothing needs freeing.
 *
 * The wrappers flatten the API's structs into uint32 records (strings as pointer + length into the
 * pack) so the JS side (folio.js) does not depend on C struct layout. */
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <folio/folio.h>
#include <stdint.h>
#include <string.h>

/* Fixed I/O area shared with JS: query bytes in, records and snippet text out. */
#define IO_QUERY 0u
#define IO_QUERY_CAP 4096u
#define IO_RECORDS 4096u
#define IO_RECORDS_CAP ((8u + FOLIO_SEARCH_MAX_HITS * 32u) * 4u) /* the largest: a search header and 64 hits */
#define IO_TEXT (IO_RECORDS + IO_RECORDS_CAP)
#define IO_TEXT_CAP 32768u
#define IO_SIZE (IO_TEXT + IO_TEXT_CAP)
static uint64_t io_buf[IO_SIZE / 8];

EMSCRIPTEN_KEEPALIVE uint8_t *folio_wasm_io(void) { return (uint8_t *)io_buf; }
EMSCRIPTEN_KEEPALIVE uint32_t folio_wasm_io_layout(uint32_t i)
{
  static const uint32_t layout[] = {IO_QUERY, IO_QUERY_CAP, IO_RECORDS, IO_RECORDS_CAP, IO_TEXT, IO_TEXT_CAP};
  return i < 6 ? layout[i] : 0;
}

/* n bytes, 8-byte aligned, bumped up from the linker's __heap_base (nothing else uses that memory:
 * there is no malloc) and growing the memory through emscripten_resize_heap, which also refreshes the
 * JS views (HEAPU8). NULL if the memory cannot grow. Never freed. */
extern unsigned char __heap_base;
static uintptr_t heap_top;

EMSCRIPTEN_KEEPALIVE void *folio_wasm_reserve(size_t n)
{
  if (!heap_top) heap_top = (uintptr_t)&__heap_base;
  uintptr_t p = (heap_top + 7u) & ~(uintptr_t)7u;
  if (n > SIZE_MAX - p) return NULL;
  uintptr_t end = p + n;
  if (end > emscripten_get_heap_size() && !emscripten_resize_heap(end)) return NULL;
  heap_top = end;
  return (void *)p;
}

static void put_str(uint32_t *o, folio_str s)
{
  o[0] = (uint32_t)(uintptr_t)s.ptr;
  o[1] = s.len;
}

EMSCRIPTEN_KEEPALIVE int folio_wasm_open(const void *pack, size_t len, void *ws, size_t ws_len, uint32_t flags,
                                         uint32_t *out)
{
  const folio_pack *p = NULL;
  folio_reader *r = NULL;
  folio_status st = folio_open(pack, len, ws, ws_len, flags, &p, &r);
  out[0] = (uint32_t)(uintptr_t)p;
  out[1] = (uint32_t)(uintptr_t)r;
  return st;
}

/* info record: title, language, content_version, licence, disclaimer (5 strings = 10 words), then
 * format_major, format_minor, article, section, glossary, reference, topic counts, pack bytes (low 32),
 * workspace bytes, max_doc_bytes, search available. */
EMSCRIPTEN_KEEPALIVE int folio_wasm_info(const folio_pack *p, uint32_t *o)
{
  folio_info i;
  folio_status st = folio_pack_info(p, &i);
  if (st != FOLIO_OK) return st;
  put_str(o + 0, i.title);
  put_str(o + 2, i.language);
  put_str(o + 4, i.content_version);
  put_str(o + 6, i.licence);
  put_str(o + 8, i.disclaimer);
  o[10] = i.format_major;
  o[11] = i.format_minor;
  o[12] = i.article_count;
  o[13] = i.section_count;
  o[14] = i.glossary_count;
  o[15] = i.reference_count;
  o[16] = i.topic_count;
  o[17] = (uint32_t)i.pack_bytes;
  o[18] = i.workspace_bytes;
  o[19] = i.max_doc_bytes;
  o[20] = (uint32_t)folio_search_available(p);
  return FOLIO_OK;
}

/* article record (12 words): id, slug, title, summary, updated, audience, section_first, section_count */
static void put_article(uint32_t *o, const folio_article *a)
{
  o[0] = a->id;
  put_str(o + 1, a->slug);
  put_str(o + 3, a->title);
  put_str(o + 5, a->summary);
  o[7] = a->updated;
  o[8] = (uint32_t)a->audience;
  o[9] = a->section_first;
  o[10] = a->section_count;
  o[11] = a->related_count;
}

EMSCRIPTEN_KEEPALIVE int folio_wasm_article(const folio_pack *p, uint32_t id, uint32_t *o)
{
  folio_article a;
  folio_status st = folio_article_get(p, id, &a);
  if (st == FOLIO_OK) put_article(o, &a);
  return st;
}

/* Slug ("slug" or "slug#anchor") first, then title/alias. Writes the article record and, at o[12], the
 * section id (lead section for a title match). */
EMSCRIPTEN_KEEPALIVE int folio_wasm_lookup(const folio_pack *p, const char *q, size_t len, uint32_t *o)
{
  folio_article a;
  folio_section s;
  folio_entry e;
  folio_status st = folio_resolve(p, q, len, &a, &s);
  if (st == FOLIO_OK) {
    put_article(o, &a);
    o[12] = s.id;
    return st;
  }
  st = folio_lookup_title(p, q, len, &e);
  if (st != FOLIO_OK) return st;
  st = folio_article_get(p, e.article, &a);
  if (st != FOLIO_OK) return st;
  put_article(o, &a);
  o[12] = a.section_first;
  return st;
}

/* n suggestion records of 9 words at o: article, slug, title, matched, kind, score. */
static void put_entries(uint32_t *o, const folio_entry *e, uint32_t n)
{
  for (uint32_t i = 0; i < n; ++i, o += 9) {
    o[0] = e[i].article;
    put_str(o + 1, e[i].slug);
    put_str(o + 3, e[i].title);
    put_str(o + 5, e[i].matched);
    o[7] = e[i].kind;
    o[8] = e[i].score;
  }
}

/* suggestion records (9 words, put_entries). Returns the count or a negative status. */
EMSCRIPTEN_KEEPALIVE int folio_wasm_suggest(const folio_pack *p, const char *q, size_t len, uint32_t cap,
                                            uint32_t *o)
{
  folio_entry e[64];
  uint32_t n = 0;
  if (cap > 64) cap = 64;
  folio_status st = folio_suggest(p, q, len, e, cap, &n);
  if (st != FOLIO_OK) return st;
  put_entries(o, e, n);
  return (int)n;
}

/* suggest_typed: header (1 word: the corrected text's length, 0 when the suggestions are for the prefix
 * as typed; the text is at the start of `text`), then the suggestion records of folio_wasm_suggest.
 * Returns the count or a negative status. */
EMSCRIPTEN_KEEPALIVE int folio_wasm_suggest_typed(folio_reader *r, const char *q, size_t len, uint32_t cap,
                                                  uint32_t *o, char *text, size_t text_cap)
{
  folio_entry e[64];
  uint32_t n = 0;
  size_t fl = 0;
  if (cap > 64) cap = 64;
  folio_status st = folio_suggest_typed(r, q, len, e, cap, &n, text, text_cap, &fl);
  if (st != FOLIO_OK) return st;
  o[0] = (uint32_t)fl;
  put_entries(o + 1, e, n);
  return (int)n;
}

/* search: result header (7 words: hit_count, flags, corrected_off, corrected_len, text_len, missing_off,
 * missing_len), then hit
 * records of 32 words: article, section, slug, title, anchor, heading, score (float bits), flags,
 * more_sections, snippet_off, snippet_len, highlight_count, 8 × (off, len), 4 spare. Snippet offsets are
 * relative to `text`. */
EMSCRIPTEN_KEEPALIVE int folio_wasm_search(folio_reader *r, const char *q, size_t len, uint32_t flags,
                                           uint32_t cap, uint32_t *o, char *text, size_t text_cap)
{
  static folio_search_hit hits[FOLIO_SEARCH_MAX_HITS];
  folio_search_result res;
  if (cap > FOLIO_SEARCH_MAX_HITS) cap = FOLIO_SEARCH_MAX_HITS;
  folio_status st = folio_search(r, q, len, flags, hits, cap, text, text_cap, &res);
  if (st != FOLIO_OK) return st;
  o[0] = res.hit_count;
  o[1] = res.flags;
  o[2] = res.corrected_off;
  o[3] = res.corrected_len;
  o[4] = res.text_len;
  o[5] = res.missing_off;
  o[6] = res.missing_len;
  o += 7;
  for (uint32_t i = 0; i < res.hit_count; ++i, o += 32) {
    const folio_search_hit *h = &hits[i];
    memset(o, 0, 32 * 4);
    o[0] = h->article;
    o[1] = h->section;
    put_str(o + 2, h->slug);
    put_str(o + 4, h->title);
    put_str(o + 6, h->anchor);
    put_str(o + 8, h->heading);
    memcpy(&o[10], &h->score, 4);
    o[11] = h->flags;
    o[12] = h->more_sections;
    o[13] = h->snippet_off;
    o[14] = h->snippet_len;
    o[15] = h->highlight_count;
    for (uint32_t k = 0; k < h->highlight_count && k < FOLIO_SEARCH_MAX_HIGHLIGHTS; ++k) {
      o[16 + 2 * k] = h->highlights[k].off;
      o[17 + 2 * k] = h->highlights[k].len;
    }
  }
  return FOLIO_OK;
}

EMSCRIPTEN_KEEPALIVE int folio_wasm_render(folio_reader *r, uint32_t article, uint32_t section, uint32_t format,
                                           uint32_t flags, char *dst, size_t cap, uint32_t *out_len)
{
  size_t n = 0;
  folio_status st = folio_render(r, article, section, (folio_format)format, flags, dst, cap, &n);
  *out_len = (uint32_t)n;
  return st;
}

/* glossary record (7 words): id, key, term, definition */
static int glossary_record(folio_status st, const folio_glossary_entry *g, uint32_t *o)
{
  if (st != FOLIO_OK) return st;
  o[0] = g->id;
  put_str(o + 1, g->key);
  put_str(o + 3, g->term);
  put_str(o + 5, g->definition);
  return st;
}

EMSCRIPTEN_KEEPALIVE int folio_wasm_glossary(const folio_pack *p, const char *q, size_t len, uint32_t *o)
{
  folio_glossary_entry g;
  return glossary_record(folio_glossary_lookup(p, q, len, &g), &g, o);
}

/* the entry a search query asks about ("what is a placebo?"): folio_glossary_for_query */
EMSCRIPTEN_KEEPALIVE int folio_wasm_glossary_for_query(const folio_pack *p, const char *q, size_t len, uint32_t *o)
{
  folio_glossary_entry g;
  return glossary_record(folio_glossary_for_query(p, q, len, &g), &g, o);
}

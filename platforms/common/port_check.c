/* port_check.c: see port_check.h. Plain C99, no allocation, no stdio. */
#include "port_check.h"

#include <folio/folio.h>
#include <string.h>

typedef struct ctx {
  const folio_port_out *out;
  folio_port_result *res;
} ctx;

static void put(const ctx *c, const char *s) { c->out->write(c->out->ctx, s, strlen(s)); }
static void putn(const ctx *c, const char *s, size_t n) { c->out->write(c->out->ctx, s, n); }

static void putu(const ctx *c, uint64_t v)
{
  char buf[21];
  char *p = buf + sizeof buf;
  do *--p = (char)('0' + (int)(v % 10u)); while (v /= 10u);
  putn(c, p, (size_t)(buf + sizeof buf - p));
}

static void puti(const ctx *c, int v)
{
  if (v < 0) {
    put(c, "-");
    putu(c, (uint64_t)(-(int64_t)v));
  } else {
    putu(c, (uint64_t)v);
  }
}

/* Records one check; `detail` (may be NULL) is printed after the name. */
static int check(const ctx *c, int ok, const char *name, const char *detail, int status)
{
  put(c, ok ? "ok   " : "FAIL ");
  put(c, name);
  if (detail) {
    put(c, ": ");
    put(c, detail);
  }
  if (!ok) {
    put(c, " (status ");
    puti(c, status);
    put(c, " ");
    put(c, folio_status_str(status));
    put(c, ")");
  }
  put(c, "\n");
  if (ok)
    c->res->passed++;
  else
    c->res->failed++;
  return ok;
}

static int contains(const char *hay, size_t n, const char *needle, size_t m)
{
  if (m == 0) return 1;
  for (size_t i = 0; i + m <= n; ++i)
    if (memcmp(hay + i, needle, m) == 0) return 1;
  return 0;
}

/* The first word of `s` made only of ASCII letters, at least 4 long, lowercased into buf. */
/* The longest word of 4 ASCII letters or more in s (the first of them), lower-cased into buf; 0 if none.
 * The longest, not the first: a title's first word may be a stopword ("Other"), and a typo of a stopword
 * alone finds nothing (folio_search). */
static size_t longest_word(folio_str s, char *buf, size_t cap)
{
  size_t i = 0, best = 0, best_len = 0;
  while (i < s.len) {
    size_t j = i;
    while (j < s.len && ((s.ptr[j] | 0x20) >= 'a' && (s.ptr[j] | 0x20) <= 'z')) ++j;
    if (j - i >= 4 && j - i < cap && j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j + 1;
  }
  for (size_t k = 0; k < best_len; ++k) buf[k] = (char)(s.ptr[best + k] | 0x20);
  return best_len;
}

int folio_port_check(const void *pack, size_t pack_len, void *ws, size_t ws_len, char *dst, size_t dst_cap,
                     const folio_port_out *out, folio_port_result *res)
{
  ctx c = {out, res};
  const folio_pack *p = NULL;
  folio_reader *r = NULL;
  folio_status st;
  folio_info info;
  folio_article a0, a;
  folio_entry e, sugg[8];
  uint32_t n = 0;
  size_t len = 0;

  memset(res, 0, sizeof *res);
  res->workspace_needed = folio_workspace_size(pack, pack_len);
  check(&c, res->workspace_needed > 0 && res->workspace_needed <= ws_len, "workspace", "fits", FOLIO_E_WORKSPACE);
  st = folio_open(pack, pack_len, ws, ws_len, FOLIO_OPEN_VERIFY_CHECKSUM, &p, &r);
  if (!check(&c, st == FOLIO_OK, "open", "with whole-file checksum", st)) return 1;

  st = folio_pack_info(p, &info);
  check(&c, st == FOLIO_OK && info.article_count > 0, "info", "articles > 0", st);
  put(&c, "     pack: ");
  putn(&c, info.title.ptr, info.title.len);
  put(&c, ", ");
  putu(&c, info.article_count);
  put(&c, " articles, ");
  putu(&c, info.pack_bytes);
  put(&c, " bytes, workspace ");
  putu(&c, res->workspace_needed);
  put(&c, "\n");
  if (info.article_count == 0) return 1;

  st = folio_article_get(p, 0, &a0);
  check(&c, st == FOLIO_OK, "article 0", NULL, st);

  /* Lookups: the slug and the title of article 0 find it again; a made-up slug does not. */
  st = folio_lookup_slug(p, a0.slug.ptr, a0.slug.len, &a);
  check(&c, st == FOLIO_OK && a.id == 0, "lookup slug", NULL, st);
  st = folio_lookup_title(p, a0.title.ptr, a0.title.len, &e);
  check(&c, st == FOLIO_OK && e.article == 0, "lookup title", NULL, st);
  st = folio_lookup_slug(p, "no-such-article-zz", 18, &a);
  check(&c, st == FOLIO_E_NOT_FOUND, "lookup miss", "FOLIO_E_NOT_FOUND", st);

  /* Suggestions for the first three bytes of the title. */
  {
    size_t k = a0.title.len < 3 ? a0.title.len : 3;
    int found = 0;
    st = folio_suggest(p, a0.title.ptr, k, sugg, 8, &n);
    for (uint32_t i = 0; i < n; ++i) found |= sugg[i].article == 0;
    check(&c, st == FOLIO_OK && n > 0, "suggest", found ? "prefix finds article 0" : "prefix gives results", st);
    if (n > 0) {
      put(&c, "     suggest '");
      putn(&c, a0.title.ptr, k);
      put(&c, "' -> ");
      putn(&c, sugg[0].title.ptr, sugg[0].title.len);
      put(&c, "\n");
    }
  }

  /* Full-text search for a word of the title (with snippets), and a query with a typo. */
  if (!folio_search_available(p)) {
    check(&c, 0, "search", "the pack has no search index", FOLIO_E_NOT_FOUND);
  } else {
    char word[32];
    static folio_search_hit hits[4]; /* static: ~500 bytes kept off small stacks */
    static char text[1024];
    folio_search_result sr;
    size_t wl = longest_word(a0.title, word, sizeof word);
    int found = 0;
    st = folio_search(r, word, wl, 0, hits, 4, text, sizeof text, &sr);
    for (uint32_t i = 0; st == FOLIO_OK && i < sr.hit_count; ++i) found |= hits[i].article == 0;
    check(&c, st == FOLIO_OK && sr.hit_count > 0, "search", found ? "a title word finds article 0" : "a title word has hits", st);
    if (st == FOLIO_OK && sr.hit_count > 0) {
      put(&c, "     search '");
      putn(&c, word, wl);
      put(&c, "' -> ");
      putn(&c, hits[0].title.ptr, hits[0].title.len);
      put(&c, ": ");
      putn(&c, text + hits[0].snippet_off, hits[0].snippet_len < 80 ? hits[0].snippet_len : 80);
      put(&c, "\n");
    }
    if (wl >= 5) { /* drop one letter: typo correction still finds something */
      word[wl - 2] = word[wl - 1];
      st = folio_search(r, word, wl - 1, 0, hits, 4, text, sizeof text, &sr);
      check(&c, st == FOLIO_OK && sr.hit_count > 0, "search typo", "corrected", st);
      { /* the same typo typed into a suggestion box: suggestions through the search's correction */
        static char fix[FOLIO_SUGGEST_CORRECTED_MAX];
        size_t fl = 0;
        st = folio_suggest_typed(r, word, wl - 1, sugg, 8, &n, fix, sizeof fix, &fl);
        check(&c, st == FOLIO_OK && (fl == 0 || n > 0), "suggest typed",
              fl ? "suggestions for the corrected prefix" : "suggestions as typed", st);
        if (st == FOLIO_OK && fl > 0) {
          put(&c, "     suggest '");
          putn(&c, word, wl - 1);
          put(&c, "' as '");
          putn(&c, fix, fl);
          put(&c, "'\n");
        }
      }
    }
  }

  /* Rendering: size query, then text and HTML of article 0; both contain its title. */
  st = folio_render(r, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, NULL, 0, &len);
  check(&c, (st == FOLIO_OK || st == FOLIO_E_DST_TOO_SMALL) && len > 0, "render size query", NULL, st);
  if (len > dst_cap) {
    check(&c, 0, "render text", "render buffer too small for article 0", FOLIO_E_DST_TOO_SMALL);
  } else {
    st = folio_render(r, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, dst, dst_cap, &len);
    check(&c, st == FOLIO_OK && contains(dst, len, a0.title.ptr, a0.title.len), "render text", "has the title", st);
    if (len > res->render_bytes) res->render_bytes = len;
    if (st == FOLIO_OK) {
      size_t show = len < 160 ? len : 160;
      put(&c, "     text: ");
      for (size_t i = 0; i < show; ++i) putn(&c, dst[i] == '\n' ? " | " : dst + i, dst[i] == '\n' ? 3 : 1);
      put(&c, "\n");
    }
  }
  st = folio_render(r, 0, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, dst, dst_cap, &len);
  if (st == FOLIO_E_DST_TOO_SMALL) {
    check(&c, 0, "render html", "render buffer too small for article 0", st);
  } else {
    check(&c, st == FOLIO_OK && contains(dst, len, "<h", 2), "render html", "has a heading", st);
    if (len > res->render_bytes) res->render_bytes = len;
  }

  /* Every article decompresses and verifies. */
  {
    uint32_t bad = FOLIO_NONE;
    st = folio_verify(r, &bad);
    check(&c, st == FOLIO_OK, "verify", "every article", st);
  }
  return res->failed ? 1 : 0;
}

// pack_walk.h: drive every read entry point of an opened pack (for fault sweeps, fuzzers and golden
// tests). Returns false if any call returned a status outside folio.h's set or broke a contract
// (out_len mismatch, writes past dst_cap); FOLIO_E_CORRUPT and friends are fine: the point is that a
// damaged pack yields statuses, never a crash (ASan/UBSan builds turn any bad access into a failure).
#ifndef FOLIO_TESTS_PACK_WALK_H
#define FOLIO_TESTS_PACK_WALK_H

#include <cstring>

#include <folio/folio.h>

namespace folio {
namespace fixture {

inline bool status_known(int s) { return s <= 0 && s >= FOLIO_E_LIMIT; }

struct WalkStats {
  unsigned calls = 0, ok = 0, corrupt = 0, bad = 0;
  void see(int s) {
    calls++;
    if (s == FOLIO_OK) ok++;
    if (s == FOLIO_E_CORRUPT) corrupt++;
    if (!status_known(s)) bad++;
  }
};

// Render into `buf` (cap bytes) and check the size contract. buf must have room for cap + 1 guard byte.
inline void walk_render(folio_reader *r, uint32_t a, uint32_t s, folio_format f, uint32_t flags, char *buf,
                        size_t cap, WalkStats &st) {
  size_t need = 0, got = 0;
  const folio_status q = folio_render(r, a, s, f, flags, nullptr, 0, &need);
  st.see(q);
  if (q != FOLIO_OK && q != FOLIO_E_DST_TOO_SMALL) return;
  buf[cap] = '\x5a';
  const folio_status w = folio_render(r, a, s, f, flags, buf, cap, &got);
  st.see(w);
  if (w == FOLIO_OK || w == FOLIO_E_DST_TOO_SMALL) {
    if (got != need) st.bad++;
    if ((w == FOLIO_OK) != (need <= cap)) st.bad++;
  }
  if (buf[cap] != '\x5a') st.bad++;
}

inline WalkStats walk_pack(const folio_pack *p, folio_reader *r, char *buf, size_t cap, bool deep = true) {
  WalkStats st;
  folio_info info;
  st.see(folio_pack_info(p, &info));
  const uint32_t na = info.article_count < 64 ? info.article_count : 64;
  for (uint32_t a = 0; a <= na; a++) {  // one past the end too
    folio_article art;
    const folio_status s = folio_article_get(p, a, &art);
    st.see(s);
    if (s != FOLIO_OK) {
      // Render still has to cope (the article row may be bad in a way article_get noticed).
      if (deep) walk_render(r, a, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, buf, cap, st);
      continue;
    }
    folio_article b;
    st.see(folio_lookup_slug(p, art.slug.ptr, art.slug.len, &b));
    folio_entry e[8];
    uint32_t n = 0;
    st.see(folio_lookup_title(p, art.title.ptr, art.title.len, e));
    for (uint32_t k = 1; k <= art.title.len && k <= 3; k++) st.see(folio_suggest(p, art.title.ptr, k, e, 8, &n));
    folio_str str;
    folio_reference ref;
    folio_link l;
    for (uint32_t i = 0; i < art.alias_count && i < 8; i++) st.see(folio_article_alias(p, a, i, &str));
    for (uint32_t i = 0; i < art.topic_count && i < 8; i++) st.see(folio_article_topic(p, a, i, &str));
    for (uint32_t i = 0; i < art.source_count && i < 8; i++) st.see(folio_article_source(p, a, i, &ref));
    for (uint32_t i = 0; i < art.related_count && i < 8; i++) st.see(folio_article_related(p, a, i, &b));
    for (uint32_t i = 0; i < art.backlink_count && i < 8; i++) st.see(folio_article_backlink(p, a, i, &b));
    for (uint32_t i = 0; i < art.link_count && i < 8; i++) st.see(folio_article_link(p, a, i, &l));
    if (!deep) continue;
    walk_render(r, a, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, buf, cap, st);
    walk_render(r, a, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, buf, cap, st);
    const uint32_t ns = art.section_count < 16 ? art.section_count : 16;
    for (uint32_t s2 = art.section_first; s2 < art.section_first + ns; s2++) {
      folio_section sec;
      st.see(folio_section_get(p, s2, &sec));
      walk_render(r, a, s2, FOLIO_FORMAT_HTML, FOLIO_RENDER_NO_REFERENCES, buf, cap, st);
      size_t need = 0;
      st.see(folio_section_text(r, s2, nullptr, 0, &need));
    }
  }
  const uint32_t ng = info.glossary_count < 16 ? info.glossary_count : 16;
  for (uint32_t g = 0; g < ng; g++) {
    folio_glossary_entry ge, ge2;
    folio_str s;
    const folio_status gs = folio_glossary_get(p, g, &ge);
    st.see(gs);
    if (gs == FOLIO_OK) st.see(folio_glossary_lookup(p, ge.term.ptr, ge.term.len, &ge2));
    st.see(folio_glossary_abbreviation(p, g, 0, &s));
    st.see(folio_glossary_everyday(p, g, 0, &s));
    st.see(folio_glossary_see_also(p, g, 0, &ge2));
    folio_article ga;
    st.see(folio_glossary_article(p, g, 0, &ga));
  }
  const uint32_t nr = info.reference_count < 16 ? info.reference_count : 16;
  for (uint32_t i = 0; i < nr; i++) {
    folio_reference ref, ref2;
    if (folio_reference_get(p, i, &ref) == FOLIO_OK) st.see(folio_reference_lookup(p, ref.key.ptr, ref.key.len, &ref2));
  }
  const uint32_t nt = info.topic_count < 16 ? info.topic_count : 16;
  for (uint32_t t = 0; t < nt; t++) {
    folio_str name;
    uint32_t n = 0, t2 = 0;
    if (folio_topic_get(p, t, &name, &n) == FOLIO_OK) st.see(folio_topic_find(p, name.ptr, name.len, &t2));
    folio_article ta;
    st.see(folio_topic_article(p, t, 0, &ta));
  }
  folio_entry e[8];
  uint32_t n = 0;
  st.see(folio_suggest(p, "s", 1, e, 8, &n));
  st.see(folio_suggest(p, "st", 2, e, 8, &n));
  folio_glossary_entry ge;
  st.see(folio_glossary_lookup(p, "oa", 2, &ge));
  folio_article ra;
  folio_section rs;
  st.see(folio_resolve(p, "cartilage-repair#options", 24, &ra, &rs));
  if (deep) {
    uint32_t bad = 0;
    st.see(folio_verify(r, &bad));
  }
  return st;
}

}  // namespace fixture
}  // namespace folio

#endif

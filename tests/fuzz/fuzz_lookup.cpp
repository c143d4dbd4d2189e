// fuzz_lookup: the input is a query string, run through every lookup of a fixed pack: slug, title/alias,
// resolve (slug#anchor), section anchor, glossary (also the entry a search query asks about), reference
// key, topic name.
#include <cstring>
#include <memory>

#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  folio::fixture::Opened &o = folio::fuzz::fixed_pack();
  const folio_pack *p = o.pack;
  std::unique_ptr<char[]> q(new char[size ? size : 1]);  // exact size: ASan sees any over-read
  if (size) std::memcpy(q.get(), data, size);
  const char *s = q.get();
  folio_article a;
  folio_section sec;
  folio_entry e;
  folio_glossary_entry g;
  folio_reference r;
  uint32_t t = 0;
  int st[9];
  st[0] = folio_lookup_slug(p, s, size, &a);
  st[1] = folio_lookup_title(p, s, size, &e);
  st[2] = folio_resolve(p, s, size, &a, &sec);
  st[3] = folio_section_find(p, 0, s, size, &sec);
  st[4] = folio_glossary_lookup(p, s, size, &g);
  st[5] = folio_reference_lookup(p, s, size, &r);
  st[6] = folio_topic_find(p, s, size, &t);
  st[7] = folio_suggest(p, s, size, &e, 1, &t);
  folio_glossary_entry gq;
  st[8] = folio_glossary_for_query(p, s, size, &gq);
  // a query that is a term is that term's question too (the whole query is tried first)
  if (st[4] == FOLIO_OK && (st[8] != FOLIO_OK || gq.id != g.id)) __builtin_trap();
  if (st[8] == FOLIO_OK && folio_glossary_get(p, gq.id, &g) != FOLIO_OK) __builtin_trap();
  for (int x : st)
    if (!folio::fixture::status_known(x) || x == FOLIO_E_CORRUPT) __builtin_trap();  // the pack is sound
  return 0;
}

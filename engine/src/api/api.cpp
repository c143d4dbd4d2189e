// The C API (folio.h): argument checks, then the module that does the work. Nothing here touches pack
// bytes directly.
#include <folio/folio.h>

#include "lookup/lookup.h"
#include "pack/pack.h"
#include "render/render.h"

using namespace folio::detail;

namespace {

bool pack_ok(const folio_pack *p) { return p != nullptr && p->tag == kHandleTag; }
bool reader_ok(const folio_reader *r) { return r != nullptr && r->tag == kReaderTag && pack_ok(r->pack); }
// A (pointer, length) input: NULL is only allowed with length 0.
bool input_ok(const char *s, size_t len) { return s != nullptr || len == 0; }
const char kEmpty[] = "";
const char *nz(const char *s) { return s ? s : kEmpty; }

}  // namespace

extern "C" {

const char *folio_status_str(int status) {
#ifdef FOLIO_NO_ERROR_STRINGS
  (void)status;
  return "folio status";
#else
  switch (status) {
    case FOLIO_OK: return "ok";
    case FOLIO_E_ARG: return "invalid argument";
    case FOLIO_E_FORMAT: return "not a folio pack";
    case FOLIO_E_VERSION: return "unsupported pack format version";
    case FOLIO_E_CORRUPT: return "pack is corrupt";
    case FOLIO_E_WORKSPACE: return "workspace too small or misaligned";
    case FOLIO_E_DST_TOO_SMALL: return "output buffer too small";
    case FOLIO_E_NOT_FOUND: return "not found";
    case FOLIO_E_TRUNCATED: return "pack is truncated";
    case FOLIO_E_CHECKSUM: return "checksum mismatch";
    case FOLIO_E_UTF8: return "invalid UTF-8";
    case FOLIO_E_QUERY: return "unusable query";
    case FOLIO_E_LIMIT: return "internal limit reached";
    default: return "unknown status";
  }
#endif
}

size_t folio_workspace_size(const void *pack, size_t pack_len) { return pack_workspace_size(pack, pack_len); }

size_t folio_reader_size(const folio_pack *p) { return pack_ok(p) ? p->layout.reader_total() : 0; }

folio_status folio_open(const void *pack, size_t pack_len, void *ws, size_t ws_len, uint32_t flags,
                        const folio_pack **out_pack, folio_reader **out_reader) {
  if (out_pack) *out_pack = nullptr;
  if (out_reader) *out_reader = nullptr;
  if (pack == nullptr || out_pack == nullptr || (flags & ~FOLIO_OPEN_VERIFY_CHECKSUM) != 0) return FOLIO_E_ARG;
  return pack_open(pack, pack_len, ws, ws_len, flags, out_pack, out_reader);
}

folio_status folio_reader_init(const folio_pack *p, void *mem, size_t mem_len, folio_reader **out) {
  if (out) *out = nullptr;
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return reader_init(p, mem, mem_len, out);
}

folio_status folio_pack_info(const folio_pack *p, folio_info *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return pack_info(p, out);
}

const folio_pack *folio_reader_pack(const folio_reader *r) { return reader_ok(r) ? r->pack : nullptr; }

folio_status folio_article_get(const folio_pack *p, uint32_t id, folio_article *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return pack_article(p, id, out);
}

folio_status folio_lookup_slug(const folio_pack *p, const char *slug, size_t len, folio_article *out) {
  if (!pack_ok(p) || out == nullptr || !input_ok(slug, len)) return FOLIO_E_ARG;
  return lookup_slug(p, nz(slug), len, out);
}

folio_status folio_lookup_title(const folio_pack *p, const char *text, size_t len, folio_entry *out) {
  if (!pack_ok(p) || out == nullptr || !input_ok(text, len)) return FOLIO_E_ARG;
  return lookup_title(p, nz(text), len, out);
}

folio_status folio_resolve(const folio_pack *p, const char *ref, size_t len, folio_article *out_article,
                           folio_section *out_section) {
  if (!pack_ok(p) || out_article == nullptr || out_section == nullptr || !input_ok(ref, len)) return FOLIO_E_ARG;
  return lookup_resolve(p, nz(ref), len, out_article, out_section);
}

folio_status folio_section_get(const folio_pack *p, uint32_t id, folio_section *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return pack_section(p, id, out);
}

folio_status folio_section_find(const folio_pack *p, uint32_t article, const char *anchor, size_t len,
                                folio_section *out) {
  if (!pack_ok(p) || out == nullptr || !input_ok(anchor, len)) return FOLIO_E_ARG;
  return lookup_section_find(p, article, nz(anchor), len, out);
}

folio_status folio_article_alias(const folio_pack *p, uint32_t article, uint32_t i, folio_str *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return article_alias(p, article, i, out);
}

folio_status folio_article_topic(const folio_pack *p, uint32_t article, uint32_t i, folio_str *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return article_topic(p, article, i, out);
}

folio_status folio_article_source(const folio_pack *p, uint32_t article, uint32_t i, folio_reference *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  uint32_t id = 0;
  const folio_status st = article_list_u32(p, article, LIST_SOURCE, i, &id);
  if (st != FOLIO_OK) return st;
  return id < p->n_references ? pack_reference(p, id, out) : FOLIO_E_CORRUPT;
}

static folio_status article_by_list(const folio_pack *p, uint32_t article, ArticleList which, uint32_t i,
                                    folio_article *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  uint32_t id = 0;
  const folio_status st = article_list_u32(p, article, which, i, &id);
  if (st != FOLIO_OK) return st;
  return id < p->n_articles ? pack_article(p, id, out) : FOLIO_E_CORRUPT;
}

folio_status folio_article_related(const folio_pack *p, uint32_t article, uint32_t i, folio_article *out) {
  return article_by_list(p, article, LIST_RELATED, i, out);
}

folio_status folio_article_backlink(const folio_pack *p, uint32_t article, uint32_t i, folio_article *out) {
  return article_by_list(p, article, LIST_BACKLINK, i, out);
}

folio_status folio_article_link(const folio_pack *p, uint32_t article, uint32_t i, folio_link *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return pack_link(p, article, i, out);
}

folio_status folio_suggest(const folio_pack *p, const char *prefix, size_t len, folio_entry *out, uint32_t cap,
                           uint32_t *out_n) {
  if (out_n) *out_n = 0;
  if (!pack_ok(p) || out_n == nullptr || !input_ok(prefix, len) || (out == nullptr && cap != 0))
    return FOLIO_E_ARG;
  return lookup_suggest(p, nz(prefix), len, out, cap, out_n);
}

folio_status folio_glossary_lookup(const folio_pack *p, const char *text, size_t len,
                                   folio_glossary_entry *out) {
  if (!pack_ok(p) || out == nullptr || !input_ok(text, len)) return FOLIO_E_ARG;
  return lookup_glossary(p, nz(text), len, out);
}

folio_status folio_glossary_for_query(const folio_pack *p, const char *query, size_t len,
                                     folio_glossary_entry *out) {
  if (!pack_ok(p) || out == nullptr || !input_ok(query, len)) return FOLIO_E_ARG;
  return lookup_glossary_query(p, nz(query), len, out);
}

folio_status folio_glossary_get(const folio_pack *p, uint32_t id, folio_glossary_entry *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return pack_glossary(p, id, out);
}

folio_status folio_glossary_abbreviation(const folio_pack *p, uint32_t id, uint32_t i, folio_str *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  if (id >= p->n_glossary) return FOLIO_E_NOT_FOUND;
  return pack_strs_item(p, p->glossary->Get(id)->abbreviations(), i, out);
}

folio_status folio_glossary_everyday(const folio_pack *p, uint32_t id, uint32_t i, folio_str *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  if (id >= p->n_glossary) return FOLIO_E_NOT_FOUND;
  return pack_strs_item(p, p->glossary->Get(id)->everyday(), i, out);
}

folio_status folio_glossary_see_also(const folio_pack *p, uint32_t id, uint32_t i, folio_glossary_entry *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  uint32_t g = 0;
  const folio_status st = glossary_list_u32(p, id, GLIST_SEE_ALSO, i, &g);
  if (st != FOLIO_OK) return st;
  return g < p->n_glossary ? pack_glossary(p, g, out) : FOLIO_E_CORRUPT;
}

folio_status folio_glossary_article(const folio_pack *p, uint32_t id, uint32_t i, folio_article *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  uint32_t a = 0;
  const folio_status st = glossary_list_u32(p, id, GLIST_ARTICLE, i, &a);
  if (st != FOLIO_OK) return st;
  return a < p->n_articles ? pack_article(p, a, out) : FOLIO_E_CORRUPT;
}

folio_status folio_reference_get(const folio_pack *p, uint32_t id, folio_reference *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return pack_reference(p, id, out);
}

folio_status folio_reference_lookup(const folio_pack *p, const char *key, size_t len, folio_reference *out) {
  if (!pack_ok(p) || out == nullptr || !input_ok(key, len)) return FOLIO_E_ARG;
  return lookup_reference(p, nz(key), len, out);
}

folio_status folio_topic_get(const folio_pack *p, uint32_t topic, folio_str *name, uint32_t *article_count) {
  if (!pack_ok(p)) return FOLIO_E_ARG;
  return lookup_topic_get(p, topic, name, article_count);
}

folio_status folio_topic_find(const folio_pack *p, const char *name, size_t len, uint32_t *out_topic) {
  if (!pack_ok(p) || out_topic == nullptr || !input_ok(name, len)) return FOLIO_E_ARG;
  return lookup_topic_find(p, nz(name), len, out_topic);
}

folio_status folio_topic_article(const folio_pack *p, uint32_t topic, uint32_t i, folio_article *out) {
  if (!pack_ok(p) || out == nullptr) return FOLIO_E_ARG;
  return lookup_topic_article(p, topic, i, out);
}

folio_status folio_render(folio_reader *r, uint32_t article, uint32_t section, folio_format format,
                          uint32_t flags, char *dst, size_t dst_cap, size_t *out_len) {
  if (out_len) *out_len = 0;
  if (!reader_ok(r) || out_len == nullptr || (dst == nullptr && dst_cap != 0)) return FOLIO_E_ARG;
  if ((format != FOLIO_FORMAT_TEXT && format != FOLIO_FORMAT_HTML) || (flags & ~FOLIO_RENDER_NO_REFERENCES))
    return FOLIO_E_ARG;
  return render_article(r, article, section, format, flags, dst, dst_cap, out_len);
}

folio_status folio_section_text(folio_reader *r, uint32_t section, char *dst, size_t dst_cap, size_t *out_len) {
  if (out_len) *out_len = 0;
  if (!reader_ok(r) || out_len == nullptr || (dst == nullptr && dst_cap != 0)) return FOLIO_E_ARG;
  return render_section_text(r, section, dst, dst_cap, out_len);
}

}  // extern "C"

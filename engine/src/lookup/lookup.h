// lookup.h: slug, title, alias, glossary, reference and topic lookups, suggestions and the article list
// accessors. All functions take the immutable handle, use only the stack, and are reentrant. Arguments
// are checked by the api module; these functions assume non-NULL pointers.
#ifndef FOLIO_LOOKUP_H
#define FOLIO_LOOKUP_H

#include "pack/pack.h"

namespace folio {
namespace detail {

folio_status lookup_slug(const folio_pack *p, const char *slug, size_t len, folio_article *out);
folio_status lookup_title(const folio_pack *p, const char *text, size_t len, folio_entry *out);
folio_status lookup_resolve(const folio_pack *p, const char *ref, size_t len, folio_article *out_article,
                            folio_section *out_section);
folio_status lookup_section_find(const folio_pack *p, uint32_t article, const char *anchor, size_t len,
                                 folio_section *out);
folio_status lookup_suggest(const folio_pack *p, const char *prefix, size_t len, folio_entry *out,
                            uint32_t cap, uint32_t *out_n);

folio_status lookup_glossary(const folio_pack *p, const char *text, size_t len, folio_glossary_entry *out);
// The glossary entry a search query asks about (folio_glossary_for_query).
folio_status lookup_glossary_query(const folio_pack *p, const char *text, size_t len, folio_glossary_entry *out);
folio_status lookup_reference(const folio_pack *p, const char *key, size_t len, folio_reference *out);
folio_status lookup_topic_find(const folio_pack *p, const char *name, size_t len, uint32_t *out_topic);
// The one topic / article whose name / slug is `prefix` or, failing that, starts with it (a filter still
// being typed): FOLIO_OK with the index or article; FOLIO_E_NOT_FOUND when none does, or when several do
// and none is the prefix itself (then *ambiguous is true); FOLIO_E_CORRUPT for a damaged pack.
folio_status lookup_topic_prefix(const folio_pack *p, const char *prefix, size_t len, uint32_t *out_topic,
                                 bool *ambiguous);
folio_status lookup_slug_prefix(const folio_pack *p, const char *prefix, size_t len, folio_article *out,
                                bool *ambiguous);
folio_status lookup_topic_get(const folio_pack *p, uint32_t topic, folio_str *name, uint32_t *article_count);
folio_status lookup_topic_article(const folio_pack *p, uint32_t topic, uint32_t i, folio_article *out);

// Article lists.
enum ArticleList { LIST_ALIAS, LIST_TOPIC, LIST_SOURCE, LIST_RELATED, LIST_BACKLINK };
folio_status article_list_u32(const folio_pack *p, uint32_t article, ArticleList which, uint32_t i,
                              uint32_t *out);
folio_status article_alias(const folio_pack *p, uint32_t article, uint32_t i, folio_str *out);
folio_status article_topic(const folio_pack *p, uint32_t article, uint32_t i, folio_str *out);

// Glossary lists.
enum GlossaryList { GLIST_ABBREVIATION, GLIST_EVERYDAY, GLIST_SEE_ALSO, GLIST_ARTICLE };
folio_status glossary_list_u32(const folio_pack *p, uint32_t id, GlossaryList which, uint32_t i,
                               uint32_t *out);

}  // namespace detail
}  // namespace folio

#endif  // FOLIO_LOOKUP_H

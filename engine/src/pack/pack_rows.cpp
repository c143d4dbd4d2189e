// Typed row accessors. The verifier proved every vector lies inside the index; what it cannot know is
// whether the numbers stored in rows (string offsets, ranges, ids) point inside their pools. Each is
// checked here, when followed, with one overflow-free compare.
#include "pack/pack.h"

namespace folio {
namespace detail {

folio_status pack_str(const folio_pack *p, const fb::Str &s, folio_str *out) {
  if (!in_bounds(s.off(), s.len(), p->strings_len)) return FOLIO_E_CORRUPT;
  out->ptr = reinterpret_cast<const char *>(p->strings) + s.off();
  out->len = s.len();
  return FOLIO_OK;
}

folio_status pack_u32(const folio_pack *p, const fb::Range &r, uint32_t i, uint32_t *out) {
  if (!range_ok(r, p->n_u32s)) return FOLIO_E_CORRUPT;
  if (i >= r.count()) return FOLIO_E_NOT_FOUND;
  *out = p->u32s->Get(r.off() + i);
  return FOLIO_OK;
}

folio_status pack_strs_item(const folio_pack *p, const fb::Range &r, uint32_t i, folio_str *out) {
  uint32_t k = 0;
  const folio_status st = pack_u32(p, r, i, &k);
  if (st != FOLIO_OK) return st;
  if (k >= p->n_strs) return FOLIO_E_CORRUPT;
  return pack_str(p, *p->strs->Get(k), out);
}

const fb::Article *pack_article_row(const folio_pack *p, uint32_t id) {
  return id < p->n_articles ? p->articles->Get(id) : nullptr;
}

const fb::Section *pack_section_row(const folio_pack *p, uint32_t id) {
  return id < p->n_sections ? p->sections->Get(id) : nullptr;
}

static folio_audience audience_of(fb::Audience a) {
  switch (a) {
    case fb::Audience::Clinician: return FOLIO_AUDIENCE_CLINICIAN;
    case fb::Audience::Both: return FOLIO_AUDIENCE_BOTH;
    default: return FOLIO_AUDIENCE_PATIENT;
  }
}

folio_status pack_article(const folio_pack *p, uint32_t id, folio_article *out) {
  const fb::Article *a = pack_article_row(p, id);
  if (a == nullptr) return FOLIO_E_NOT_FOUND;
  folio_article r;
  r.id = id;
  if (pack_str(p, a->slug(), &r.slug) != FOLIO_OK || pack_str(p, a->title(), &r.title) != FOLIO_OK ||
      pack_str(p, a->summary(), &r.summary) != FOLIO_OK)
    return FOLIO_E_CORRUPT;
  // The lead must exist and every section of the range must be inside Index.sections.
  if (a->sections().count() == 0 || !range_ok(a->sections(), p->n_sections)) return FOLIO_E_CORRUPT;
  if (!range_ok(a->aliases(), p->n_u32s) || !range_ok(a->topics(), p->n_u32s) ||
      !range_ok(a->sources(), p->n_u32s) || !range_ok(a->related(), p->n_u32s) ||
      !range_ok(a->backlinks(), p->n_u32s) || !range_ok(a->links(), p->n_links))
    return FOLIO_E_CORRUPT;
  r.updated = a->updated();
  r.audience = audience_of(a->audience());
  r.section_first = a->sections().off();
  r.section_count = a->sections().count();
  r.alias_count = a->aliases().count();
  r.topic_count = a->topics().count();
  r.source_count = a->sources().count();
  r.related_count = a->related().count();
  r.link_count = a->links().count();
  r.backlink_count = a->backlinks().count();
  *out = r;
  return FOLIO_OK;
}

folio_status pack_section(const folio_pack *p, uint32_t id, folio_section *out) {
  const fb::Section *s = pack_section_row(p, id);
  if (s == nullptr) return FOLIO_E_NOT_FOUND;
  folio_section r;
  r.id = id;
  r.article = s->article();
  if (r.article >= p->n_articles) return FOLIO_E_CORRUPT;
  if (pack_str(p, s->anchor(), &r.anchor) != FOLIO_OK || pack_str(p, s->heading(), &r.heading) != FOLIO_OK)
    return FOLIO_E_CORRUPT;
  r.parent = s->parent();
  if (r.parent != FOLIO_NONE && r.parent >= p->n_sections) return FOLIO_E_CORRUPT;
  r.level = s->level();
  r.audience = audience_of(s->audience());
  *out = r;
  return FOLIO_OK;
}

folio_status pack_glossary(const folio_pack *p, uint32_t id, folio_glossary_entry *out) {
  if (id >= p->n_glossary) return FOLIO_E_NOT_FOUND;
  const fb::GlossaryEntry *g = p->glossary->Get(id);
  folio_glossary_entry r;
  r.id = id;
  if (pack_str(p, g->id(), &r.key) != FOLIO_OK || pack_str(p, g->term(), &r.term) != FOLIO_OK ||
      pack_str(p, g->definition(), &r.definition) != FOLIO_OK)
    return FOLIO_E_CORRUPT;
  if (!range_ok(g->abbreviations(), p->n_u32s) || !range_ok(g->everyday(), p->n_u32s) ||
      !range_ok(g->see_also(), p->n_u32s) || !range_ok(g->articles(), p->n_u32s))
    return FOLIO_E_CORRUPT;
  r.abbreviation_count = g->abbreviations().count();
  r.everyday_count = g->everyday().count();
  r.see_also_count = g->see_also().count();
  r.article_count = g->articles().count();
  *out = r;
  return FOLIO_OK;
}

folio_status pack_reference(const folio_pack *p, uint32_t id, folio_reference *out) {
  if (id >= p->n_references) return FOLIO_E_NOT_FOUND;
  const fb::Reference *f = p->references->Get(id);
  folio_reference r;
  r.id = id;
  if (pack_str(p, f->id(), &r.key) != FOLIO_OK || pack_str(p, f->authors(), &r.authors) != FOLIO_OK ||
      pack_str(p, f->title(), &r.title) != FOLIO_OK || pack_str(p, f->container(), &r.container) != FOLIO_OK ||
      pack_str(p, f->doi(), &r.doi) != FOLIO_OK || pack_str(p, f->pmid(), &r.pmid) != FOLIO_OK ||
      pack_str(p, f->url(), &r.url) != FOLIO_OK || pack_str(p, f->note(), &r.note) != FOLIO_OK)
    return FOLIO_E_CORRUPT;
  switch (f->kind()) {
    case fb::ReferenceKind::Organisation: r.kind = FOLIO_REF_ORGANISATION; break;
    case fb::ReferenceKind::Web: r.kind = FOLIO_REF_WEB; break;
    default: r.kind = FOLIO_REF_STUDY; break;
  }
  r.year = f->year();
  *out = r;
  return FOLIO_OK;
}

folio_status pack_link(const folio_pack *p, uint32_t article, uint32_t i, folio_link *out) {
  const fb::Article *a = pack_article_row(p, article);
  if (a == nullptr) return FOLIO_E_NOT_FOUND;
  if (!range_ok(a->links(), p->n_links)) return FOLIO_E_CORRUPT;
  if (i >= a->links().count()) return FOLIO_E_NOT_FOUND;
  const fb::Link *l = p->links->Get(a->links().off() + i);
  if (l->target() >= p->n_articles) return FOLIO_E_CORRUPT;
  if (l->section() != FOLIO_NONE && l->section() >= p->n_sections) return FOLIO_E_CORRUPT;
  if (l->from_section() >= p->n_sections) return FOLIO_E_CORRUPT;
  out->target_article = l->target();
  out->target_section = l->section();
  out->from_section = l->from_section();
  return FOLIO_OK;
}

static folio_str meta_str(const flatbuffers::String *s) {
  folio_str r;
  r.ptr = s ? s->c_str() : "";
  r.len = s ? s->size() : 0;
  return r;
}

folio_status pack_info(const folio_pack *p, folio_info *out) {
  const fb::Meta *m = p->index->meta();
  folio_info r;
  r.title = meta_str(m ? m->title() : nullptr);
  r.language = meta_str(m ? m->language() : nullptr);
  r.content_version = meta_str(m ? m->content_version() : nullptr);
  r.licence = meta_str(m ? m->licence() : nullptr);
  r.disclaimer = meta_str(m ? m->disclaimer() : nullptr);
  r.build_time = meta_str(m ? m->build_time() : nullptr);
  r.generator = meta_str(m ? m->generator() : nullptr);
  r.format_major = p->hdr.format_major;
  r.format_minor = p->hdr.format_minor;
  r.article_count = p->n_articles;
  r.section_count = p->n_sections;
  r.glossary_count = p->n_glossary;
  r.reference_count = p->n_references;
  r.topic_count = p->n_topics;
  r.pack_bytes = p->hdr.file_size;
  const size_t ws = p->layout.total();
  r.workspace_bytes = ws > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<uint32_t>(ws);
  r.dictionary_bytes = p->hdr.dictionary_bytes;
  r.max_doc_bytes = p->hdr.max_doc_bytes;
  *out = r;
  return FOLIO_OK;
}

}  // namespace detail
}  // namespace folio

// render.h: a verified article document (doc.fbs) → plain text or escaped HTML in a caller buffer.
// One linear pass over the flat block list (no recursion); nesting comes from the blocks' depth fields and
// a small fixed stack of open lists. The full output size is always computed, so a short buffer reports
// the size needed.
#ifndef FOLIO_RENDER_H
#define FOLIO_RENDER_H

#include "pack/pack.h"

namespace folio {
namespace detail {

// folio_render: whole article (section == FOLIO_NONE) or one section with its sub-sections.
folio_status render_article(folio_reader *r, uint32_t article, uint32_t section, folio_format format,
                            uint32_t flags, char *dst, size_t dst_cap, size_t *out_len);

// folio_section_text: plain text of one section only (no heading, no sub-sections).
folio_status render_section_text(folio_reader *r, uint32_t section, char *dst, size_t dst_cap,
                                 size_t *out_len);

}  // namespace detail
}  // namespace folio

#endif  // FOLIO_RENDER_H

/* folio.h: read-only access to a folio pack held in caller memory.
 *
 * This header is the whole public C API of the folio reader engine. If a function, type or constant is
 * not declared here, it is not part of the API.
 *
 * Memory. The engine never allocates. The caller provides
 *   - the pack bytes (for example an mmap of the file, a flash address, an ArrayBuffer), and
 *   - a workspace: folio_workspace_size() bytes, 8-byte aligned, which holds the pack handle and one
 *     reader (the per-thread scratch used to decompress, render and search).
 * Both must stay valid and unmoved while the handle is used. There is no close or free function: when
 * the caller is done it simply reuses or releases its own memory.
 *
 * Threads. A `const folio_pack *` is immutable after folio_open(): every function taking one is
 * reentrant and may be called from any number of threads at once. A `folio_reader *` is scratch state for
 * one thread at a time; give each extra thread its own reader with folio_reader_init().
 *
 * Strings. Every folio_str returned points into the pack bytes (or, where stated, into the reader's
 * scratch) and is not NUL-terminated. Strings from the pack live as long as the pack bytes.
 *
 * Errors. Functions return a folio_status: FOLIO_OK (0) or a negative code. Codes are stable and never
 * renumbered; folio_status_str() gives a short English message.
 *
 * Untrusted packs. folio_open() verifies the pack's structure (FlatBuffers verifier with explicit
 * limits, header fields, sizes) and every accessor bounds-checks the references it follows, so a corrupt
 * or hostile pack yields FOLIO_E_CORRUPT (at open, or later for the damaged article) and never an
 * out-of-bounds read. FOLIO_OPEN_VERIFY_CHECKSUM additionally checks the whole-file checksum (O(size)).
 */
#ifndef FOLIO_H
#define FOLIO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Library version (of this engine), distinct from the pack format version below. */
#define FOLIO_VERSION_MAJOR 0
#define FOLIO_VERSION_MINOR 1
#define FOLIO_VERSION_PATCH 0
#define FOLIO_VERSION_STRING "0.1.0"

/* Pack format this engine reads: packs with the same major version and any minor version open; a
 * newer major version is refused with FOLIO_E_VERSION. */
#define FOLIO_FORMAT_MAJOR 1
#define FOLIO_FORMAT_MINOR 0

/* Size of the fixed pack header, in bytes. folio_workspace_size() needs at least this many bytes. */
#define FOLIO_HEADER_SIZE 128

/* Limits of this engine. A pack whose header declares more than FOLIO_MAX_DOC_BYTES per article document,
 * FOLIO_MAX_SEARCH_SCRATCH of search scratch or FOLIO_MAX_DICTIONARY_BYTES of zstd dictionary is refused
 * with FOLIO_E_CORRUPT (the build tool's default document limit is 96 KiB). A lookup or suggestion whose
 * folded key is longer than FOLIO_MAX_KEY_BYTES returns FOLIO_E_LIMIT (no index key is that long). */
#define FOLIO_MAX_DOC_BYTES (16u << 20)
#define FOLIO_MAX_SEARCH_SCRATCH (64u << 20)
#define FOLIO_MAX_DICTIONARY_BYTES (4u << 20)
#define FOLIO_MAX_KEY_BYTES 256
#define FOLIO_SUGGEST_MAX 64

/* An upper bound of folio_workspace_size() for static arrays, from the header's max_doc_bytes and
 * search_scratch_bytes (both printed by `folio info`), valid for zstd 1.5.x decoders on 32- and 64-bit
 * targets: 2 KiB of handle and reader, 32 KiB for the dictionary's decoder tables, 128 KiB for the zstd
 * decoder context (95,992 B with Debian's libzstd), plus the document buffer and the search scratch. */
#define FOLIO_WORKSPACE_BOUND(max_doc_bytes, search_scratch_bytes)                                  \
  ((size_t)2048u + (size_t)32768u + (size_t)131072u + (((size_t)(max_doc_bytes) + 7u) & ~(size_t)7u) + \
   (((size_t)(search_scratch_bytes) + 7u) & ~(size_t)7u))

/* Status codes. Stable values: never renumbered, new codes get new numbers. */
typedef enum folio_status {
  FOLIO_OK = 0,
  FOLIO_E_ARG = -1,           /* NULL pointer, bad flag or out-of-range argument */
  FOLIO_E_FORMAT = -2,        /* not a folio pack (magic or identifier mismatch) */
  FOLIO_E_VERSION = -3,       /* pack format major version newer (or older) than this reader */
  FOLIO_E_CORRUPT = -4,       /* the pack (or one article of it) failed verification */
  FOLIO_E_WORKSPACE = -5,     /* workspace too small or not 8-byte aligned */
  FOLIO_E_DST_TOO_SMALL = -6, /* output buffer too small; *out_len holds the size needed */
  FOLIO_E_NOT_FOUND = -7,     /* no such slug, anchor, term, topic or id */
  FOLIO_E_TRUNCATED = -8,     /* pack shorter than its header declares (a cut-off file) */
  FOLIO_E_CHECKSUM = -9,      /* whole-file checksum mismatch (FOLIO_OPEN_VERIFY_CHECKSUM) */
  FOLIO_E_UTF8 = -10,         /* input text (query, slug) is not valid UTF-8 */
  FOLIO_E_QUERY = -11,        /* query unusable: nothing to search (empty, only operators) or a bad filter */
  FOLIO_E_LIMIT = -12         /* an internal bound was hit (e.g. too many query terms); see docs */
} folio_status;

/* Short English description of a status; never NULL, static storage. Unknown codes give
 * "unknown status". Compiled to a single generic string with FOLIO_NO_ERROR_STRINGS. */
const char *folio_status_str(int status);

/* ---------------------------------------------------------------------------------------------- */
/* Types */

typedef struct folio_pack folio_pack;     /* opaque; immutable after folio_open; lives in the workspace */
typedef struct folio_reader folio_reader; /* opaque per-thread scratch; lives in the workspace */

/* A string inside the pack (or reader scratch): `len` bytes at `ptr`, not NUL-terminated. */
typedef struct folio_str {
  const char *ptr;
  uint32_t len;
} folio_str;

#define FOLIO_NONE 0xFFFFFFFFu /* "no id": no section, unknown, etc. */

typedef enum folio_audience {
  FOLIO_AUDIENCE_PATIENT = 0,
  FOLIO_AUDIENCE_CLINICIAN = 1,
  FOLIO_AUDIENCE_BOTH = 2
} folio_audience;

/* Pack metadata (folio_pack_info). */
typedef struct folio_info {
  folio_str title, language, content_version, licence, disclaimer, build_time, generator;
  uint16_t format_major, format_minor;
  uint32_t article_count, section_count, glossary_count, reference_count, topic_count;
  uint64_t pack_bytes;         /* total size declared by the header */
  uint32_t workspace_bytes;    /* folio_workspace_size() for this engine build */
  uint32_t dictionary_bytes;   /* size of the shared zstd dictionary, 0 if none */
  uint32_t max_doc_bytes;      /* largest decompressed article */
} folio_info;

/* One article's metadata (folio_article_get). Lists are read with the folio_article_* list functions. */
typedef struct folio_article {
  uint32_t id;                 /* 0 .. article_count-1, in slug order */
  folio_str slug, title, summary;
  uint32_t updated;            /* yyyymmdd, 0 if unknown */
  folio_audience audience;
  uint32_t section_first;      /* first section id (the lead) */
  uint32_t section_count;      /* >= 1 */
  uint32_t alias_count, topic_count, source_count, related_count, link_count, backlink_count;
} folio_article;

typedef struct folio_section {
  uint32_t id;                 /* global section id */
  uint32_t article;            /* article id */
  folio_str anchor;            /* "" for the lead section */
  folio_str heading;           /* "" for the lead section */
  uint32_t parent;             /* enclosing section id or FOLIO_NONE */
  uint8_t level;               /* 0 lead, 2 for ##, 3 for ###, ... */
  folio_audience audience;
} folio_section;

/* A title-index entry returned by lookups and suggestions. */
typedef struct folio_entry {
  uint32_t article;            /* article id */
  folio_str slug, title;
  folio_str matched;           /* the folded key that matched (title, alias or word) */
  uint8_t kind;                /* 0 title, 1 alias, 2 word inside the title */
  uint32_t score;              /* higher is better; comparable within one call only */
} folio_entry;

typedef struct folio_glossary_entry {
  uint32_t id;
  folio_str key;               /* stable id, e.g. "patella" */
  folio_str term, definition;
  uint32_t abbreviation_count, everyday_count, see_also_count, article_count;
} folio_glossary_entry;

typedef enum folio_reference_kind {
  FOLIO_REF_STUDY = 0,
  FOLIO_REF_ORGANISATION = 1,
  FOLIO_REF_WEB = 2
} folio_reference_kind;

typedef struct folio_reference {
  uint32_t id;
  folio_str key;               /* registry id, e.g. "centeno-2016" */
  folio_reference_kind kind;
  uint16_t year;               /* 0 if unknown */
  folio_str authors, title, container, doi, pmid, url, note;
} folio_reference;

typedef struct folio_link {
  uint32_t target_article;
  uint32_t target_section;     /* FOLIO_NONE for a link to the whole article */
  uint32_t from_section;
} folio_link;

/* ---------------------------------------------------------------------------------------------- */
/* Opening */

/* Flags for folio_open. */
#define FOLIO_OPEN_VERIFY_CHECKSUM 1u /* also check the whole-file checksum: O(pack size) */

/* Bytes of workspace folio_open() needs for this pack with this engine build (the handle, the zstd
 * decoder state, the shared dictionary's decoder tables and one reader's scratch). Reads only the header
 * (the first FOLIO_HEADER_SIZE bytes). Returns 0 if `pack` is NULL, shorter than the header, or not a
 * folio pack of a supported major version. Cost O(1). */
size_t folio_workspace_size(const void *pack, size_t pack_len);

/* Bytes one extra reader (folio_reader_init) needs for this pack; 0 on bad arguments. O(1). */
size_t folio_reader_size(const folio_pack *p);

/* Verify `pack` and place a handle and one reader in `ws`.
 *   pack, pack_len  the whole pack file; must outlive the handle; never written.
 *   ws, ws_len      caller memory, 8-byte aligned, at least folio_workspace_size(pack, pack_len) bytes;
 *                   must outlive the handle. Its previous contents are ignored.
 *   flags           0 or FOLIO_OPEN_VERIFY_CHECKSUM.
 *   out_pack        receives the handle (inside ws).
 *   out_reader      receives the built-in reader (inside ws); may be NULL if unused.
 * Returns FOLIO_OK; FOLIO_E_ARG (pack or out_pack NULL, unknown flag, pack not 8-byte aligned);
 * FOLIO_E_WORKSPACE (ws NULL, misaligned or too small); FOLIO_E_FORMAT (bad magic or index identifier, or
 * fewer than FOLIO_HEADER_SIZE bytes that are not a prefix of a pack); FOLIO_E_VERSION (another major
 * version: checked before the header CRC, so a future header layout reports this and not corruption);
 * FOLIO_E_TRUNCATED (file shorter than its header declares); FOLIO_E_CORRUPT (header CRC, header sizes
 * over the FOLIO_MAX_* limits, region layout, unknown header flag bits in a pack of a minor version this
 * reader knows, FlatBuffers verification of the index, index invariants, malformed dictionary); FOLIO_E_CHECKSUM (with FOLIO_OPEN_VERIFY_CHECKSUM).
 * Cost: O(number of index vectors) plus the header checksum; O(size) with FOLIO_OPEN_VERIFY_CHECKSUM.
 * Never allocates. On failure *out_pack and *out_reader are set to NULL. */
folio_status folio_open(const void *pack, size_t pack_len, void *ws, size_t ws_len, uint32_t flags,
                        const folio_pack **out_pack, folio_reader **out_reader);

/* Place an extra reader for pack `p` in caller memory `mem` (8-byte aligned, folio_reader_size(p)
 * bytes), e.g. one per thread. Returns FOLIO_OK, FOLIO_E_ARG or FOLIO_E_WORKSPACE. O(1). */
folio_status folio_reader_init(const folio_pack *p, void *mem, size_t mem_len, folio_reader **out);

/* Deep check: every index reference, every key order, and every article frame decompressed and its
 * document verified, plus the whole-file checksum. Uses the reader's scratch. On the first problem returns
 * FOLIO_E_CORRUPT or FOLIO_E_CHECKSUM and, if `bad_article` is not NULL, stores the article id involved
 * (FOLIO_NONE if not article-specific). Article rows are all checked before any document, so a damaged
 * row is reported against its own article. FOLIO_E_ARG for a NULL reader. Cost O(pack size). */
folio_status folio_verify(folio_reader *r, uint32_t *bad_article);

/* Pack metadata. Always succeeds for an open handle (FOLIO_E_ARG on NULL). O(1). */
folio_status folio_pack_info(const folio_pack *p, folio_info *out);

/* ---------------------------------------------------------------------------------------------- */
/* Articles and sections (all O(1) or O(log n), reentrant) */

/* Article by id. FOLIO_E_NOT_FOUND if id >= article_count. */
folio_status folio_article_get(const folio_pack *p, uint32_t id, folio_article *out);

/* Exact slug lookup (bytes compared as given; slugs are [a-z0-9-]+). Binary search, O(log n).
 * FOLIO_E_NOT_FOUND if absent. */
folio_status folio_lookup_slug(const folio_pack *p, const char *slug, size_t len, folio_article *out);

/* Title or alias lookup: the query is folded (case, accents, punctuation runs) like the index, then
 * matched exactly against titles and aliases (not words inside titles). O(log n).
 * FOLIO_E_UTF8 on invalid UTF-8; FOLIO_E_LIMIT if the folded query exceeds FOLIO_MAX_KEY_BYTES;
 * FOLIO_E_NOT_FOUND if nothing matches (also for an empty query). Among equal keys a title beats an alias,
 * then the higher static rank, then the lower article id. */
folio_status folio_lookup_title(const folio_pack *p, const char *text, size_t len, folio_entry *out);

/* Parse "slug" or "slug#anchor" and resolve both. *out_section is the lead section when there is no
 * anchor. FOLIO_E_NOT_FOUND if the slug or anchor is unknown. */
folio_status folio_resolve(const folio_pack *p, const char *ref, size_t len, folio_article *out_article,
                           folio_section *out_section);

/* Section by global id; FOLIO_E_NOT_FOUND if out of range. */
folio_status folio_section_get(const folio_pack *p, uint32_t id, folio_section *out);

/* Section of `article` whose anchor equals `anchor` ("" gives the lead). O(sections of the article). */
folio_status folio_section_find(const folio_pack *p, uint32_t article, const char *anchor, size_t len,
                                folio_section *out);

/* List accessors of an article: element `i` of its aliases / topics / sources / related / links /
 * backlinks. FOLIO_E_NOT_FOUND if `article` or `i` is out of range. */
folio_status folio_article_alias(const folio_pack *p, uint32_t article, uint32_t i, folio_str *out);
folio_status folio_article_topic(const folio_pack *p, uint32_t article, uint32_t i, folio_str *out);
/* Sources are in citation order: element i is the reference cited as [i+1] in the article. */
folio_status folio_article_source(const folio_pack *p, uint32_t article, uint32_t i, folio_reference *out);
folio_status folio_article_related(const folio_pack *p, uint32_t article, uint32_t i, folio_article *out);
folio_status folio_article_link(const folio_pack *p, uint32_t article, uint32_t i, folio_link *out);
folio_status folio_article_backlink(const folio_pack *p, uint32_t article, uint32_t i, folio_article *out);

/* ---------------------------------------------------------------------------------------------- */
/* Suggestions */

/* Ranked title-prefix suggestions. The prefix is folded like the index (case, accents); it matches the
 * start of titles, aliases and of words inside titles. Results are unique per article, best first:
 * exact match, then title over alias over inner word, then the static rank (links in, shorter titles),
 * then slug order, so ties are deterministic.
 *   out, cap   caller array of `cap` entries (cap may be 0 to only count, capped at 64 internally).
 *   out_n      receives the number written.
 * Returns FOLIO_OK (possibly with *out_n == 0), FOLIO_E_ARG (out NULL with cap > 0, out_n NULL),
 * FOLIO_E_UTF8, FOLIO_E_LIMIT (folded prefix longer than FOLIO_MAX_KEY_BYTES), FOLIO_E_CORRUPT (a key or
 * its article is damaged). Empty prefix (also after folding, e.g. "!!"): FOLIO_OK, 0.
 * entry.score: bit 20 exact match, bits 16-17 kind (2 title, 1 alias, 0 word), bits 0-15 static rank.
 * Cost: O(log n + cap) for prefixes with a precomputed list (the pack's heavy prefixes, which hold at
 * most heavy_k = 16 articles in packs from the build tool, so such a prefix yields at most 16), else
 * O(log n + keys sharing the prefix), bounded by 4096 keys scanned. Reentrant: scratch is on the stack (< 2 KiB).
 * No typo tolerance: for a prefix nothing starts with ("injecton"), folio_suggest_typed (search API below)
 * runs folio_search on it with FOLIO_SEARCH_PREFIX_LAST and, when it reports a correction, suggests for the
 * corrected query (folio_search_result.corrected_off/len). An app that runs that search anyway, for its
 * results, can do the same with the result it has, as `folio browse` does. */
folio_status folio_suggest(const folio_pack *p, const char *prefix, size_t len, folio_entry *out,
                           uint32_t cap, uint32_t *out_n);

/* ---------------------------------------------------------------------------------------------- */
/* Glossary, references, topics */

/* Look up a glossary term by its name, an abbreviation or an everyday word (folded, exact), e.g.
 * "kneecap" → Patella, "OA" → Osteoarthritis. FOLIO_E_NOT_FOUND if absent; FOLIO_E_UTF8, FOLIO_E_LIMIT
 * as for folio_lookup_title. O(log n). */
folio_status folio_glossary_lookup(const folio_pack *p, const char *text, size_t len,
                                   folio_glossary_entry *out);
/* The glossary entry a search query asks about, for a definition card above search results. The query
 * is folded as for folio_glossary_lookup and tried whole; then without one English question frame
 * around the term ("what is", "what are", "what's", "what does ... mean" / "stand for", "define",
 * "definition of", "meaning of", "explain", "tell me about", a trailing "definition" or "meaning"), a
 * leading "a", "an" or "the", a trailing "please", "thanks" or "thank you", and trailing punctuation; then, when what is left is single letters
 * ("b m a c", as voice dictation spells an abbreviation; also with the article kept: "what is a c l"),
 * as the letters joined; then as the plural of a term ("stem cells" → Stem cell, "therapies" →
 * therapy); a term followed by its abbreviation in brackets, as the glossary and headings write it
 * ("Bone marrow aspirate concentrate (BMAC)", "what is osteoarthritis (OA)?"), by the words before the
 * brackets (by what is inside them only when nothing is before them: "knee arthritis (OA)" gives none). So "What is a placebo?", "what does OA stand for", "what is a c l" and "BMAC" each
 * give their entry, while "placebo for knee pain" gives none (the card is for a question about the term
 * itself, not for any query that mentions it).
 * FOLIO_E_NOT_FOUND when the query names no term (also for any query longer than 4 * FOLIO_MAX_KEY_BYTES
 * bytes); FOLIO_E_UTF8 on invalid UTF-8; FOLIO_E_ARG on NULL p/out (or query NULL with len > 0);
 * FOLIO_E_CORRUPT if a key names a missing entry. Stack only (< 1 KiB), reentrant, at most 12 O(log n)
 * lookups (6 for a query with no brackets at its end). For a card beside search results, pass the query as it was searched: the corrected query
 * (folio_search_result.corrected_off/len) when folio_search reports FOLIO_SEARCH_CORRECTED, so that
 * "what is a placbo" gets Placebo's card; folio_glossary_lookup is exact in the same way. */
folio_status folio_glossary_for_query(const folio_pack *p, const char *query, size_t len,
                                      folio_glossary_entry *out);
folio_status folio_glossary_get(const folio_pack *p, uint32_t id, folio_glossary_entry *out);
folio_status folio_glossary_abbreviation(const folio_pack *p, uint32_t id, uint32_t i, folio_str *out);
folio_status folio_glossary_everyday(const folio_pack *p, uint32_t id, uint32_t i, folio_str *out);
folio_status folio_glossary_see_also(const folio_pack *p, uint32_t id, uint32_t i,
                                     folio_glossary_entry *out);
folio_status folio_glossary_article(const folio_pack *p, uint32_t id, uint32_t i, folio_article *out);

folio_status folio_reference_get(const folio_pack *p, uint32_t id, folio_reference *out);
/* Registry id lookup (e.g. "centeno-2016"). O(log n). */
folio_status folio_reference_lookup(const folio_pack *p, const char *key, size_t len,
                                    folio_reference *out);

/* Topics: by index (sorted by name) and the articles of a topic. */
folio_status folio_topic_get(const folio_pack *p, uint32_t topic, folio_str *name, uint32_t *article_count);
folio_status folio_topic_find(const folio_pack *p, const char *name, size_t len, uint32_t *out_topic);
folio_status folio_topic_article(const folio_pack *p, uint32_t topic, uint32_t i, folio_article *out);

/* ---------------------------------------------------------------------------------------------- */
/* Rendering (uses the reader's scratch: one thread per reader) */

typedef enum folio_format {
  FOLIO_FORMAT_TEXT = 0, /* plain UTF-8 text: headings underlined, lists bulleted, citations as [n] */
  FOLIO_FORMAT_HTML = 1  /* escaped HTML fragment: <h2 id=anchor>, <a href="slug#anchor">,
                            <dfn data-term=id>, <sup class="cite"><a href="#ref-n">[n]</a></sup> */
} folio_format;

/* Render flags. */
#define FOLIO_RENDER_NO_REFERENCES 1u /* omit the numbered reference list after a whole article */

/* Render article `article` (section == FOLIO_NONE: the whole article, with its title and reference list)
 * or one section (with its sub-sections) into `dst`.
 *   dst, dst_cap  caller buffer; dst may be NULL when dst_cap is 0 (size query).
 *   out_len       receives the bytes written, or the bytes needed on FOLIO_E_DST_TOO_SMALL.
 * The output is not NUL-terminated. On FOLIO_E_DST_TOO_SMALL the first dst_cap bytes are written.
 * Returns FOLIO_OK, FOLIO_E_ARG (NULL reader or out_len, dst NULL with dst_cap > 0, unknown format or
 * flag), FOLIO_E_NOT_FOUND (bad id or section not in article), FOLIO_E_CORRUPT (frame fails to decompress
 * or verify, or the document refers to a missing article, section, glossary entry or reference),
 * FOLIO_E_DST_TOO_SMALL, FOLIO_E_LIMIT (output larger than SIZE_MAX: not reachable with 64-bit size_t).
 * Text output: the title underlined with '=', level-2 headings with '-', deeper ones with '~'; list items
 * "- " or "n. " indented two spaces per level; tables as "| a | b |" rows with a "|---|" line after
 * header rows; code indented four spaces; quotes prefixed "> "; a rule as "----"; blocks separated by a
 * blank line; references as "[n] Authors (year). Title. Container. doi:… url"; ends with a newline.
 * HTML output: a fragment (<h1> title, <h2>..<h6 id=anchor>, <p>, nested <ul>/<ol start>, <table> with
 * <th>/<td style="text-align:…">, <pre><code>, <blockquote>, <hr>, <em>/<strong>/<code>, <br>), every
 * byte from the pack escaped (& < > " ' as entities), the references as
 * <ol class="references"><li id="ref-n">.
 * Cost: one zstd decompression of the article (skipped when it is the reader's cached article) plus
 * O(output). */
folio_status folio_render(folio_reader *r, uint32_t article, uint32_t section, folio_format format,
                          uint32_t flags, char *dst, size_t dst_cap, size_t *out_len);

/* Plain text of one section only (no sub-sections, no heading): what `folio export` writes.
 * Same contract as folio_render. */
folio_status folio_section_text(folio_reader *r, uint32_t section, char *dst, size_t dst_cap,
                                size_t *out_len);

/* ---------------------------------------------------------------------------------------------- */
/* Search (section-level full-text search; owned by engine/src/search, documented in docs/search.md) */
/* BEGIN SEARCH API */
/* Full-text search over sections; results grouped by article (docs/search.md has the ranking and the
 * query syntax). The query language, in short:
 *   knee pain            all words first (AND), then the best partial matches
 *   "bone marrow"        phrase (words in this order, next to each other); "bone mar*": its last word a
 *                        prefix (also in a quote left open, with FOLIO_SEARCH_PREFIX_LAST)
 *   -surgery  -"a b"     exclude sections containing the word / phrase; "NOT surgery" (capitals, in a
 *                        query with lower-case letters) is "-surgery"
 *   menis*  k*  -menis*  prefix: its commonest completions (at most 8, within a postings budget), to
 *                        find or to exclude (also the last word when FOLIO_SEARCH_PREFIX_LAST is set)
 *   topic:evidence       only articles of this topic; audience:patient|clinician (sections for them);
 *                        names in any case; a topic or slug the pack lacks gives no hits and is reported
 *                        in folio_search_result.missing, as typed
 *   article:SLUG         only that article's sections (a hit's more_sections, with ALL_SECTIONS);
 *                        filters with no word to search (exclusions aside) list every section they keep
 *                        in pack order, score 0, grouped by article (the lead first, with its text's start
 *                        as the snippet), up to the cap
 * Words are folded (case, accents) and stemmed like the index; stopwords only affect ranking unless the
 * query has nothing else; unknown words are corrected to the nearest dictionary word (edit distance 1
 * for words of 4 to 7 letters, else 2; a word of 3 letters only to a term it is with one letter dropped,
 * where that term stands beside the query's neighbouring word in the text: "kne pain"), and
 * synonyms/abbreviations from the pack's vocabulary are added at a lower weight than the literal words. */

#define FOLIO_SEARCH_MAX_HITS 64       /* hits per call; a larger cap is clamped */
#define FOLIO_SEARCH_MAX_HIGHLIGHTS 8  /* highlight ranges per snippet */
#define FOLIO_SEARCH_MAX_CLAUSES 16    /* query words/phrases used (a longer query's stopwords give way to its
                                          content words first); the rest are ignored (flag TRUNCATED) */

/* folio_search flags (inputs). */
#define FOLIO_SEARCH_ALL_SECTIONS 1u   /* one hit per matching section instead of one per article */
#define FOLIO_SEARCH_NO_SNIPPETS 2u    /* skip snippets (no article decompression: fastest) */
#define FOLIO_SEARCH_NO_FUZZY 4u       /* no typo correction */
#define FOLIO_SEARCH_NO_SYNONYMS 8u    /* no synonym / abbreviation expansion */
#define FOLIO_SEARCH_PREFIX_LAST 16u   /* search-as-you-type: the last word is also a prefix (unless the
                                          query ends with a space), even a single letter, which then only
                                          adds score; one that no word starts is the start of a word whose
                                          stem is shorter ("preparat" of "preparation"), not a typo; two or
                                          more words that start exactly one article's title or alias rank
                                          that article first, as its exact title would; a filter at the end
                                          is the start of its value ("topic:evid"), and filters nothing
                                          while it is empty or starts several names */
#define FOLIO_SEARCH_EXHAUSTIVE 32u    /* the reference evaluation: the conjunctive pass, then (when it
                                          falls short) the disjunctive one, every matching section scored:
                                          no pruning of sections that cannot enter the results, no one-pass
                                          shortcut, synonym phrases checked on their words' positions
                                          instead of read from their own postings (same hits, slower; for
                                          tests and benchmarks) */

/* folio_search_result.flags (outputs). */
#define FOLIO_SEARCH_CORRECTED 1u      /* a word was corrected: see folio_search_result.corrected */
#define FOLIO_SEARCH_PARTIAL 2u        /* no hit contains every query word: hits are partial matches */
#define FOLIO_SEARCH_TRUNCATED 4u      /* the query had more than FOLIO_SEARCH_MAX_CLAUSES words */
#define FOLIO_SEARCH_TEXT_FULL 8u      /* `text` was too small: some snippets are empty or cut */
#define FOLIO_SEARCH_SUGGESTED 16u     /* no hits, and a real word the content lacks (in the pack's lexicon)
                                          was kept as typed, and every other required word is in some
                                          section: folio_search_result.corrected holds the query with its
                                          likeliest correction, a "did you mean" that was not searched
                                          (CORRECTED is then not set); only for a slip of the fingers
                                          (a neighbouring key, two letters swapped, a letter doubled
                                          or undoubled: "golf" -> "gold", "trail" -> "trial") or, in
                                          a word of 8 bytes or more, any one edit */
#define FOLIO_SEARCH_MISSING 32u       /* some query words are in no section of the pack in any form (as
                                          typed, corrected, completed, by a synonym or by their parts
                                          together; a phrase, by its words side by side), or a topic: or
                                          article: filter names nothing in the pack (then no hits):
                                          folio_search_result.missing holds them */

/* folio_search_hit.flags. */
#define FOLIO_HIT_ALL_WORDS 1u         /* the section matched every required query word */
#define FOLIO_HIT_TITLE 2u             /* the query is the article's title, an alias, or this section's heading
                                          (with FOLIO_SEARCH_PREFIX_LAST also the start of a title or alias) */

typedef struct folio_search_range {
  uint32_t off, len;                   /* bytes, relative to the hit's snippet */
} folio_search_range;

typedef struct folio_search_hit {
  uint32_t article;                    /* article id */
  uint32_t section;                    /* global section id (best section of the article) */
  folio_str slug, title;               /* into the pack */
  folio_str anchor, heading;           /* the section's; "" for the lead */
  float score;                         /* higher is better within a rank group (see folio_search);
                                          comparable within one call only */
  uint32_t flags;                      /* FOLIO_HIT_* */
  uint32_t more_sections;              /* other matching sections of the article (grouped mode) */
  uint32_t snippet_off, snippet_len;   /* snippet bytes in the caller's `text` buffer */
  uint32_t highlight_count;
  folio_search_range highlights[FOLIO_SEARCH_MAX_HIGHLIGHTS];
} folio_search_hit;

typedef struct folio_search_result {
  uint32_t hit_count;                  /* hits written */
  uint32_t flags;                      /* FOLIO_SEARCH_CORRECTED, _PARTIAL, _TRUNCATED, _TEXT_FULL, _SUGGESTED,
                                          _MISSING */
  uint32_t corrected_off, corrected_len; /* corrected query (folded words) in `text`, when CORRECTED
                                          (or the suggested one, when SUGGESTED) */
  uint32_t text_len;                   /* bytes of `text` used */
  uint32_t missing_off, missing_len;   /* when MISSING: the required words and quoted phrases that no
                                          section has, in `text`, as typed (a phrase with its quotes),
                                          in query order, separated by one space. A word of a phrase
                                          missing makes the phrase missing, and so does one whose words
                                          all occur but never side by side (a compound such as "AD-MSC"
                                          too, whose parts are in no one section). Filters (topic:,
                                          audience:) do not count: a word outside the topic asked for is
                                          not missing. With 0 hits because the words were found only as
                                          guesses (see below), those words are reported too. */
} folio_search_result;

/* True (1) if the pack has a search index this engine reads (its version is FOLIO_SEARCH_INDEX_VERSION).
 * O(1) in the pack's size (the index's blob sizes are checked). */
int folio_search_available(const folio_pack *p);

/* The search index version this engine reads. A pack built by another folio may hold another one: then
 * folio_search returns FOLIO_E_VERSION and the pack must be rebuilt (folio build) to be searched; every
 * other function works as before. */
#define FOLIO_SEARCH_INDEX_VERSION 7u

/* The version of the pack's search index: 0 when it has none (or p is not a pack), else the version
 * it was built with, whether or not this engine reads it. O(1). */
uint32_t folio_search_index_version(const folio_pack *p);

/* Search the pack of reader `r`.
 *   query, len      UTF-8 query text (not NUL-terminated); any length, at most
 *                   FOLIO_SEARCH_MAX_CLAUSES words and phrases are used: in a longer query its content
 *                   words first, then as many of its stopwords as fit.
 *   flags           FOLIO_SEARCH_* input flags, 0 for defaults.
 *   hits, cap       caller array; up to min(cap, FOLIO_SEARCH_MAX_HITS) hits, best first: hits with
 *                   FOLIO_HIT_TITLE, then those with FOLIO_HIT_ALL_WORDS, then partial matches, each
 *                   group by score (so a hit may score above one of a better group before it). Ties
 *                   break by section id, so results are deterministic. Grouped (the default), a hit
 *                   shows its article's best section, except where the query names the article: for
 *                   its title the hit shows the lead (anchor ""), for one of its aliases the lead when
 *                   the lead's own words (heading, body) hold every query word and the best section's
 *                   heading does not; the hit keeps the best section's score and flags.
 *   text, text_cap  caller buffer for the corrected query and the snippets (plain text, highlight ranges
 *                   in the hit); may be NULL/0 (no snippets). About 200 bytes per hit is enough.
 *   out             receives counts and flags; required.
 * A query whose required words are mostly in no section, the others found only through typo corrections
 * (another language: "dolor de rodilla"; garbled text), gets 0 hits and no correction rather than hits
 * built on guesses (FOLIO_SEARCH_MISSING names its words); one word found as typed (or through its
 * synonyms, parts or completions) keeps it searched.
 * Returns FOLIO_OK (also with 0 hits), FOLIO_E_ARG (NULL r/out, or hits NULL with cap > 0),
 * FOLIO_E_UTF8 (invalid UTF-8 in the query), FOLIO_E_QUERY (nothing searchable: empty, only operators
 * or punctuation; or an audience: filter whose value is not patient(s), clinician(s), both or all; an
 * unknown topic or slug is not an error, it matches no article), FOLIO_E_NOT_FOUND (the pack has no search index), FOLIO_E_VERSION (its search index
 * is of another version than FOLIO_SEARCH_INDEX_VERSION: rebuild the pack), FOLIO_E_CORRUPT (damaged index or
 * article), FOLIO_E_WORKSPACE (the pack declares less search scratch than this engine needs; packs
 * declare a fixed 64 KiB budget). Never allocates: all scratch is the reader's (the pack header's search_scratch_bytes).
 * Cost: proportional to the postings of the query words (skipping where the AND allows), plus for
 * snippets one small zstd frame per hit (the section's snippet source; the whole article in a pack
 * built with --no-snippet-store). Uses the reader: one thread per reader. Stack: the engine's own frames
 * stay within 12 KiB, a static bound over the whole call graph that the test engine_stack_bound enforces
 * (no recursion); measured 9,008 bytes on x86-64 and 7,348 on Cortex-M4 at -Os, plus zstd's decoder. */
folio_status folio_search(folio_reader *r, const char *query, size_t len, uint32_t flags,
                          folio_search_hit *hits, uint32_t cap, char *text, size_t text_cap,
                          folio_search_result *out);

/* Title suggestions for what a user is typing, with the search's typo correction: folio_suggest on
 * `prefix`, and when nothing starts with it ("injecton", "stem cel knee"), folio_suggest on the query as
 * folio_search corrects it with FOLIO_SEARCH_PREFIX_LAST (a correction it searched, FOLIO_SEARCH_CORRECTED,
 * or its "did you mean", FOLIO_SEARCH_SUGGESTED), when that correction has suggestions. One call for the
 * recipe in folio_suggest's comment; `folio suggest` uses it.
 *   r            reader: its workspace holds the search's scratch (so, like folio_search, not reentrant
 *                on one reader; one reader per thread).
 *   out, cap, out_n   as for folio_suggest.
 *   corrected, corrected_cap   optional caller buffer (NULL with 0: not wanted) for the text the
 *                suggestions are for when it is not `prefix` (UTF-8, not NUL-terminated, as typed but for
 *                the corrected words); FOLIO_SUGGEST_CORRECTED_MAX bytes always suffice.
 *   corrected_len   optional; receives that text's length, 0 when the suggestions are for `prefix` as
 *                typed (or there are none).
 * Returns folio_suggest's statuses for `prefix` (FOLIO_OK with *out_n == 0 when neither the prefix nor a
 * correction has suggestions); FOLIO_E_ARG also for a NULL or foreign reader; FOLIO_E_CORRUPT also for a
 * damaged search index met while correcting; FOLIO_E_DST_TOO_SMALL when
 * the corrected text does not fit `corrected` (the suggestions are written, nothing is copied, and
 * *corrected_len gives the size needed). No correction is tried for a pack without a search index or for a
 * prefix longer than FOLIO_SUGGEST_CORRECTED_MAX / 2 bytes.
 * Cost: folio_suggest's; when it finds nothing, one folio_search without snippets (a few tens of
 * microseconds on the bundled pack) and one more folio_suggest. No heap: the reader's workspace; stack:
 * its own frame (under 1 KiB) above folio_search's (9,824 bytes in all on x86-64, 8,068 on Cortex-M4). */
#define FOLIO_SUGGEST_CORRECTED_MAX 512
folio_status folio_suggest_typed(folio_reader *r, const char *prefix, size_t len, folio_entry *out,
                                 uint32_t cap, uint32_t *out_n, char *corrected, size_t corrected_cap,
                                 size_t *corrected_len);

/* The C++ wrapper for search (folio::SearchResults, folio::search) is in folio.hpp. */
/* END SEARCH API */

/* The pack a reader belongs to. */
const folio_pack *folio_reader_pack(const folio_reader *r);

#ifdef __cplusplus
}
#endif
#endif /* FOLIO_H */

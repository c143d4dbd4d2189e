// search.cpp: the query path. Outline (docs/search.md has the full story):
//   1. parse the query into clauses (a word, a compound, a phrase or an excluded item), each a list of
//      alternatives (the literal term, compound parts, prefix expansions, typo corrections, synonyms),
//      each alternative a conjunction of postings cursors with a weight;
//   2. conjunctive pass (document-at-a-time leapfrog over the required clauses; stopword clauses are
//      optional and only add score); if it yields fewer hits than asked, a disjunctive pass ranks
//      partial matches below full ones, with a coverage penalty (the share of the query's weight a
//      section matched, each required clause weighing its score bound; on short lists where the conjunction
//      is unlikely to fill the hits, the disjunctive pass alone, keeping the conjunctive result beside
//      it: run_passes);
//   3. hits are grouped by article as they stream by (sections of an article are contiguous ids), kept
//      in a bounded min-heap, then sorted (ties by section id: deterministic);
//   4. snippets: the section's text (from the index's snippet source, or rendered) is scanned for the
//      query's words, and the window holding the most distinct ones is copied out with highlight ranges.
// Scores: BM25F per posting, computed as it is read from its tf class and the section's field lengths,
// times the alternative's weight.
//
// This file holds search_run() and the scratch budget check; the modules are listed in search_internal.h.
#include "search/search_internal.h"

namespace folio {
namespace fts {

static_assert(kFuzzyMaxLen + 2 <= 64, "typo automata use 64-bit masks of kFuzzyMaxLen + 1 bits (and shift by 2)");
static_assert(sizeof(Scratch) <= kScratchBudget, "the search scratch outgrew the budget packs declare");
size_t scratch_bytes() { return kScratchBudget; }

bool last_search_pruned(const folio_reader *r) {
  if (!r || !r->search_scratch || r->search_scratch_len < sizeof(Scratch)) return false;
  return reinterpret_cast<const Scratch *>(r->search_scratch)->pruned;
}

bool last_search_one_pass(const folio_reader *r) {
  if (!r || !r->search_scratch || r->search_scratch_len < sizeof(Scratch)) return false;
  return reinterpret_cast<const Scratch *>(r->search_scratch)->one_pass;
}

uint32_t last_search_phrase_lists(const folio_reader *r) {
  if (!r || !r->search_scratch || r->search_scratch_len < sizeof(Scratch)) return 0;
  const Scratch *s = reinterpret_cast<const Scratch *>(r->search_scratch);
  uint32_t n = 0;
  for (uint32_t i = 0; i < s->nalts && i < kMaxAlts; ++i) n += s->alts[i].pre;
  return n;
}

bool available(const folio_pack *p) {
  View v;
  return view_init(p, &v);
}

static_assert(FOLIO_SEARCH_INDEX_VERSION == kIndexVersion, "folio.h names the index version the engine reads");

uint32_t index_version(const folio_pack *p) {
  if (!p || !p->index) return 0;
  const fb::SearchIndex *si = p->index->search();
  return si ? si->version() : 0;
}

// No usable index: another version (rebuild the pack) or none / a damaged one.
static folio_status no_index(const folio_pack *p) {
  const uint32_t v = index_version(p);
  return v != 0 && v != kIndexVersion ? FOLIO_E_VERSION : FOLIO_E_NOT_FOUND;
}

// Whether most of the query's words are in no section and the rest are found only through typo
// corrections: a query in another language ("dolor de rodilla" was shown as "donor de rodilla", with the
// donor-cell sections) or garbled text. Nothing reliable to show: no hits. A word found as typed (or
// through its synonyms, parts or completions) keeps the search as it was.
// Bytes of q taken by its leading stopwords ("what are the" in "what are the risks"): the source offset
// of its first other word; 0 when the first word is no stopword or every word is one.
static size_t question_words(const char *q, size_t len) {
  text::Tokenizer tok(q, len);
  text::Token t;
  while (tok.next(&t))
    if (!text::is_stopword(t.text, t.len)) return t.src_begin;
  return 0;
}

// Whether every word of q that is no stopword is, stemmed, a word of title t (and q has one): an alias
// such as "risks" or "side effects" names its article "Risks and side effects of ..." as its title does,
// and its hit opens at the lead; an alias beside the title ("infection risk") is often a subtopic.
static bool words_within(const char *q, size_t ql, const char *t, size_t tlen) {
  text::Tokenizer qt(q, ql);
  text::Token a;
  bool any = false;
  while (qt.next(&a)) {
    if ((a.flags & text::TOKEN_PART) || text::is_stopword(a.text, a.len)) continue;
    char qa[text::MAX_TOKEN_BYTES];
    FOLIO_MEMCPY(qa, a.text, a.len);
    const size_t qn = text::stem_english(qa, a.len);
    text::Tokenizer tt(t, tlen);
    text::Token b;
    bool found = false;
    while (!found && tt.next(&b)) {
      if (b.flags & text::TOKEN_PART) continue;
      char tb[text::MAX_TOKEN_BYTES];
      FOLIO_MEMCPY(tb, b.text, b.len);
      const size_t tn = text::stem_english(tb, b.len);
      found = tn == qn && FOLIO_MEMCMP(tb, qa, qn) == 0;
    }
    if (!found) return false;
    any = true;
  }
  return any;
}

// How many candidate sections clause_found walks for a phrase alternative before it counts it as found.
constexpr uint32_t kOccursSteps = 4096;

// Whether required clause c finds any section: an alternative that occurs (`guesses`: counting its typo
// corrections; without, only the word as typed, its synonyms, parts and completions). A phrase's words
// each having postings is not enough: "AD-MSC" and a quoted "platelet knee" found nothing and named
// nothing as missing until 2026-12-05, since each word is in some section but never side by side.
static bool clause_found(Scratch *s, const Clause *c, bool guesses) {
  for (uint32_t k = 0; k < c->na; ++k)
    if ((guesses || c->corrected < 0 || k < c->fz0) && alt_occurs(s, &s->alts[c->a0 + k], kOccursSteps)) return true;
  return false;
}

// Whether the space-separated list w[0, wl) already holds the word x[0, xl) (as typed, byte for byte).
static bool same_word_written(const char *w, size_t wl, const char *x, size_t xl) {
  for (size_t i = 0; i + xl <= wl;) {
    size_t j = i;
    while (j < wl && w[j] != ' ') ++j;
    if (j - i == xl && FOLIO_MEMCMP(w + i, x, xl) == 0) return true;
    i = j + 1;
  }
  return false;
}

// The query's missing words (folio_search_result.missing): each required word or phrase that no section
// has, as typed (control characters as spaces; a quoted phrase with its quotes), in query order, one
// space apart, into out[*used, cap). Synonym merging appends clauses that take over a replaced clause's
// source range, so the clauses are put in source order first, and a range is written once. Sets
// FOLIO_SEARCH_MISSING, or FOLIO_SEARCH_TEXT_FULL when the words do not fit (or out is NULL).
static void write_missing(Scratch *s, const char *q, size_t len, bool guesses, char *out, size_t cap,
                          size_t *used, folio_search_result *res) {
  uint32_t ord[kMaxClauses], n = 0;
  for (uint32_t i = 0; i < s->nclauses; ++i) {
    const Clause *c = &s->clauses[i];
    if (c->kind != CLAUSE_REQUIRED || c->na == 0 || c->src_end <= c->src_begin || c->src_end > len) continue;
    if (clause_found(s, c, guesses)) continue;
    uint32_t j = n++;
    while (j > 0 && s->clauses[ord[j - 1]].src_begin > c->src_begin) {
      ord[j] = ord[j - 1];
      --j;
    }
    ord[j] = i;
  }
  if (n == 0) return;
  size_t o = *used;
  const size_t start = o;
  uint32_t last_end = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const Clause *c = &s->clauses[ord[i]];
    if (i > 0 && c->src_begin < last_end) continue;  // a range already written
    uint32_t b = c->src_begin, e = c->src_end;
    last_end = e;
    if (b > 0 && e < len && q[b - 1] == '"' && q[e] == '"') {
      --b;
      ++e;
    }
    const size_t sep = o > start ? 1 : 0;
    if (out != nullptr && same_word_written(out + start, o - start, q + b, e - b)) continue;  // "x y x"
    if (out == nullptr || o + sep + (e - b) > cap) {
      res->flags |= FOLIO_SEARCH_TEXT_FULL;
      return;
    }
    if (sep) out[o++] = ' ';
    for (uint32_t k = b; k < e; ++k) {
      const unsigned char ch = static_cast<unsigned char>(q[k]);
      out[o++] = (ch < 0x20 || ch == 0x7F) ? ' ' : static_cast<char>(ch);
    }
  }
  res->missing_off = static_cast<uint32_t>(start);
  res->missing_len = static_cast<uint32_t>(o - start);
  res->flags |= FOLIO_SEARCH_MISSING;
  *used = o;
}

// Whether every word of the query was typed wrong and corrected to a stopword ("waht" -> "what", "tonig"
// -> "toing" of `to`): such a query names nothing, and searching the stopword listed any section with it
// until 2026-12-08. A query with a stopword typed as such ("what is", "what shoud" while typed) is
// searched as before.
static bool only_stopword_guesses(const Scratch *s) {
  bool any = false;
  for (uint32_t i = 0; i < s->nclauses; ++i) {
    const Clause *c = &s->clauses[i];
    if (c->na == 0) continue;
    if (c->kind == CLAUSE_OPTIONAL && c->corrected < 0) return false;
    if (c->kind != CLAUSE_REQUIRED) continue;
    if (c->corrected < 0 || static_cast<uint32_t>(c->corrected) >= s->ncorr) return false;
    const Correction &co = s->corr[c->corrected];
    char st[kMaxTermBytes];
    const size_t sl = stem_copy(co.word, co.len, st);
    if (!text::is_stopword(st, sl)) return false;
    any = true;
  }
  return any;
}

static bool mostly_unknown(const Scratch *s) {
  uint32_t guessed = 0, unknown = 0;
  for (uint32_t i = 0; i < s->nclauses; ++i) {
    const Clause *c = &s->clauses[i];
    if (c->kind != CLAUSE_REQUIRED || c->na == 0) continue;
    bool found = false, by_typo = false;
    for (uint32_t k = 0; k < c->na; ++k) {
      if (!alt_has_postings(s, &s->alts[c->a0 + k])) continue;
      if (c->corrected >= 0 && k >= c->fz0)
        by_typo = true;
      else
        found = true;
    }
    if (found) return false;
    if (by_typo)
      ++guessed;
    else
      ++unknown;
  }
  return guessed > 0 && unknown > guessed;
}

// Whether a query typed as you type may name a title by its start: two words or more, the last one still
// being typed (no trailing space). One word is what folio_suggest is for; as a search it is too short
// to say which article is meant.
static bool typing_title_prefix(const char *q, size_t n) {
  if (n == 0 || q[n - 1] == ' ') return false;
  size_t i = 0;
  while (i < n && q[i] == ' ') ++i;
  for (; i < n; ++i)
    if (q[i] == ' ') return true;
  return false;
}

// The heap's hits (sorted) into hits[], with their snippets after the `used` bytes of text_out: the
// highlight tables from the query's terms first.
static folio_status write_hits(Scratch *s, folio_reader *r, uint32_t flags, folio_search_hit *hits, char *text_out,
                               size_t text_cap, size_t used, folio_search_result *out) {
  const folio_pack *p = r->pack;
  FOLIO_MEMSET(s->hl_first, 0, sizeof s->hl_first);
  FOLIO_MEMSET(s->hl_pair, 0, sizeof s->hl_pair);
  for (uint32_t i = 0; i < s->nhl; ++i) {
    // second bytes: a term whose match needs only its first byte (or whose second byte is not ASCII)
    // allows any
    const HlTerm &h = s->hl[i];
    const unsigned char h0 = static_cast<unsigned char>(h.text[0]);
    const size_t need = hl_need(h);
    if (h0 < 0x80) {
      const unsigned char h1 = h.len > 1 ? static_cast<unsigned char>(h.text[1]) : 0x80;
      if (need < 2 || h1 >= 0x80) {
        s->hl_pair[h0][0] = s->hl_pair[h0][1] = ~0ull;
      } else {
        s->hl_pair[h0][h1 >> 6] |= 1ull << (h1 & 63);
      }
    }
  }
  sort_phrase_words(s);
  for (uint32_t i = 0; i < s->nhl; ++i) {
    const unsigned char c = static_cast<unsigned char>(s->hl[i].text[0]);
    if (c >= 0x80)
      FOLIO_MEMSET(s->hl_first + 0x80, 1, 0x80);
    else
      s->hl_first[c] = s->hl_first[c >= 'a' && c <= 'z' ? c - 32 : c] = 1;  // both cases (the snippet scan)
  }
  for (uint32_t i = 0; i < s->nheap; ++i) {
    const HeapItem &it = s->heap[i];
    folio_search_hit *h = &hits[i];
    FOLIO_MEMSET(h, 0, sizeof *h);
    h->article = it.article;
    h->section = it.section;
    h->score = it.score;
    h->flags = (it.full ? FOLIO_HIT_ALL_WORDS : 0u) | (it.title ? FOLIO_HIT_TITLE : 0u);
    h->more_sections = it.more;
    folio_article art;
    folio_section sec;
    if (detail::pack_article(p, it.article, &art) != FOLIO_OK) return FOLIO_E_CORRUPT;
    if (detail::pack_section(p, it.section, &sec) != FOLIO_OK) return FOLIO_E_CORRUPT;
    h->slug = art.slug;
    h->title = art.title;
    h->anchor = sec.anchor;
    h->heading = sec.heading;
    if (!(flags & FOLIO_SEARCH_NO_SNIPPETS) && text_out && text_cap > 0) {
      const folio_status st = make_snippet(s, r, h, text_out, text_cap, &used, &out->flags);
      if (st != FOLIO_OK) return st;
    }
  }
  out->hit_count = s->nheap;
  out->text_len = static_cast<uint32_t>(used);
  return FOLIO_OK;
}

folio_status search_run(folio_reader *r, const char *query, size_t len, uint32_t flags, folio_search_hit *hits,
                        uint32_t cap, char *text_out, size_t text_cap, folio_search_result *out) {
  FOLIO_MEMSET(out, 0, sizeof *out);
  const folio_pack *p = r->pack;
  if (!r->search_scratch || r->search_scratch_len < sizeof(Scratch)) {
    return available(p) ? FOLIO_E_WORKSPACE : no_index(p);
  }
  Scratch *s = reinterpret_cast<Scratch *>(r->search_scratch);
  if (!view_init(p, &s->v)) return no_index(p);
  if (!text::utf8_valid(query, len)) return FOLIO_E_UTF8;
  s->pack = p;
  s->query = query;
  s->query_len = static_cast<uint32_t>(len);
  s->names_article = kEnd;
  s->names_alt = 0;
  s->names_ok = false;
  s->ncursors = s->nalts = s->nclauses = s->nhl = s->nhlp = s->ncorr = s->nheap = 0;
  FOLIO_MEMSET(s->memo_len, 0, sizeof s->memo_len);
  s->bad = s->truncated = false;
  s->corr_inflected = false;
  s->topic_filter = false;
  s->filter_list = false;
  s->article_filter = false;
  s->article_first = s->article_end = 0;
  s->unknown_filter_b = s->unknown_filter_e = 0;
  s->topic = 0;
  s->audience = -1;
  s->title_article = kEnd;
  s->title_first = s->title_end = 0;
  s->title_by_alias = false;
  s->nheading_sections = 0;
  s->ntyped_words = 0;
  s->all_sections = (flags & FOLIO_SEARCH_ALL_SECTIONS) != 0;
  s->exhaustive = (flags & FOLIO_SEARCH_EXHAUSTIVE) != 0;
  s->pruned = s->one_pass = false;
  if (cap > kMaxHeap) cap = kMaxHeap;
  s->heap_cap = cap;

  ParseState ps{query, len, flags};
  bool empty = false;
  folio_status st = parse(s, p, ps, &empty);
  if (st != FOLIO_OK) return st;
  if (s->bad) return FOLIO_E_CORRUPT;
  if (s->truncated) out->flags |= FOLIO_SEARCH_TRUNCATED;
  if (empty) {
    if (!s->filter_list) {
      // a topic or article the pack does not have: named as missing, as a word in no section is (until
      // 2026-12-06 "topic:costs knee" gave no results and no reason)
      const uint32_t fb = s->unknown_filter_b, fe = s->unknown_filter_e;
      if (fe > fb && fe <= len) {
        if (!text_out || fe - fb > text_cap) {
          out->flags |= FOLIO_SEARCH_TEXT_FULL;
          return FOLIO_OK;
        }
        for (uint32_t k = fb; k < fe; ++k) {
          const unsigned char ch = static_cast<unsigned char>(query[k]);
          text_out[k - fb] = (ch < 0x20 || ch == 0x7F) ? ' ' : static_cast<char>(ch);
        }
        out->missing_off = 0;
        out->missing_len = fe - fb;
        out->text_len = fe - fb;
        out->flags |= FOLIO_SEARCH_MISSING;
      }
      return FOLIO_OK;
    }
    run_filter_list(s, p);
    if (s->bad) return FOLIO_E_CORRUPT;
    heap_sort(s);
    return write_hits(s, r, flags, hits, text_out, text_cap, 0, out);
  }
  if (!(flags & FOLIO_SEARCH_NO_SYNONYMS)) expand_synonyms(s);
  if (s->ncorr > 0) check_corrections(s);

  s->nrequired = 0;
  for (uint32_t i = 0; i < s->nclauses; ++i)
    if (s->clauses[i].kind == CLAUSE_REQUIRED && s->clauses[i].na > 0) ++s->nrequired;
  if (s->nrequired == 0) {
    // only stopwords: they become required
    for (uint32_t i = 0; i < s->nclauses; ++i)
      if (s->clauses[i].kind == CLAUSE_OPTIONAL && s->clauses[i].na > 0) {
        s->clauses[i].kind = CLAUSE_REQUIRED;
        ++s->nrequired;
      }
  }
  if (mostly_unknown(s) || only_stopword_guesses(s)) {
    // no hits built on guesses: the words found only as guesses are missing too
    size_t used = 0;
    write_missing(s, query, len, false, text_out, text_cap, &used, out);
    if (s->bad) return FOLIO_E_CORRUPT;  // a phrase's walk (alt_occurs) met a damaged posting list
    out->text_len = static_cast<uint32_t>(used);
    return FOLIO_OK;
  }
  // exact title / alias: only for plain queries (no operators), or a query that is one quoted phrase
  // ("\"knee injections compared\"" names its article as the words alone do)
  {
    const char *q0 = query;
    size_t l0 = len;
    if (l0 >= 3 && q0[0] == '"' && q0[l0 - 1] == '"') {
      ++q0;
      l0 -= 2;
    }
    bool plain = true;
    for (size_t i = 0; i < l0 && plain; ++i) plain = q0[i] != '"' && q0[i] != '*' && q0[i] != ':';
    if (plain && l0 > 0 && q0[0] != '-' && l0 < detail::kMaxKeyBytes) {
      // with typo corrections, the corrected query is what is compared ("sunbun" -> "sunburn")
      const char *tq = q0;
      size_t tl = l0;
      auto is_title = [&](const char *t, size_t n, folio_entry *e) {
        return n < detail::kMaxKeyBytes && detail::lookup_title(p, t, n, e) == FOLIO_OK && (e->kind == 0 || e->kind == 1);
      };
      folio_entry e;
      bool title = false;
      if (s->ncorr > 0) {
        // the corrections' inflected forms first, the one closer to what was typed: "incleemntly" is one
        // edit from the headword "inclemently", and its term's commonest form "inclement" is another title;
        // else the corrections as shown
        size_t used = 0;
        for (int inflected = 1; inflected >= 0 && !title; --inflected) {
          folio_search_result tmp;
          FOLIO_MEMSET(&tmp, 0, sizeof tmp);
          write_corrected(s, query, len, s->text, kSnippetText, &used, &tmp, inflected != 0);
          if (!(tmp.flags & FOLIO_SEARCH_CORRECTED)) continue;
          tq = s->text + tmp.corrected_off;
          tl = tmp.corrected_len;
          title = is_title(tq, tl, &e);
          s->corr_inflected = title && inflected;
        }
      } else {
        title = is_title(tq, tl, &e);
      }
      if (!title) {
        // a question around a title or alias: its leading stopwords left out ("what are the stem cell
        // risks" names the article whose alias is "stem cell risks")
        const size_t off = question_words(tq, tl);
        if (off > 0 && off < tl && is_title(tq + off, tl - off, &e)) {
          title = true;
          tq += off;
          tl -= off;
        }
      }
      if (!title && (flags & FOLIO_SEARCH_PREFIX_LAST) && typing_title_prefix(tq, tl)) {
        // as you type, a query that is the start of one article's title or alias names that article
        // ("knee inj" names "Knee injections compared"; "what are stem c" names "What are stem cells?");
        // the start of several articles' names ("stem c": "stem cell risks", "stem cell price", ...)
        // names none
        uint32_t n = 0;
        folio_entry se[2];
        auto named = [](const folio_entry &x) { return ((x.score >> 16) & 3u) != 0; };  // a title or alias
        if (detail::lookup_suggest(p, tq, tl, se, 2, &n) == FOLIO_OK && n >= 1 && named(se[0]) &&
            (n == 1 || !named(se[1]))) {
          e = se[0];
          title = true;
        }
      }
      if (title) {
        s->title_article = e.article;
        s->title_by_alias = e.kind == 1;
        if (const fb::Article *ta = detail::pack_article_row(p, e.article)) {
          folio_str t;
          if (s->title_by_alias && detail::pack_str(p, ta->title(), &t) == FOLIO_OK && words_within(tq, tl, t.ptr, t.len))
            s->title_by_alias = false;
          s->title_first = ta->sections().off();
          s->title_end = s->title_first + (ta->sections().count() < kEnd - s->title_first ? ta->sections().count() : 0u);
        }
      }
      find_headings(s, p, tq, tl);
      // as you type, the query with its last word completed ("after the injecti": "After the injection";
      // until 2026-12-07 the typo correction to "injection" found that heading, and was shown)
      const size_t tb = s->typed_src_begin, te = s->typed_src_end;
      for (uint32_t k = 0; k < s->ntyped_words && s->nheading_sections == 0 && s->ncorr == 0 && tq == query && tb <= te &&
                           te <= tl;
           ++k) {
        const Scratch::TypedTail &tail = s->typed_tail[k];
        const size_t n = tl + tail.len;
        if (n >= detail::kMaxKeyBytes || n > sizeof s->text) break;
        FOLIO_MEMCPY(s->text, tq, te);
        FOLIO_MEMCPY(s->text + te, tail.text, tail.len);
        FOLIO_MEMCPY(s->text + te + tail.len, tq + te, tl - te);
        find_headings(s, p, s->text, n);
      }
    }
  }

  run_passes(s, p);
  if (s->bad) return FOLIO_E_CORRUPT;
  for (uint32_t i = 0; i < s->ncursors; ++i)
    if (s->cursors[i].bad) return FOLIO_E_CORRUPT;
  title_hits_at_lead(s, p);
  if (s->bad) return FOLIO_E_CORRUPT;
  heap_sort(s);
  bool any_full = false;
  for (uint32_t i = 0; i < s->nheap; ++i) any_full |= s->heap[i].full != 0;
  if (s->nheap > 0 && !any_full) out->flags |= FOLIO_SEARCH_PARTIAL;

  size_t used = 0;
  bool suggest = false;
  for (uint32_t i = 0; i < s->nclauses && s->nheap == 0; ++i) suggest |= s->clauses[i].suggested >= 0;
  // ... and only when every other required word is found somewhere: "KL grade", with no "KL" in the pack,
  // suggested "KL trade", a query that finds nothing either
  for (uint32_t i = 0; i < s->nclauses && suggest; ++i) {
    const Clause *c = &s->clauses[i];
    if (c->kind == CLAUSE_REQUIRED && c->na > 0 && c->suggested < 0 && !clause_found(s, c, true)) suggest = false;
  }
  if (s->bad) return FOLIO_E_CORRUPT;
  if (suggest && text_out) {
    // nothing found, and a real word was kept as typed: the query with its correction as a suggestion
    // (with the corrections that were applied too), not searched
    for (uint32_t i = 0; i < s->nclauses; ++i)
      if (s->clauses[i].suggested >= 0) s->clauses[i].corrected = s->clauses[i].suggested;
    write_corrected(s, query, len, text_out, text_cap, &used, out, s->corr_inflected);
    if (out->flags & FOLIO_SEARCH_CORRECTED) out->flags = (out->flags & ~FOLIO_SEARCH_CORRECTED) | FOLIO_SEARCH_SUGGESTED;
    else out->flags |= FOLIO_SEARCH_TEXT_FULL;
    s->ncorr = 0;  // written
  }
  if (s->ncorr > 0 && text_out) write_corrected(s, query, len, text_out, text_cap, &used, out, s->corr_inflected);
  if (s->ncorr > 0 && !(out->flags & FOLIO_SEARCH_CORRECTED)) out->flags |= FOLIO_SEARCH_TEXT_FULL;
  // a hit with every required word has shown each of them in some section
  if (!any_full) write_missing(s, query, len, true, text_out, text_cap, &used, out);
  if (s->bad) return FOLIO_E_CORRUPT;

  return write_hits(s, r, flags, hits, text_out, text_cap, used, out);
}

}  // namespace fts
}  // namespace folio

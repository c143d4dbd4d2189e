// search_builder.cpp: reads the pass-1 pack through the public API (titles, aliases, headings, section
// text as folio_section_text renders it, glossary), derives the glossary field and the synonym groups,
// and serializes the blobs of search_index_writer into the SearchIndex table.
#include "search_builder.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "parallel_for.h"
#include "search/search.h"
#include "search_index_writer.h"
#include "snippet_store.h"
#include "spelling_variants.h"
#include "text/text.h"

namespace folio {
namespace index {
namespace {

std::string to_string(folio_str s) { return std::string(s.ptr ? s.ptr : "", s.len); }

void check(folio_status s, const char *what) {
  if (s != FOLIO_OK) throw std::runtime_error(std::string("search index: ") + what + ": " + folio_status_str(s));
}

struct GlossaryPhrases {
  std::vector<std::string> words;      // every name of the entry (term, abbreviations, everyday words)
};

// Stem sequence of a text (non-part tokens), for phrase matching inside sections.
std::vector<std::string> stem_seq(const std::string &s) {
  std::vector<std::string> out;
  const std::string a = analyze_phrase(s);
  size_t i = 0;
  while (i < a.size()) {
    size_t j = a.find(' ', i);
    if (j == std::string::npos) j = a.size();
    if (j > i) out.push_back(a.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// The lexicon blob (search_format.h): a Bloom filter of the lexicon's words that folio_search would
// correct as typos over this dictionary (a word the dictionary has, or one with no candidate, never
// reaches the filter at query time, so it is left out), and of the words that are a term with postings
// plus a derivational ending of kFormEndings, stemming back to the term, and that the lexicon or the
// content's own text (content_words) has (the forms a typo correction may take; kLexiconHasForms: a word
// of the text is real, and until 2026-12-07 GCIDE's "recondensation", no word of the lexicon, could not
// correct "recondensaton"). *kept gets the first number, *forms the second; empty when both are none.
std::vector<uint8_t> build_lexicon(const std::vector<std::string> &lexicon, const std::set<std::string> &content_words,
                                   const IndexBlobs &b, const SearchBuildInput &in, uint32_t *kept, uint32_t *forms) {
  *kept = *forms = 0;
  const fts::DictBlobs db = dict_blobs_of(b, b.postings.size(), b.term_count);
  // each word is asked alone (its own answer byte), so the set kept does not depend on the threads
  std::vector<uint8_t> correctable(lexicon.size(), 0);
  tools::parallel_for(
      lexicon.size(), in.threads,
      [&]() {
        auto scratch = std::make_shared<std::vector<uint64_t>>((fts::typo_scratch_bytes() + 7) / 8);
        return [scratch, &db, &lexicon, &correctable](size_t i) {
          bool yes = false;
          const std::string &w = lexicon[i];
          const folio_status st =
              fts::typo_correctable(db, w.data(), w.size(), scratch->data(), scratch->size() * 8, &yes);
          if (st == FOLIO_E_CORRUPT || st == FOLIO_E_WORKSPACE) check(st, "lexicon");
          correctable[i] = yes ? 1 : 0;
        };
      },
      [&](size_t done) {
        if (in.progress) in.progress("checked", done, lexicon.size());
      });
  std::set<std::string> keep;
  for (size_t i = 0; i < lexicon.size(); ++i)
    if (correctable[i]) keep.insert(lexicon[i]);
  *kept = static_cast<uint32_t>(keep.size());
  {
    const std::unordered_set<std::string> words(lexicon.begin(), lexicon.end());
    for (const std::string &t : b.indexed_terms)
      for (const fts::FormEnding &e : fts::kFormEndings) {
        if (!e.lexicon || t.size() + e.len > fts::kMaxTermBytes) continue;
        std::string f = t + e.text;
        // (the text's own forms only beside a word list: a pack built without one has no lexicon at all)
        if (!words.count(f) && (lexicon.empty() || !content_words.count(f))) continue;
        char st[fts::kMaxTermBytes];
        std::memcpy(st, f.data(), f.size());
        if (text::stem_english(st, f.size()) != t.size() || std::memcmp(st, t.data(), t.size()) != 0) continue;
        if (keep.insert(std::move(f)).second) ++*forms;
      }
  }
  if (keep.empty()) return {};
  uint64_t nbits = static_cast<uint64_t>(keep.size()) * fts::kLexiconBitsPerWord;
  nbits = (nbits + 63) / 64 * 64;
  if (nbits > 0xFFFFFFC0ull) throw std::runtime_error("search index: lexicon too large");
  std::vector<uint8_t> out(fts::kLexiconHeader + nbits / 8, 0);
  for (int i = 0; i < 4; ++i) out[i] = static_cast<uint8_t>(nbits >> (8 * i));
  out[4] = fts::kLexiconProbes;
  out[fts::kLexiconFlagsByte] = fts::kLexiconHasForms;
  uint8_t *bits = out.data() + fts::kLexiconHeader;
  for (const std::string &w : keep) {
    const uint64_t h = fts::lexicon_hash(w.data(), w.size());
    for (uint32_t j = 0; j < fts::kLexiconProbes; ++j) {
      const uint32_t bit = fts::lexicon_bit(h, j, static_cast<uint32_t>(nbits));
      bits[bit >> 3] |= static_cast<uint8_t>(1u << (bit & 7));
    }
  }
  return out;
}

}  // namespace

flatbuffers::Offset<fb::SearchIndex> build_search_index(const SearchBuildInput &in,
                                                         flatbuffers::FlatBufferBuilder &fbb,
                                                         SearchBuildStats *stats) {
  if (!in.pack || !in.reader) throw std::runtime_error("search index: no pass-1 pack");
  folio_info info;
  check(folio_pack_info(in.pack, &info), "pack info");

  // glossary entries and their names
  std::vector<GlossaryPhrases> gloss(info.glossary_count);
  std::vector<std::vector<std::string>> groups = in.synonyms;
  for (uint32_t g = 0; g < info.glossary_count; ++g) {
    folio_glossary_entry e;
    check(folio_glossary_get(in.pack, g, &e), "glossary entry");
    GlossaryPhrases &gp = gloss[g];
    gp.words.push_back(to_string(e.term));
    for (uint32_t i = 0; i < e.abbreviation_count; ++i) {
      folio_str s;
      check(folio_glossary_abbreviation(in.pack, g, i, &s), "glossary abbreviation");
      gp.words.push_back(to_string(s));
    }
    for (uint32_t i = 0; i < e.everyday_count; ++i) {
      folio_str s;
      check(folio_glossary_everyday(in.pack, g, i, &s), "glossary everyday word");
      gp.words.push_back(to_string(s));
    }
    if (gp.words.size() >= 2) groups.push_back(gp.words);
  }
  // phrase lookup: first stem -> (entry, stem sequence)
  std::multimap<std::string, std::pair<uint32_t, std::vector<std::string>>> gl_first;
  for (uint32_t g = 0; g < gloss.size(); ++g)
    for (const auto &w : gloss[g].words) {
      std::vector<std::string> seq = stem_seq(w);
      if (!seq.empty()) gl_first.emplace(seq[0], std::make_pair(g, seq));
    }

  std::vector<IndexDoc> docs;
  docs.reserve(info.section_count);
  std::vector<char> buf(1 << 16);
  for (uint32_t a = 0; a < info.article_count; ++a) {
    folio_article art;
    check(folio_article_get(in.pack, a, &art), "article");
    std::string title = to_string(art.title), aliases;
    for (uint32_t i = 0; i < art.alias_count; ++i) {
      folio_str s;
      check(folio_article_alias(in.pack, a, i, &s), "alias");
      if (!aliases.empty()) aliases += '\n';
      aliases += to_string(s);
    }
    for (uint32_t k = 0; k < art.section_count; ++k) {
      const uint32_t sid = art.section_first + k;
      if (sid != docs.size()) throw std::runtime_error("search index: sections are not in article order");
      folio_section sec;
      check(folio_section_get(in.pack, sid, &sec), "section");
      size_t len = 0;
      folio_status st = folio_section_text(in.reader, sid, buf.data(), buf.size(), &len);
      if (st == FOLIO_E_DST_TOO_SMALL) {
        buf.resize(len);
        st = folio_section_text(in.reader, sid, buf.data(), buf.size(), &len);
      }
      check(st, "section text");
      IndexDoc d;
      d.lead = k == 0;
      d.title = title;  // every section, at the same weight: title words lift all of an article's sections
      d.aliases = aliases;
      d.heading = to_string(sec.heading);
      d.body.assign(buf.data(), len);
      // glossary field: every name of the glossary terms this section mentions (document expansion:
      // a section that says "kneecap" is also found by "patella"). Until 2026-12-04 the lead also got the
      // terms whose glossary entry points to its article, and won queries that a later section answers
      // ("medicinal signaling cells" showed the MSC article's lead, not its paracrine section): without
      // them the judged set went from 0.894 to 0.896, the held-out rounds 5, 7 and 8 up by 0.011, 0.037
      // and 0.001, rounds 2 and 3 down by 0.009 and 0.012 (docs/search.md, Ranking)
      std::set<uint32_t> hit;
      const std::vector<std::string> seq =
          gl_first.empty() ? std::vector<std::string>{} : stem_seq(d.heading + "\n" + d.body);
      for (size_t i = 0; i < seq.size(); ++i) {
        auto range = gl_first.equal_range(seq[i]);
        for (auto it = range.first; it != range.second; ++it) {
          const auto &ph = it->second.second;
          if (i + ph.size() > seq.size()) continue;
          bool ok = true;
          for (size_t j = 1; j < ph.size() && ok; ++j) ok = seq[i + j] == ph[j];
          if (ok) hit.insert(it->second.first);
        }
      }
      // only the canonical term name, and only where the text does not already say it: the other names
      // (abbreviations, everyday words) reach the section through query-side synonym expansion
      for (uint32_t g : hit) {
        const std::string &name = gloss[g].words[0];
        const std::vector<std::string> ns = stem_seq(name);
        if (!ns.empty() && std::search(seq.begin(), seq.end(), ns.begin(), ns.end()) != seq.end()) continue;
        d.glossary += name;
        d.glossary += '\n';
      }
      docs.push_back(std::move(d));
      if (in.progress) in.progress("read", docs.size(), info.section_count);
    }
  }
  if (docs.size() != info.section_count) throw std::runtime_error("search index: section count mismatch");

  // British / American spelling pairs of the content's words (spelling_variants.h) join the synonyms; the
  // words also tell the lexicon which derivational forms are real (build_lexicon)
  std::set<std::string> words;
  {
    for (const IndexDoc &d : docs)
      for (const std::string *f : {&d.title, &d.aliases, &d.heading, &d.glossary, &d.body}) {
        if (!d.lead && (f == &d.title || f == &d.aliases)) continue;  // every section repeats the names
        text::Tokenizer tz(f->data(), f->size());
        text::Token t;
        while (tz.next(&t))
          if (t.len >= 4 && !(t.flags & text::TOKEN_NUMBER)) words.emplace(t.text, t.len);
      }
    static const std::vector<std::string> kNoLexicon;
    const std::vector<std::vector<std::string>> variants =
        spelling_variant_groups(words, in.lexicon ? *in.lexicon : kNoLexicon);
    if (stats) stats->spelling_variants = static_cast<uint32_t>(variants.size());
    if (std::getenv("FOLIO_SEARCH_DEBUG"))
      for (const auto &g : variants) std::fprintf(stderr, "spelling variant: %s / %s\n", g[0].c_str(), g[1].c_str());
    groups.insert(groups.end(), variants.begin(), variants.end());
  }
  const IndexBlobs b = build_index_blobs(docs, groups, in.progress, in.threads);
  if (std::getenv("FOLIO_SEARCH_DEBUG"))
    std::fprintf(stderr,
                 "search index: %u terms (%u synonym-only), %llu postings, %llu positions; dict %zu (+ blocks %zu, surfaces %zu), "
                 "postings %zu (docs+classes %llu, positions %llu, skips %llu), synonyms %zu (%u phrases; phrase postings %zu), "
                 "headings %zu (%u), tf classes %zu (%zu), field lengths %zu; text %llu bytes\n",
                 b.term_count, b.synonym_only_terms, static_cast<unsigned long long>(b.posting_count),
                 static_cast<unsigned long long>(b.position_count), b.dict.size(), b.dict_blocks.size(),
                 b.dict_surfaces.size(), b.postings.size(), static_cast<unsigned long long>(b.doc_stream_bytes),
                 static_cast<unsigned long long>(b.pos_stream_bytes), static_cast<unsigned long long>(b.skip_bytes),
                 b.syn_text.size() + b.syn_index.size(), b.syn_phrases, b.syn_postings.size() + b.syn_post_index.size(), b.heading_order.size(), b.headings,
                 b.tf_classes.size(), b.tf_classes.size() / fts::kTfClassBytes, b.field_lengths.size(),
                 static_cast<unsigned long long>(b.text_bytes));
  const auto dict = fbb.CreateVector(b.dict);
  const auto dict_blocks = fbb.CreateVector(b.dict_blocks);
  const auto dict_surfaces = fbb.CreateVector(b.dict_surfaces);
  const auto postings = fbb.CreateVector(b.postings);
  const auto syn_text = fbb.CreateVector(b.syn_text);
  const auto syn_index = fbb.CreateVector(b.syn_index);
  const auto heading_order = fbb.CreateVector(b.heading_order);
  const auto tf_classes = fbb.CreateVector(b.tf_classes);
  const auto field_lengths = fbb.CreateVector(b.field_lengths);
  const auto field_avg = fbb.CreateVector(b.field_avg, fts::FIELD_COUNT);
  uint32_t lexicon_words = 0, lexicon_forms = 0;
  const std::vector<uint8_t> lexicon =
      in.lexicon ? build_lexicon(*in.lexicon, words, b, in, &lexicon_words, &lexicon_forms) : std::vector<uint8_t>();
  const auto lexicon_vec = lexicon.empty() ? 0 : fbb.CreateVector(lexicon);
  const bool with_phrases = !b.syn_postings.empty();
  const auto syn_postings = with_phrases ? fbb.CreateVector(b.syn_postings) : 0;
  const auto syn_post_index = with_phrases ? fbb.CreateVector(b.syn_post_index) : 0;
  // snippet source: only for sections of articles with more than one section (the article's own frame
  // is as cheap to read for a one-section article); none at all when no article has several sections
  SnippetStore snip;
  bool with_snip = false;
  if (in.snippet_store) {
    std::vector<std::string> bodies(docs.size());
    for (uint32_t a = 0; a < info.article_count; ++a) {
      folio_article art;
      check(folio_article_get(in.pack, a, &art), "article");
      if (art.section_count < 2) continue;
      for (uint32_t k = 0; k < art.section_count; ++k) bodies[art.section_first + k] = docs[art.section_first + k].body;
      with_snip = true;
    }
    if (with_snip) snip = build_snippet_store(bodies, in.zstd_dict, in.zstd_level, in.threads, in.progress);
  }
  const auto snip_frames = with_snip ? fbb.CreateVector(snip.frames) : 0;
  const auto snip_offsets = with_snip ? fbb.CreateVector(snip.offsets) : 0;
  const uint32_t scratch = static_cast<uint32_t>(fts::scratch_bytes());
  fb::SearchIndexBuilder sb(fbb);
  sb.add_version(fts::kIndexVersion);
  sb.add_section_count(info.section_count);
  sb.add_term_count(b.term_count);
  sb.add_dict(dict);
  sb.add_dict_blocks(dict_blocks);
  sb.add_dict_surfaces(dict_surfaces);
  sb.add_dict_block(fts::kDictBlock);
  sb.add_postings(postings);
  sb.add_tf_classes(tf_classes);
  sb.add_length_fields(b.length_fields);
  sb.add_field_lengths(field_lengths);
  sb.add_field_avg(field_avg);
  sb.add_skip_block(fts::kSkipBlock);
  sb.add_syn_text(syn_text);
  sb.add_syn_index(syn_index);
  if (with_phrases) {
    sb.add_syn_postings(syn_postings);
    sb.add_syn_post_index(syn_post_index);
  }
  sb.add_text_bytes(b.text_bytes);
  sb.add_scratch_bytes(scratch);
  sb.add_heading_order(heading_order);
  if (with_snip) {
    sb.add_snip_frames(snip_frames);
    sb.add_snip_offsets(snip_offsets);
  }
  if (!lexicon.empty()) sb.add_lexicon(lexicon_vec);
  const auto off = sb.Finish();
  if (stats) {
    stats->index_bytes = b.bytes() + lexicon.size() + 128;  // blobs, table and vector headers (approximate)
    stats->lexicon_words = lexicon_words;
    stats->lexicon_forms = lexicon_forms;
    stats->lexicon_bytes = lexicon.size();
    stats->text_bytes = b.text_bytes;
    stats->terms = b.term_count;
    stats->postings = b.posting_count;
    stats->scratch_bytes = scratch;
    stats->snippet_bytes = with_snip ? snip.frames.size() + 4 * snip.offsets.size() : 0;
  }
  return off;
}

}  // namespace index
}  // namespace folio

// search_index_writer.cpp: tokenizes every field with the shared text module, counts per (term, section)
// the tf of each field (the postings' tf classes) and per section the field lengths, and writes the
// front-coded dictionary, the postings (skip tables, doc/tf-class stream, position stream), the BM25F
// inputs and the synonym tables. Deterministic: terms sorted by bytes, postings in section order, tf
// classes by frequency then bytes, ties in surface forms broken by bytes.
#include "search_index_writer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include <folio/folio.h>

#include "parallel_for.h"
#include "search/search_format.h"
#include "text/text.h"

namespace folio {
namespace index {
namespace {

using fts::Field;

// BM25F parameters: fts::kFieldParams (search_format.h); the reader computes the scores. Every section of
// an article carries its title and aliases at the same weight: the title lifts them all above other
// articles' sections, and the section's own heading and text decide which of them is shown.

void put_varint(std::vector<uint8_t> &o, uint32_t v) {
  while (v >= 0x80) {
    o.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  o.push_back(static_cast<uint8_t>(v));
}
size_t varint_bytes(uint32_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

using fts::SkipWidths;

void put_le(std::vector<uint8_t> &o, uint32_t v, uint32_t w) {
  for (uint32_t k = 0; k < w; ++k) o.push_back(static_cast<uint8_t>(v >> (8 * k)));
}

uint32_t bit_width(uint32_t v) {
  uint32_t w = 0;
  while (w < 32 && (v >> w) != 0) ++w;
  return w;
}

// Bits of v under Rice coding with parameter k (search_format.h), or 0 when its quotient is too long.
uint64_t rice_bits(uint32_t v, uint32_t k) {
  const uint32_t q = v >> k;
  return q > fts::kMaxRiceQuotient ? 0 : q + 1 + k;
}
// Bits of v under Elias gamma coding of v + 1.
uint64_t gamma_bits(uint32_t v) { return 2 * bit_width(v + 1) - 1; }

// LSB-first bit writer over a byte vector.
struct BitWriter {
  std::vector<uint8_t> *o;
  size_t base, bit = 0;
  void put(uint64_t v, uint32_t w) {
    for (uint32_t k = 0; k < w; ++k, ++bit) {
      if ((bit >> 3) + base >= o->size()) o->push_back(0);
      if ((v >> k) & 1u) (*o)[base + (bit >> 3)] |= static_cast<uint8_t>(1u << (bit & 7));
    }
  }
  void rice(uint32_t v, uint32_t k) {
    put(0, v >> k);
    put(1, 1);
    put(v, k);
  }
  void gamma(uint32_t v) {
    const uint32_t x = v + 1, z = bit_width(x) - 1;
    put(0, z);
    put(1, 1);
    put(x, z);  // the low z bits (the top bit is the 1 above)
  }
};

// One doc block (search_format.h): a single posting folds "class != 0" into its gap; other blocks are the
// smaller of varints and Rice-coded gaps with gamma-coded tf classes.
void put_doc_block(std::vector<uint8_t> &o, const std::vector<uint32_t> &gap, const std::vector<uint32_t> &cls) {
  const size_t n = gap.size();
  if (n == 1) {
    if (gap[0] > 0x7FFFFFFFu) throw std::runtime_error("search index: section id out of range");
    put_varint(o, (gap[0] << 1) | (cls[0] != 0 ? 1u : 0u));
    if (cls[0] != 0) put_varint(o, cls[0] - 1);
    return;
  }
  std::vector<uint8_t> vb;
  uint64_t cbits = 0;
  for (size_t i = 0; i < n; ++i) {
    put_varint(vb, gap[i]);
    put_varint(vb, cls[i]);
    cbits += gamma_bits(cls[i]);
  }
  // the Rice parameter with the fewest bits (every quotient within kMaxRiceQuotient)
  uint64_t best = 0;
  uint32_t bk = 0;
  for (uint32_t k = 0; k <= fts::kMaxRiceParam; ++k) {
    uint64_t bits = cbits;
    for (size_t i = 0; i < n && bits; ++i) {
      const uint64_t b = rice_bits(gap[i], k);
      bits = b ? bits + b : 0;
    }
    if (bits && (best == 0 || bits < best)) {
      best = bits;
      bk = k;
    }
  }
  if (best == 0 || 1 + (best + 7) / 8 >= 1 + vb.size()) {
    o.push_back(static_cast<uint8_t>(fts::kVarintBlock));
    o.insert(o.end(), vb.begin(), vb.end());
    return;
  }
  o.push_back(static_cast<uint8_t>(bk));
  BitWriter w{&o, o.size()};
  for (size_t i = 0; i < n; ++i) {
    w.rice(gap[i], bk);
    w.gamma(cls[i]);
  }
}

std::string stem_of(const char *t, size_t len) {
  char buf[fts::kMaxTermBytes];
  if (len > sizeof buf) len = sizeof buf;
  std::copy(t, t + len, buf);
  const size_t n = text::stem_english(buf, len);
  return std::string(buf, n);
}

// A section's tokens as the index reads them: each token's folded form and stem (in `bytes`), its field,
// position, whether it is part of a compound and whether its stem keeps positions (not a stopword).
// Filled by tokenize_doc on any thread; read in section order by build_index_blobs.
struct TokenizedDoc {
  struct Tok {
    uint32_t folded_off, folded_len, stem_off, stem_len, position;
    bool part, positional;
  };
  std::string bytes;
  std::vector<Tok> toks;
  uint32_t field_first[fts::FIELD_COUNT + 1] = {0, 0, 0, 0, 0, 0};  // field f's tokens: [first[f], first[f + 1])
};

void tokenize_doc(const IndexDoc &doc, TokenizedDoc *out) {
  const std::string *fields[fts::FIELD_COUNT] = {&doc.title, &doc.aliases, &doc.heading, &doc.glossary, &doc.body};
  for (int f = 0; f < fts::FIELD_COUNT; ++f) {
    out->field_first[f] = static_cast<uint32_t>(out->toks.size());
    text::Tokenizer tz(fields[f]->data(), fields[f]->size());
    text::Token t;
    while (tz.next(&t)) {
      if (t.len == 0) continue;
      const std::string st = stem_of(t.text, t.len);
      TokenizedDoc::Tok k;
      k.folded_off = static_cast<uint32_t>(out->bytes.size());
      k.folded_len = static_cast<uint32_t>(t.len);
      out->bytes.append(t.text, t.len);
      k.stem_off = static_cast<uint32_t>(out->bytes.size());
      k.stem_len = static_cast<uint32_t>(st.size());
      out->bytes += st;
      k.position = t.position;
      k.part = (t.flags & text::TOKEN_PART) != 0;
      k.positional = !text::is_stopword(st.data(), st.size());
      out->toks.push_back(k);
    }
  }
  out->field_first[fts::FIELD_COUNT] = static_cast<uint32_t>(out->toks.size());
}

struct TermAcc {
  uint32_t df = 0;
  uint32_t last_doc = UINT32_MAX;
  std::map<std::string, uint32_t> surfaces;
};

struct DocTerm {
  uint32_t term;
  uint16_t tf[fts::FIELD_COUNT];
  std::vector<uint32_t> pos;
};

struct Posting {
  uint32_t doc;
  uint32_t cls;  // tf class (after build_index_blobs sorts the classes)
  uint32_t pos_begin, pos_count;
};

// The surface form relative to its term: drop `cut` bytes, append `tail`.
struct SurfaceTail {
  uint8_t cut;
  std::string tail;
  bool operator<(const SurfaceTail &o) const { return cut != o.cut ? cut < o.cut : tail < o.tail; }
};

SurfaceTail surface_tail(const std::string &term, const std::string &surf) {
  size_t common = 0;
  while (common < surf.size() && common < term.size() && surf[common] == term[common]) ++common;
  return SurfaceTail{static_cast<uint8_t>(term.size() - common), surf.substr(common)};
}

}  // namespace

void encode_dictionary(const std::vector<DictInput> &terms, IndexBlobs *out) {
  std::vector<SurfaceTail> tails;
  tails.reserve(terms.size());
  std::map<SurfaceTail, uint32_t> uses;
  for (size_t i = 0; i < terms.size(); ++i) {
    const DictInput &e = terms[i];
    if (e.term.empty() || e.term.size() > fts::kMaxTermBytes || e.surface.size() > fts::kMaxTermBytes)
      throw std::runtime_error("search index: a term or surface form is empty or longer than 64 bytes");
    if (i > 0 && !(terms[i - 1].term < e.term)) throw std::runtime_error("search index: terms out of order");
    tails.push_back(surface_tail(e.term, e.surface));
    if (tails.back().cut != 0 || !tails.back().tail.empty()) ++uses[tails.back()];
  }
  // dict_surfaces: the tails that save the most. Inline, a tail costs 1 + len bytes per use (2 + len when
  // escaped); shared, 2 + len once.
  std::vector<std::pair<long, SurfaceTail>> gain;
  for (const auto &kv : uses) {
    const long len = static_cast<long>(kv.first.tail.size());
    const long saved = static_cast<long>(kv.second) * (1 + len) - (2 + len);
    if (saved > 0) gain.emplace_back(-saved, kv.first);
  }
  std::sort(gain.begin(), gain.end());
  if (gain.size() > fts::kDictMaxSurfaces) gain.resize(fts::kDictMaxSurfaces);
  std::map<SurfaceTail, uint32_t> code;
  out->dict_surfaces.clear();
  for (const auto &g : gain) {
    code.emplace(g.second, static_cast<uint32_t>(code.size() + 1));
    out->dict_surfaces.push_back(g.second.cut);
    out->dict_surfaces.push_back(static_cast<uint8_t>(g.second.tail.size()));
    out->dict_surfaces.insert(out->dict_surfaces.end(), g.second.tail.begin(), g.second.tail.end());
  }

  std::vector<uint64_t> heads, posts;
  std::vector<uint8_t> &d = out->dict;
  d.clear();
  uint64_t post_off = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    const std::string &term = terms[i].term;
    const DictInput &e = terms[i];
    if (i % fts::kDictBlock == 0) {
      heads.push_back(d.size());
      posts.push_back(post_off);
      d.push_back(static_cast<uint8_t>(term.size()));
      d.insert(d.end(), term.begin(), term.end());
    } else {
      const std::string &prev = terms[i - 1].term;
      size_t lcp = 0;
      while (lcp < prev.size() && lcp < term.size() && prev[lcp] == term[lcp]) ++lcp;
      const uint32_t slen = static_cast<uint32_t>(term.size() - lcp);  // >= 1: terms are sorted and distinct
      const uint32_t hl = lcp < fts::kDictEscape ? static_cast<uint32_t>(lcp) : fts::kDictEscape;
      const uint32_t hs = slen - 1 < fts::kDictEscape ? slen - 1 : fts::kDictEscape;
      d.push_back(static_cast<uint8_t>(hl << 4 | hs));
      if (hl == fts::kDictEscape) d.push_back(static_cast<uint8_t>(lcp));
      if (hs == fts::kDictEscape) d.push_back(static_cast<uint8_t>(slen));
      d.insert(d.end(), term.begin() + static_cast<long>(lcp), term.end());
    }
    uint32_t cc;  // count code
    if (e.df == 1 && e.post_bytes >= fts::kDictPbBase && e.post_bytes < fts::kDictPbBase + fts::kDictDf1Codes)
      cc = e.post_bytes - fts::kDictPbBase;
    else if (e.df >= 2 && e.df + 4 < fts::kDictEscape)
      cc = e.df + 4;
    else
      cc = fts::kDictEscape;
    const SurfaceTail &st = tails[i];
    uint32_t sc = 0;  // surface code
    if (st.cut != 0 || !st.tail.empty()) {
      auto it = code.find(st);
      sc = it != code.end() ? it->second : fts::kDictEscape;
    }
    d.push_back(static_cast<uint8_t>(sc << 4 | cc));
    if (cc == fts::kDictEscape) put_varint(d, e.df);
    if (cc >= fts::kDictDf1Codes) put_varint(d, e.post_bytes);
    if (sc == fts::kDictEscape) {
      const uint32_t cut = st.cut, len = static_cast<uint32_t>(st.tail.size());
      if (cut < 16 && len < 16 && !(cut == 15 && len == 15)) {
        d.push_back(static_cast<uint8_t>(cut << 4 | len));
      } else {
        d.push_back(0xFF);
        d.push_back(static_cast<uint8_t>(cut));
        d.push_back(static_cast<uint8_t>(len));
      }
      d.insert(d.end(), st.tail.begin(), st.tail.end());
    }
    post_off += e.post_bytes;
  }
  if (post_off > 0xFFFFFFF0u || d.size() > 0xFFFFFFF0u)
    throw std::runtime_error("search index: dictionary exceeds 4 GiB");
  const uint32_t wd = fts::byte_width(d.size()), wp = fts::byte_width(post_off);
  out->dict_blocks.clear();
  for (size_t b = 0; b < heads.size(); ++b) {
    put_le(out->dict_blocks, static_cast<uint32_t>(heads[b]), wd);
    put_le(out->dict_blocks, static_cast<uint32_t>(posts[b]), wp);
  }
}

std::string analyze_phrase(const std::string &s) {
  std::string out;
  text::Tokenizer tz(s.data(), s.size());
  text::Token t;
  while (tz.next(&t)) {
    if (t.flags & text::TOKEN_PART) continue;
    if (!out.empty()) out += ' ';
    out += stem_of(t.text, t.len);
  }
  return out;
}

std::string analyze_phrase_apart(const std::string &s) {
  std::string out;
  text::Tokenizer tz(s.data(), s.size());
  text::Token t;
  while (tz.next(&t)) {
    if (t.flags & text::TOKEN_COMPOUND) continue;  // its parts follow, each a word of the key
    if (!out.empty()) out += ' ';
    out += stem_of(t.text, t.len);
  }
  return out;
}

bool single_word(const std::string &entry, std::string *word) {
  text::Tokenizer tz(entry.data(), entry.size());
  text::Token t, one{};
  uint32_t words = 0;
  while (tz.next(&t))
    if (!(t.flags & text::TOKEN_PART) && t.len > 0 && ++words == 1) one = t;
  if (words != 1 || one.len > fts::kMaxTermBytes) return false;
  word->assign(one.text, one.len);
  return true;
}

// The phrase postings record of synonym phrase `phrase` (stems joined by ' '; search_format.h): empty for
// a single word; else its word count, and per section where every word occurs and the reader's phrase
// check passes (the positional words at their offsets, among each word's first kMaxPhrasePositions
// positions; a stopword only present), the gap and each word's tf class there.
static std::vector<uint8_t> phrase_record(const std::string &phrase,
                                          const std::unordered_map<std::string, uint32_t> &term_ids,
                                          const std::vector<std::vector<Posting>> &postings,
                                          const std::vector<uint32_t> &positions) {
  std::vector<std::string> words;
  for (size_t k = 0; k <= phrase.size();) {
    size_t j = phrase.find(' ', k);
    if (j == std::string::npos) j = phrase.size();
    if (j > k) words.push_back(phrase.substr(k, j - k));
    k = j + 1;
  }
  std::vector<uint8_t> rec;
  if (words.size() < 2) return rec;
  if (words.size() > fts::kMaxPhraseWords) throw std::runtime_error("search index: synonym phrase of too many words");
  const uint32_t m = static_cast<uint32_t>(words.size());
  std::vector<const std::vector<Posting> *> lists;
  std::vector<uint32_t> relpos;
  for (uint32_t w = 0; w < m; ++w) {
    auto it = term_ids.find(words[w]);
    lists.push_back(it == term_ids.end() ? nullptr : &postings[it->second]);
    relpos.push_back(text::is_stopword(words[w].data(), words[w].size()) ? fts::kNoPos : w);
  }
  std::vector<uint8_t> body;
  BitWriter bw{&body, 0};
  uint32_t count = 0;
  bool all_known = true;
  for (const auto *l : lists) all_known &= l != nullptr;
  if (all_known) {
    std::vector<size_t> at(m, 0);
    uint32_t prev = UINT32_MAX;  // -1
    for (const Posting &p0 : *lists[0]) {
      const uint32_t d = p0.doc;
      std::vector<const Posting *> hit(m, nullptr);
      bool all = true;
      for (uint32_t w = 0; w < m && all; ++w) {
        const auto &l = *lists[w];
        while (at[w] < l.size() && l[at[w]].doc < d) ++at[w];
        all = at[w] < l.size() && l[at[w]].doc == d;
        if (all) hit[w] = &l[at[w]];
      }
      if (!all) continue;
      // the reader's phrase check (search_eval.cpp phrase_ok), on at most kMaxPhrasePositions positions a word
      auto pos_of = [&](uint32_t w, std::vector<uint32_t> *o) {
        const Posting *p = hit[w];
        const uint32_t c = std::min<uint32_t>(p->pos_count, fts::kMaxPhrasePositions);
        o->assign(positions.begin() + p->pos_begin, positions.begin() + p->pos_begin + c);
      };
      uint32_t first = m;
      for (uint32_t w = 0; w < m && first == m; ++w)
        if (relpos[w] != fts::kNoPos) first = w;
      bool ok = true;
      if (first < m) {
        std::vector<std::vector<uint32_t>> pw(m);
        for (uint32_t w = 0; w < m && ok; ++w)
          if (relpos[w] != fts::kNoPos) {
            pos_of(w, &pw[w]);
            ok = !pw[w].empty();
          }
        if (ok) {
          ok = false;
          for (uint32_t p0v : pw[first]) {
            if (p0v < relpos[first]) continue;
            const uint32_t base = p0v - relpos[first];
            bool every = true;
            for (uint32_t w = first + 1; w < m && every; ++w)
              if (relpos[w] != fts::kNoPos)
                every = std::binary_search(pw[w].begin(), pw[w].end(), base + relpos[w]);
            if (every) {
              ok = true;
              break;
            }
          }
        }
      }
      if (!ok) continue;
      const uint32_t gap = d - (prev + 1);
      if (gap >= fts::kMaxPhraseGamma)
        throw std::runtime_error("search index: a phrase posting past the gamma code's range");
      bw.gamma(gap);
      for (uint32_t w = 0; w < m; ++w) {
        if (hit[w]->cls >= fts::kMaxPhraseGamma) throw std::runtime_error("search index: a tf class past the gamma code's range");
        bw.gamma(hit[w]->cls);
      }
      prev = d;
      ++count;
    }
  }
  put_varint(rec, m);
  put_varint(rec, count);
  rec.insert(rec.end(), body.begin(), body.end());
  return rec;
}

bool synonym_order(const std::string &a, const std::string &b) {
  const auto wa = std::count(a.begin(), a.end(), ' '), wb = std::count(b.begin(), b.end(), ' ');
  return wa != wb ? wa < wb : a < b;
}

void order_synonym_group(std::vector<std::string> *group, const std::set<std::string> &apart_only,
                         const std::function<bool(const std::string &word)> &in_text) {
  // 0: every word in the text (or no in_text), 1: some word not, 2: apart_only
  auto rank = [&](const std::string &p) {
    if (apart_only.count(p)) return 2;
    if (!in_text) return 0;
    for (size_t k = 0; k <= p.size();) {
      size_t j = p.find(' ', k);
      if (j == std::string::npos) j = p.size();
      if (j > k && !in_text(p.substr(k, j - k))) return 1;
      k = j + 1;
    }
    return 0;
  };
  std::vector<std::pair<int, std::string>> keyed;
  for (const std::string &p : *group) keyed.emplace_back(rank(p), p);
  std::sort(keyed.begin(), keyed.end(), [](const std::pair<int, std::string> &a, const std::pair<int, std::string> &b) {
    return a.first != b.first ? a.first < b.first : synonym_order(a.second, b.second);
  });
  for (size_t i = 0; i < keyed.size(); ++i) (*group)[i] = keyed[i].second;
}

std::vector<int> merge_synonym_groups(const std::vector<std::vector<std::string>> &synonym_groups,
                                     std::vector<std::vector<std::string>> *merged_groups,
                                     std::set<std::string> *apart_only) {
  std::vector<std::vector<std::string>> groups;
  std::vector<uint32_t> input_of;  // groups[i] came from synonym_groups[input_of[i]]
  std::set<std::string> written, apart;  // analyze_phrase's keys; analyze_phrase_apart's
  for (size_t gi = 0; gi < synonym_groups.size(); ++gi) {
    std::vector<std::string> a;
    for (const auto &w : synonym_groups[gi]) {
      // the entry as written, and with its compounds typed apart ("anti inflammatory" for
      // "anti-inflammatory"): a query's words form phrases by their spaces
      for (int as_written = 1; as_written >= 0; --as_written) {
        const std::string k = as_written ? analyze_phrase(w) : analyze_phrase_apart(w);
        if (k.empty() || k.size() > 0xFFFF) continue;
        size_t words = 1 + static_cast<size_t>(std::count(k.begin(), k.end(), ' '));
        if (words > fts::kMaxPhraseWords) continue;
        a.push_back(k);
        (as_written ? written : apart).insert(k);
      }
    }
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    if (a.size() >= 2) {
      groups.push_back(a);
      input_of.push_back(static_cast<uint32_t>(gi));
    }
  }
  std::vector<uint32_t> parent(groups.size());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::map<std::string, uint32_t> first_group;
  for (uint32_t g = 0; g < groups.size(); ++g)
    for (const auto &k : groups[g]) {
      auto it = first_group.find(k);
      if (it == first_group.end())
        first_group.emplace(k, g);
      else
        parent[find(g)] = find(it->second);
    }
  std::map<uint32_t, std::vector<std::string>> merged;  // root -> phrases (sorted)
  for (const auto &kv : first_group) merged[find(kv.second)].push_back(kv.first);
  std::map<uint32_t, int> index_of_root;
  merged_groups->clear();
  for (auto &kv : merged) {
    index_of_root[kv.first] = static_cast<int>(merged_groups->size());
    merged_groups->push_back(kv.second);
  }
  std::vector<int> out(synonym_groups.size(), -1);
  for (uint32_t g = 0; g < groups.size(); ++g) out[input_of[g]] = index_of_root.at(find(g));
  if (apart_only) {
    apart_only->clear();
    for (const std::string &k : apart)
      if (!written.count(k)) apart_only->insert(k);
  }
  return out;
}

IndexBlobs build_index_blobs(const std::vector<IndexDoc> &docs,
                             const std::vector<std::vector<std::string>> &synonym_groups,
                             const std::function<void(const char *stage, size_t done, size_t total)> &progress,
                             unsigned threads) {
  IndexBlobs out;
  const uint32_t n = static_cast<uint32_t>(docs.size());
  std::unordered_map<std::string, uint32_t> term_ids;
  std::vector<TermAcc> terms;
  std::vector<std::vector<Posting>> postings;  // per term id
  std::vector<uint32_t> positions;             // all positions, referenced by postings
  std::vector<std::array<uint32_t, fts::FIELD_COUNT>> lens(n);
  std::vector<std::vector<DocTerm>> doc_terms(n);
  double len_sum[fts::FIELD_COUNT] = {0, 0, 0, 0, 0};
  uint32_t len_docs[fts::FIELD_COUNT] = {0, 0, 0, 0, 0};

  // Sections are tokenized (folded, stemmed, stopwords marked) on the build's threads a chunk at a time,
  // then read here in section order: term ids, surfaces and positions come out as from one thread.
  constexpr uint32_t kChunk = 2048;
  std::vector<TokenizedDoc> pre;
  for (uint32_t d = 0; d < n; ++d) {
    if (d % kChunk == 0) {
      pre.assign(std::min<uint32_t>(kChunk, n - d), TokenizedDoc());
      const uint32_t first = d;
      tools::parallel_for(
          pre.size(), threads, [&]() { return [&, first](size_t i) { tokenize_doc(docs[first + i], &pre[i]); }; },
          [](size_t) {});
    }
    const IndexDoc &doc = docs[d];
    const TokenizedDoc &td = pre[d % kChunk];
    if (doc.lead) out.text_bytes += doc.title.size() + doc.aliases.size();
    out.text_bytes += doc.heading.size() + doc.body.size();
    std::unordered_map<uint32_t, uint32_t> local;  // term id -> index in doc_terms[d]
    auto &dts = doc_terms[d];
    uint32_t heading_span = 0;
    for (int f = 0; f < fts::FIELD_COUNT; ++f) {
      uint32_t words = 0, maxpos = 0;
      for (uint32_t k = td.field_first[f]; k < td.field_first[f + 1]; ++k) {
        const TokenizedDoc::Tok &t = td.toks[k];
        if (!t.part) ++words;
        const std::string folded(td.bytes, t.folded_off, t.folded_len);
        const std::string st(td.bytes, t.stem_off, t.stem_len);
        auto it = term_ids.find(st);
        uint32_t id;
        if (it == term_ids.end()) {
          id = static_cast<uint32_t>(terms.size());
          term_ids.emplace(st, id);
          terms.emplace_back();
          postings.emplace_back();
        } else {
          id = it->second;
        }
        ++terms[id].surfaces[folded];
        auto li = local.find(id);
        DocTerm *dt;
        if (li == local.end()) {
          local.emplace(id, static_cast<uint32_t>(dts.size()));
          dts.push_back(DocTerm{id, {0, 0, 0, 0, 0}, {}});
          dt = &dts.back();
        } else {
          dt = &dts[li->second];
        }
        if (dt->tf[f] < 65535) ++dt->tf[f];
        // positions of stopwords are not stored: phrases check the other words' offsets (a stopword
        // in a quoted phrase only has to occur in the section). A stopword is a term whose stem is one,
        // as the reader decides for a phrase's words: then every occurrence of a term with positions has
        // one, and its count is its heading and body tf (the tf classes stay few)
        if (f == fts::FIELD_HEADING) {
          if (t.positional) dt->pos.push_back(t.position);
          maxpos = std::max(maxpos, t.position + 1);
        } else if (f == fts::FIELD_BODY && t.positional) {
          dt->pos.push_back(heading_span + t.position);
        }
      }
      if (f == fts::FIELD_HEADING) heading_span = maxpos ? maxpos + fts::kBodyGap : 0;
      lens[d][f] = words;
      if (words) {
        len_sum[f] += words;
        ++len_docs[f];
      }
    }
    for (const DocTerm &dt : dts) ++terms[dt.term].df;
    if (progress) progress("indexed", d + 1, n);
  }

  // field lengths (search_format.h): the averages over sections where a field is not empty, and per
  // section a one-byte code of each field that some section has
  for (int f = 0; f < fts::FIELD_COUNT; ++f) {
    out.field_avg[f] = len_docs[f] ? static_cast<float>(len_sum[f] / len_docs[f]) : 1.0f;
    if (len_docs[f]) out.length_fields |= 1u << f;
  }
  for (uint32_t d = 0; d < n; ++d)
    for (int f = 0; f < fts::FIELD_COUNT; ++f)
      if (out.length_fields & (1u << f)) out.field_lengths.push_back(static_cast<uint8_t>(fts::length_code(lens[d][f])));
  // per section, the bits each of its positions takes (search_format.h pos_width), as the reader derives it
  std::vector<uint8_t> pos_width(n);
  for (uint32_t d = 0; d < n; ++d)
    pos_width[d] = static_cast<uint8_t>(fts::position_width(fts::length_code(lens[d][fts::FIELD_HEADING]),
                                                            fts::length_code(lens[d][fts::FIELD_BODY])));

  // positions: sorted, each once, at most the first kMaxStoredPositions; a term has a position stream when
  // some posting of it has positions
  std::vector<uint8_t> term_has_pos(terms.size(), 0);
  for (uint32_t d = 0; d < n; ++d)
    for (DocTerm &dt : doc_terms[d]) {
      std::sort(dt.pos.begin(), dt.pos.end());
      dt.pos.erase(std::unique(dt.pos.begin(), dt.pos.end()), dt.pos.end());
      if (dt.pos.size() > fts::kMaxStoredPositions) dt.pos.resize(fts::kMaxStoredPositions);
      if (!dt.pos.empty()) term_has_pos[dt.term] = 1;
    }

  // tf classes: the distinct per-field tf tuples with the stored position count, most frequent first (ties:
  // by bytes). A term without positions stores none whatever its class says, so its postings take the
  // count their heading and body tf would give (the class the other terms' postings use most)
  using TfKey = std::array<uint8_t, fts::kTfClassBytes>;
  auto tf_key = [&term_has_pos](const DocTerm &dt) {
    TfKey k;
    for (int f = 0; f < fts::FIELD_COUNT; ++f) k[f] = static_cast<uint8_t>(std::min<uint32_t>(dt.tf[f], 255));
    const uint32_t natural = std::min<uint32_t>(k[fts::FIELD_HEADING] + k[fts::FIELD_BODY], fts::kMaxStoredPositions);
    k[fts::kClassPositions] =
        static_cast<uint8_t>(term_has_pos[dt.term] ? static_cast<uint32_t>(dt.pos.size()) : natural);
    return k;
  };
  std::map<TfKey, uint64_t> class_count;
  for (uint32_t d = 0; d < n; ++d)
    for (const DocTerm &dt : doc_terms[d]) ++class_count[tf_key(dt)];
  std::vector<std::pair<uint64_t, TfKey>> by_count;
  for (const auto &kv : class_count) by_count.emplace_back(kv.second, kv.first);
  std::sort(by_count.begin(), by_count.end(), [](const auto &a, const auto &b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::map<TfKey, uint32_t> class_id;
  for (const auto &e : by_count) {
    class_id.emplace(e.second, static_cast<uint32_t>(class_id.size()));
    out.tf_classes.insert(out.tf_classes.end(), e.second.begin(), e.second.end());
  }
  if (class_id.size() >= (1u << fts::kMaxClassBits) - 1u) throw std::runtime_error("search index: too many tf classes");
  for (uint32_t d = 0; d < n; ++d) {
    for (DocTerm &dt : doc_terms[d]) {
      Posting p{d, class_id.at(tf_key(dt)), static_cast<uint32_t>(positions.size()), static_cast<uint32_t>(dt.pos.size())};
      positions.insert(positions.end(), dt.pos.begin(), dt.pos.end());
      postings[dt.term].push_back(p);
    }
    std::vector<DocTerm>().swap(doc_terms[d]);
  }

  // synonym-only words: a one-word phrase of a synonym group that no section has ("tablets", "hydrotherapy")
  // becomes a term of its own with no postings (df 0), its surface the word as the group writes it, so
  // that the reader's typo walk can correct to it ("tablits" -> "tablets") and the query then searches
  // its group. Until 2026-12-05 typo correction only reached words of the text, and "loads of tablits"
  // found no medicines.
  // (the merged groups are also what syn_text is written from, below)
  std::vector<std::vector<std::string>> final_groups;
  std::set<std::string> apart_only;  // phrases only there to be looked up (order_synonym_group)
  merge_synonym_groups(synonym_groups, &final_groups, &apart_only);
  {
    std::set<std::string> kept;  // the analysed one-word phrases the synonym table keeps
    for (const auto &g : final_groups)
      for (const auto &k : g)
        if (k.find(' ') == std::string::npos) kept.insert(k);
    for (const auto &g : synonym_groups)
      for (const auto &w : g) {
        std::string one;
        if (!single_word(w, &one)) continue;
        const std::string st = stem_of(one.data(), one.size());
        if (!kept.count(st)) continue;
        auto it = term_ids.find(st);
        if (it == term_ids.end()) {
          it = term_ids.emplace(st, static_cast<uint32_t>(terms.size())).first;
          terms.emplace_back();
          postings.emplace_back();
          ++out.synonym_only_terms;
        }
        if (terms[it->second].df == 0) ++terms[it->second].surfaces[one];
      }
  }

  // dictionary order
  std::vector<std::pair<std::string, uint32_t>> sorted(term_ids.begin(), term_ids.end());
  std::sort(sorted.begin(), sorted.end());
  out.term_count = static_cast<uint32_t>(sorted.size());
  if (sorted.empty()) {
    // an empty corpus still gets a valid (one-block) dictionary with a single empty-postings term
    sorted.emplace_back(std::string("\x01"), 0u);
    terms.emplace_back();
    postings.emplace_back();
    sorted.back().second = static_cast<uint32_t>(terms.size() - 1);
    out.term_count = 1;
  }

  std::vector<DictInput> ents;
  ents.reserve(sorted.size());
  // FOLIO_SEARCH_DUMP_POSTINGS=FILE: every term's postings as text, for codec studies
  // (tests/bench/postings_codec_sim.py): per term "T df", then per posting "doc class positions...".
  std::unique_ptr<FILE, int (*)(FILE *)> dump(nullptr, std::fclose);
  if (const char *dp = std::getenv("FOLIO_SEARCH_DUMP_POSTINGS")) {
    dump.reset(std::fopen(dp, "w"));
    if (!dump) throw std::runtime_error(std::string("search index: cannot write ") + dp);
  }
  for (uint32_t i = 0; i < sorted.size(); ++i) {
    const std::string &term = sorted[i].first;
    const uint32_t id = sorted[i].second;
    if (term.size() > fts::kMaxTermBytes) throw std::runtime_error("search index: term longer than 64 bytes");
    // postings record
    const std::vector<Posting> &pl = postings[id];
    std::vector<uint8_t> docs_s, pos_s, skips;
    BitWriter pos_w{&pos_s, 0};  // positions: one bit stream, each in its section's pos_width bits
    uint32_t prev_doc = UINT32_MAX;
    uint32_t block_doc_off = 0;
    uint64_t block_pos_bit = 0;
    const uint32_t B = fts::kSkipBlock, P = fts::kPackBlock;
    static_assert(fts::kSkipBlock % fts::kPackBlock == 0, "skip blocks start pack blocks");
    const bool with_skips = pl.size() > B;
    std::vector<uint32_t> blk_gap;
    std::vector<uint32_t> blk_cls;
    std::vector<std::array<uint32_t, 3>> skip_vals;  // per skip block: last doc, doc byte, position bit
    for (size_t k = 0; k < pl.size(); ++k) {
      if (k % B == 0) {
        block_doc_off = static_cast<uint32_t>(docs_s.size());
        block_pos_bit = pos_w.bit;
        if (block_pos_bit > 0xFFFFFFFFull) throw std::runtime_error("search index: a term's positions exceed 512 MiB");
      }
      const Posting &p = pl[k];
      blk_gap.push_back(prev_doc == UINT32_MAX ? p.doc : p.doc - prev_doc - 1);
      prev_doc = p.doc;
      if (dump) {
        if (k == 0) std::fprintf(dump.get(), "T %zu\n", pl.size());
        std::fprintf(dump.get(), "%u %u", p.doc, p.cls);
        for (uint32_t j = 0; j < p.pos_count; ++j) std::fprintf(dump.get(), " %u", positions[p.pos_begin + j]);
        std::fputc('\n', dump.get());
      }
      blk_cls.push_back(p.cls);
      if (k % P == P - 1 || k + 1 == pl.size()) {
        put_doc_block(docs_s, blk_gap, blk_cls);
        blk_gap.clear();
        blk_cls.clear();
      }
      // as many positions as the posting's class says, in the width its section's lengths give (the
      // reader derives both; a position that does not fit would be a builder fault)
      if (p.pos_count != out.tf_classes[static_cast<size_t>(p.cls) * fts::kTfClassBytes + fts::kClassPositions] &&
          term_has_pos[id])
        throw std::runtime_error("search index: a posting's positions differ from its class");
      const uint32_t pw = pos_width[p.doc];
      for (uint32_t j = 0; j < p.pos_count; ++j) {
        const uint32_t v = positions[p.pos_begin + j];
        if (pw < 32 && (v >> pw) != 0) throw std::runtime_error("search index: a position past its section's length");
        pos_w.put(v, pw);
      }
      out.position_count += p.pos_count;
      if (with_skips && (k % B == B - 1 || k + 1 == pl.size()))
        skip_vals.push_back({p.doc, block_doc_off, static_cast<uint32_t>(block_pos_bit)});
    }
    // skip entries in the widths the record's size gives (search_format.h): the widths depend on the
    // size, which depends on the widths; both only grow, so this settles in a few rounds
    const size_t body = (pl.size() != 1 ? varint_bytes(static_cast<uint32_t>(docs_s.size())) : 0) + docs_s.size() + pos_s.size();
    SkipWidths sw{};
    size_t rec_size = body;
    for (int round = 0;; ++round) {
      sw = fts::skip_widths(n, rec_size);
      const size_t next = body + skip_vals.size() * (sw.last + sw.doc + sw.pos);
      if (next == rec_size) break;
      if (round > 8) throw std::runtime_error("search index: skip entry widths do not settle");
      rec_size = next;
    }
    for (const auto &e : skip_vals) {
      put_le(skips, e[0], sw.last);
      put_le(skips, e[1], sw.doc);
      put_le(skips, e[2], sw.pos);
    }
    out.posting_count += pl.size();
    out.doc_stream_bytes += docs_s.size();
    out.pos_stream_bytes += pos_s.size();
    out.skip_bytes += skips.size();
    std::vector<uint8_t> rec = skips;
    if (pl.size() > 1) put_varint(rec, static_cast<uint32_t>(docs_s.size()));  // one posting: its varints end it
    rec.insert(rec.end(), docs_s.begin(), docs_s.end());  // none (df 0): an empty record
    rec.insert(rec.end(), pos_s.begin(), pos_s.end());

    // surface form: most frequent folded word (ties: shorter, then bytes)
    std::string surf = term;
    uint32_t best = 0;
    for (const auto &kv : terms[id].surfaces) {
      if (kv.second > best || (kv.second == best && kv.first.size() < surf.size())) {
        best = kv.second;
        surf = kv.first;
      }
    }
    if (surf.size() > fts::kMaxTermBytes) surf = term;
    ents.push_back(DictInput{term, surf, static_cast<uint32_t>(pl.size()), static_cast<uint32_t>(rec.size())});
    if (!pl.empty()) out.indexed_terms.push_back(term);
    out.postings.insert(out.postings.end(), rec.begin(), rec.end());
    if (out.postings.size() > 0xFFFFFFF0u) throw std::runtime_error("search index: postings exceed 4 GiB");
  }
  encode_dictionary(ents, &out);

  // synonyms (final_groups, merged above): the groups and the sorted index
  // syn_text: the groups (members: fewer words first, the usual synonyms, then bytes; the phrases with a
  // compound's parts apart last), 0 between groups, '\n' between phrases; syn_index: the phrases' offsets
  // in phrase order
  std::vector<std::pair<std::string, uint32_t>> phrase_off;  // phrase -> offset in syn_text
  for (auto &g : final_groups) {
    order_synonym_group(&g, apart_only, [&](const std::string &w) {
      const auto it = term_ids.find(w);
      return it != term_ids.end() && !postings[it->second].empty();
    });
    if (!out.syn_text.empty()) out.syn_text.push_back(0);
    for (size_t k = 0; k < g.size(); ++k) {
      if (k) out.syn_text.push_back('\n');
      for (char c : g[k])
        if (static_cast<unsigned char>(c) < 0x20) throw std::runtime_error("search index: control byte in a synonym");
      phrase_off.emplace_back(g[k], static_cast<uint32_t>(out.syn_text.size()));
      out.syn_text.insert(out.syn_text.end(), g[k].begin(), g[k].end());
    }
  }
  std::sort(phrase_off.begin(), phrase_off.end());
  out.syn_phrases = static_cast<uint32_t>(phrase_off.size());
  const uint32_t ws = fts::byte_width(out.syn_text.size());
  for (const auto &po : phrase_off) put_le(out.syn_index, po.second, ws);

  // phrase postings (search_format.h): for each synonym phrase of several words, the sections where the
  // reader's phrase check would pass, with each word's tf class there, so that a query expanded with the
  // phrase reads one short list instead of its words' lists and positions
  {
    std::vector<uint32_t> rec_off;
    for (const auto &po : phrase_off) {
      rec_off.push_back(static_cast<uint32_t>(out.syn_postings.size()));
      std::vector<uint8_t> rec = phrase_record(po.first, term_ids, postings, positions);
      out.syn_postings.insert(out.syn_postings.end(), rec.begin(), rec.end());
    }
    rec_off.push_back(static_cast<uint32_t>(out.syn_postings.size()));
    const uint32_t wq = fts::byte_width(out.syn_postings.size());
    for (uint32_t o : rec_off) put_le(out.syn_post_index, o, wq);
  }

  // exact-heading order: a query that is a section's heading (FAQ questions) ranks that section first. Only
  // hashes and section ids are stored; the reader folds the headings from the pack. A key longer than any
  // query key (FOLIO_MAX_KEY_BYTES) never matches and is left out.
  std::vector<std::tuple<uint32_t, std::string, uint32_t>> hk;  // hash, key, section
  for (uint32_t d = 0; d < n; ++d) {
    if (docs[d].heading.empty()) continue;
    std::string key(docs[d].heading.size() * 3 + 8, '\0');
    const size_t need = text::fold_key(docs[d].heading.data(), docs[d].heading.size(), &key[0], key.size());
    if (need == 0 || need > key.size() || need > FOLIO_MAX_KEY_BYTES) continue;
    key.resize(need);
    hk.emplace_back(fts::heading_hash(key.data(), key.size()), key, d);
  }
  std::sort(hk.begin(), hk.end());
  const uint32_t wh = fts::byte_width(n);
  for (const auto &e : hk) {
    put_le(out.heading_order, std::get<0>(e), 2);
    put_le(out.heading_order, std::get<2>(e), wh);
  }
  out.headings = static_cast<uint32_t>(hk.size());
  return out;
}

fts::DictBlobs dict_blobs_of(const IndexBlobs &b, size_t postings_len, uint32_t nterms) {
  fts::DictBlobs d;
  d.dict = b.dict.data();
  d.dict_len = b.dict.size();
  d.blocks = b.dict_blocks.data();
  d.blocks_len = b.dict_blocks.size();
  d.surfaces = b.dict_surfaces.empty() ? nullptr : b.dict_surfaces.data();
  d.surfaces_len = b.dict_surfaces.size();
  d.postings_len = postings_len;
  d.nterms = nterms;
  d.block = fts::kDictBlock;
  return d;
}

}  // namespace index
}  // namespace folio

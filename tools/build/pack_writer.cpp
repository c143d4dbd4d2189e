// Pack writer: documents (doc.fbs) → zstd frames (optionally with a trained dictionary) → columnar index
// (folio.fbs) → header (FORMAT.md), in two passes around the search index builder.
#include "pack_writer.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include <flatbuffers/flatbuffers.h>
#include <folio/folio.h>
#include <folio/schema/doc_generated.h>
#include <folio/schema/folio_generated.h>
#include <zdict.h>
#include <zstd.h>

#include "common/common.h"
#include "parallel_for.h"
#include "search_builder.h"

namespace folio {
namespace tools {

uint32_t crc32c(const void *data, size_t len) { return folio::detail::crc32c(0, data, len); }

namespace {

constexpr uint32_t NONE = 0xFFFFFFFFu;
constexpr uint32_t HEAVY_K = 16;
constexpr size_t HEAVY_MIN_KEYS = 64;  // a prefix whose key range exceeds this gets a top-K list
constexpr unsigned DICT_MIN_SAMPLES = 8;
constexpr uint32_t COMPARE_MAX_DOCS = 1024;      // documents compressed both ways for the dictionary decision
constexpr size_t TRAIN_MAX_BYTES = 16u << 20;    // sample bytes given to the dictionary trainer

// ---- Documents ---------------------------------------------------------------------------------------------

struct EncodedDoc {
  std::vector<uint8_t> bytes;
  uint64_t text_bytes = 0;
};

EncodedDoc encode_doc(const Content &c, uint32_t ai, const std::vector<uint32_t> &section_base) {
  const Article &a = c.articles[ai];
  std::vector<uint8_t> text;
  std::vector<fb::Block> blocks;
  std::vector<fb::Span> spans;
  EncodedDoc out;
  auto put = [&](const std::string &s) {
    const fb::DStr d(static_cast<uint32_t>(text.size()), static_cast<uint32_t>(s.size()));
    text.insert(text.end(), s.begin(), s.end());
    return d;
  };
  // Heading block index → global section id.
  std::map<uint32_t, uint32_t> heading_section;
  for (size_t si = 1; si < a.sections.size(); ++si)
    heading_section[a.sections[si].block_begin] = section_base[ai] + static_cast<uint32_t>(si);
  for (uint32_t bi = 0; bi < a.blocks.size(); ++bi) {
    const SrcBlock &b = a.blocks[bi];
    const uint32_t span_begin = static_cast<uint32_t>(spans.size());
    for (const SrcSpan &s : b.spans) {
      const uint8_t style = s.style;
      switch (s.kind) {
        case SpanKind::Text:
          if (s.text.empty()) break;
          out.text_bytes += s.text.size();
          spans.emplace_back(fb::SpanKind::Text, style, 0, put(s.text), 0, 0);
          break;
        case SpanKind::ArticleLink: {
          out.text_bytes += s.text.size();
          const uint32_t sec = s.target2 == NONE ? NONE : section_base[s.target_id] + s.target2;
          spans.emplace_back(fb::SpanKind::ArticleLink, style, 0, put(s.text), s.target_id, sec);
          break;
        }
        case SpanKind::ExternalLink: {
          out.text_bytes += s.text.size();
          const fb::DStr shown = put(s.text);
          const fb::DStr url = put(s.target);
          spans.emplace_back(fb::SpanKind::ExternalLink, style, 0, shown, url.off(), url.len());
          break;
        }
        case SpanKind::Glossary:
          out.text_bytes += s.text.size();
          spans.emplace_back(fb::SpanKind::Glossary, style, 0, put(s.text), s.target_id, 0);
          break;
        case SpanKind::Citation:
          spans.emplace_back(fb::SpanKind::Citation, 0, 0, fb::DStr(static_cast<uint32_t>(text.size()), 0),
                             s.target_id, s.target2);
          break;
        case SpanKind::LineBreak:
          spans.emplace_back(fb::SpanKind::LineBreak, 0, 0, fb::DStr(static_cast<uint32_t>(text.size()), 0), 0, 0);
          break;
      }
    }
    uint32_t aux = b.aux;
    if (b.kind == BlockKind::Heading) aux = heading_section.at(bi);
    blocks.emplace_back(static_cast<fb::BlockKind>(b.kind), b.depth, b.flags, aux, span_begin,
                        static_cast<uint32_t>(spans.size()));
  }
  flatbuffers::FlatBufferBuilder fbb(1024 + text.size() * 2);
  const auto t = fbb.CreateVector(text);
  const auto bl = fbb.CreateVectorOfStructs(blocks);
  const auto sp = fbb.CreateVectorOfStructs(spans);
  fb::FinishDocBuffer(fbb, fb::CreateDoc(fbb, ai, t, bl, sp));
  out.bytes.assign(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  return out;
}

// ---- Compression -------------------------------------------------------------------------------------------

struct CCtx {
  ZSTD_CCtx *p = ZSTD_createCCtx();
  ~CCtx() { ZSTD_freeCCtx(p); }
};

void check_z(size_t r, const char *what) {
  if (ZSTD_isError(r)) throw std::runtime_error(std::string(what) + ": " + ZSTD_getErrorName(r));
}

std::vector<uint8_t> compress(CCtx &cc, const std::vector<uint8_t> &src) {
  std::vector<uint8_t> dst(ZSTD_compressBound(src.size()));
  const size_t n = ZSTD_compress2(cc.p, dst.data(), dst.size(), src.data(), src.size());
  check_z(n, "zstd compression");
  dst.resize(n);
  return dst;
}

void setup_cctx(CCtx &cc, int level, const std::vector<uint8_t> *dict) {
  if (!cc.p) throw std::runtime_error("zstd: out of memory");
  check_z(ZSTD_CCtx_reset(cc.p, ZSTD_reset_session_and_parameters), "zstd reset");
  check_z(ZSTD_CCtx_setParameter(cc.p, ZSTD_c_compressionLevel, level), "zstd level");
  check_z(ZSTD_CCtx_setParameter(cc.p, ZSTD_c_checksumFlag, 1), "zstd checksum flag");
  check_z(ZSTD_CCtx_setParameter(cc.p, ZSTD_c_contentSizeFlag, 1), "zstd content size flag");
  check_z(ZSTD_CCtx_setParameter(cc.p, ZSTD_c_nbWorkers, 0), "zstd workers");
  if (dict) check_z(ZSTD_CCtx_loadDictionary(cc.p, dict->data(), dict->size()), "zstd dictionary");
}

// Compresses docs[i] into (*out)[i] for every i of `which` at opt.level, with `dict` if not null, on up
// to opt.threads threads (parallel_for.h), each with its own context set up alike. A zstd frame depends
// only on its input, the level and the dictionary, so the bytes are the same whatever the thread count
// and the order the threads take the documents in. Reports `stage` progress out of `already` + the
// documents of `which` (`already`: those done before, so that a stage counts every frame it ends with).
void compress_docs(const std::vector<EncodedDoc> &docs, const std::vector<uint32_t> &which,
                   const std::vector<uint8_t> *dict, const BuildOptions &opt, const char *stage,
                   std::vector<std::vector<uint8_t>> *out, size_t already = 0) {
  const size_t total = already + which.size();
  if (which.empty() && total > 0 && opt.progress) opt.progress(stage, total, total);
  parallel_for(
      which.size(), opt.threads,
      [&]() {
        auto cc = std::make_shared<CCtx>();
        setup_cctx(*cc, opt.level, dict);
        return [cc, &docs, &which, out](size_t k) { (*out)[which[k]] = compress(*cc, docs[which[k]].bytes); };
      },
      [&](size_t finished) {
        if (opt.progress) opt.progress(stage, already + finished, total);
      });
}

// Trains the shared dictionary. fastCover (d = 8, f = 20, accel 1) runs for each of five segment sizes
// k, 50 to 1998 in steps of 487 (what zstd's ZDICT_optimizeTrainFromBuffer_fastCover tries with steps =
// 4), on the first three quarters of a deterministic stride of samples, at most TRAIN_MAX_BYTES; each
// candidate compresses the last quarter at `level`, and the smallest total (the dictionary's own size
// counted, as zstd does; a tie goes to the smaller k) is kept. The candidates run on up to opt.threads
// threads (parallel_for.h). zstd's optimizer makes the same search, but on several threads it keeps
// whichever of two equal totals finishes first; this one gives the same bytes on any thread count.
// Empty when no candidate trains.
std::vector<uint8_t> train_dictionary(const std::vector<EncodedDoc> &docs, const BuildOptions &opt) {
  const int level = opt.level;
  std::vector<uint8_t> samples;
  std::vector<size_t> sizes, offsets;
  uint64_t total = 0;
  for (const EncodedDoc &d : docs) total += d.bytes.size();
  const size_t stride = total > TRAIN_MAX_BYTES ? static_cast<size_t>((total + TRAIN_MAX_BYTES - 1) / TRAIN_MAX_BYTES) : 1;
  for (size_t i = 0; i < docs.size(); i += stride) {
    offsets.push_back(samples.size());
    samples.insert(samples.end(), docs[i].bytes.begin(), docs[i].bytes.end());
    sizes.push_back(docs[i].bytes.size());
  }
  const size_t ntrain = std::max<size_t>(1, sizes.size() * 3 / 4);
  // Capacity: a tenth of the sample bytes, between 4 KiB and 64 KiB (zstd's guidance is ~100x smaller
  // than the samples; documents share little beyond the FlatBuffers framing and common words).
  const size_t cap = std::min<size_t>(64 * 1024, std::max<size_t>(4 * 1024, samples.size() / 10));
  constexpr unsigned kCandidates = 5, kFirst = 50, kStep = 487;
  std::vector<std::vector<uint8_t>> dicts(kCandidates);
  std::vector<uint64_t> cost(kCandidates, UINT64_MAX);
  parallel_for(
      kCandidates, opt.threads, [&]() {
        return [&](size_t c) {
          ZDICT_fastCover_params_t p;
          std::memset(&p, 0, sizeof p);
          p.k = kFirst + kStep * static_cast<unsigned>(c);
          p.d = 8;
          p.f = 20;
          p.accel = 1;
          p.nbThreads = 1;
          p.zParams.compressionLevel = level;
          std::vector<uint8_t> dict(cap);
          const size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), samples.data(), sizes.data(),
                                                           static_cast<unsigned>(ntrain), p);
          if (ZDICT_isError(n)) return;
          dict.resize(n);
          // the test quarter (all the samples when there is no quarter to spare)
          const size_t first = ntrain < sizes.size() ? ntrain : 0;
          ZSTD_CDict *cd = ZSTD_createCDict(dict.data(), dict.size(), level);
          CCtx cc;
          if (!cd || !cc.p) {
            ZSTD_freeCDict(cd);
            throw std::runtime_error("zstd: out of memory");
          }
          std::vector<uint8_t> dst;
          uint64_t sum = dict.size();
          for (size_t i = first; i < sizes.size(); ++i) {
            dst.resize(ZSTD_compressBound(sizes[i]));
            const size_t z = ZSTD_compress_usingCDict(cc.p, dst.data(), dst.size(), samples.data() + offsets[i],
                                                      sizes[i], cd);
            if (ZSTD_isError(z)) {
              sum = UINT64_MAX;
              break;
            }
            sum += z;
          }
          ZSTD_freeCDict(cd);
          cost[c] = sum;
          dicts[c] = std::move(dict);
        };
      },
      [&](size_t done) {
        if (opt.progress) opt.progress("trained", done, kCandidates);
      });
  size_t best = kCandidates;
  for (size_t c = 0; c < kCandidates; ++c)
    if (cost[c] != UINT64_MAX && (best == kCandidates || cost[c] < cost[best])) best = c;
  return best == kCandidates ? std::vector<uint8_t>() : std::move(dicts[best]);
}

// ---- Index -------------------------------------------------------------------------------------------------

struct Pools {
  std::vector<uint8_t> strings;
  std::map<std::string, fb::Str> seen;
  std::vector<uint32_t> u32s;
  std::vector<fb::Str> strs;

  fb::Str str(const std::string &s) {
    if (s.empty()) return fb::Str(0, 0);
    auto it = seen.find(s);
    if (it != seen.end()) return it->second;
    const fb::Str r(static_cast<uint32_t>(strings.size()), static_cast<uint32_t>(s.size()));
    strings.insert(strings.end(), s.begin(), s.end());
    seen.emplace(s, r);
    return r;
  }
  fb::Range list(const std::vector<uint32_t> &v) {
    const fb::Range r(static_cast<uint32_t>(u32s.size()), static_cast<uint32_t>(v.size()));
    u32s.insert(u32s.end(), v.begin(), v.end());
    return r;
  }
  fb::Range str_list(const std::vector<std::string> &v) {
    std::vector<uint32_t> ids;
    for (const std::string &s : v) {
      ids.push_back(static_cast<uint32_t>(strs.size()));
      strs.push_back(str(s));
    }
    return list(ids);
  }
};

struct TKey {
  std::string key;
  uint32_t article;
  uint8_t kind;
  uint16_t rank;
};

bool tkey_less(const TKey &a, const TKey &b) {
  if (a.key != b.key) return a.key < b.key;  // std::string compares bytes as unsigned char
  if (a.rank != b.rank) return a.rank > b.rank;
  if (a.article != b.article) return a.article < b.article;
  return a.kind < b.kind;
}

fb::Audience fb_audience(Audience a) { return static_cast<fb::Audience>(a); }

// Everything of the index except the search table and the frames, precomputed once so that pass 1 and
// pass 2 serialise identical rows.
struct IndexRows {
  Pools pools;
  std::vector<fb::Article> articles;
  std::vector<fb::Section> sections;
  std::vector<fb::Link> links;
  std::vector<fb::TitleKey> title_keys;
  std::vector<fb::HeavyPrefix> heavy;
  std::vector<fb::GlossaryEntry> glossary;
  std::vector<fb::GlossaryKey> glossary_keys;
  std::vector<fb::Reference> references;
  std::vector<fb::Topic> topics;
};

bool utf8_boundary(const std::string &s, size_t i) {
  return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

IndexRows make_rows(const Content &c, const std::vector<uint32_t> &section_base) {
  IndexRows r;
  Pools &P = r.pools;
  const uint32_t n = static_cast<uint32_t>(c.articles.size());
  std::map<std::string, uint32_t> slug_id;
  for (uint32_t i = 0; i < n; ++i) slug_id[c.articles[i].slug] = i;
  std::map<std::string, uint32_t> ref_id, gloss_id;
  for (uint32_t i = 0; i < c.references.size(); ++i) ref_id[c.references[i].id] = i;
  for (uint32_t i = 0; i < c.glossary.size(); ++i) gloss_id[c.glossary[i].id] = i;

  // Links and backlinks.
  std::vector<std::vector<fb::Link>> out_links(n);
  std::vector<std::set<uint32_t>> backlinks(n);
  for (uint32_t ai = 0; ai < n; ++ai) {
    const Article &a = c.articles[ai];
    for (size_t si = 0; si < a.sections.size(); ++si)
      for (uint32_t bi = a.sections[si].block_begin; bi < a.sections[si].block_end; ++bi)
        for (const SrcSpan &s : a.blocks[bi].spans) {
          if (s.kind != SpanKind::ArticleLink || s.target_id == NONE) continue;
          const uint32_t sec = s.target2 == NONE ? NONE : section_base[s.target_id] + s.target2;
          out_links[ai].emplace_back(s.target_id, sec, section_base[ai] + static_cast<uint32_t>(si));
          if (s.target_id != ai) backlinks[s.target_id].insert(ai);
        }
    auto &v = out_links[ai];
    std::sort(v.begin(), v.end(), [](const fb::Link &x, const fb::Link &y) {
      if (x.target() != y.target()) return x.target() < y.target();
      if (x.section() != y.section()) return x.section() < y.section();
      return x.from_section() < y.from_section();
    });
    v.erase(std::unique(v.begin(), v.end(),
                        [](const fb::Link &x, const fb::Link &y) {
                          return x.target() == y.target() && x.section() == y.section() &&
                                 x.from_section() == y.from_section();
                        }),
            v.end());
  }

  // Topics.
  std::map<std::string, std::set<uint32_t>> topic_articles;
  for (uint32_t ai = 0; ai < n; ++ai)
    for (const std::string &t : c.articles[ai].topics) topic_articles[t].insert(ai);
  std::map<std::string, uint32_t> topic_id;
  for (const auto &kv : topic_articles) topic_id.emplace(kv.first, static_cast<uint32_t>(topic_id.size()));

  // Articles and sections.
  for (uint32_t ai = 0; ai < n; ++ai) {
    const Article &a = c.articles[ai];
    const fb::Str slug = P.str(a.slug), title = P.str(a.title), summary = P.str(a.summary);
    const fb::Range aliases = P.str_list(a.aliases);
    std::vector<uint32_t> topics;
    for (const std::string &t : a.topics)
      if (std::find(topics.begin(), topics.end(), topic_id.at(t)) == topics.end()) topics.push_back(topic_id.at(t));
    std::vector<uint32_t> sources, related;
    for (const std::string &s : a.sources)
      if (ref_id.count(s)) sources.push_back(ref_id.at(s));
    for (const std::string &s : a.related)
      if (slug_id.count(s)) related.push_back(slug_id.at(s));
    const fb::Range topics_r = P.list(topics), sources_r = P.list(sources), related_r = P.list(related);
    const fb::Range links_r(static_cast<uint32_t>(r.links.size()), static_cast<uint32_t>(out_links[ai].size()));
    r.links.insert(r.links.end(), out_links[ai].begin(), out_links[ai].end());
    const fb::Range back_r = P.list(std::vector<uint32_t>(backlinks[ai].begin(), backlinks[ai].end()));
    r.articles.emplace_back(slug, title, summary, a.updated, fb_audience(a.audience), 0, 0,
                            fb::Range(section_base[ai], static_cast<uint32_t>(a.sections.size())), ai, aliases,
                            topics_r, sources_r, related_r, links_r, back_r, a.raw_bytes);
    for (size_t si = 0; si < a.sections.size(); ++si) {
      const SrcSection &s = a.sections[si];
      Audience aud = a.audience;
      if (a.audience == Audience::Clinician || s.clinician) aud = Audience::Clinician;
      const uint32_t parent = s.parent < 0 ? NONE : section_base[ai] + static_cast<uint32_t>(s.parent);
      // one statement each: the order of a call's arguments is unspecified (g++ on x86-64 took the heading
      // first, on ARM the anchor), and the pool's layout must not depend on it (until 2026-12-04 it did:
      // the same content gave another pack on aarch64 and armhf)
      const fb::Str anchor = P.str(s.anchor);
      const fb::Str heading = P.str(s.heading);
      r.sections.emplace_back(ai, anchor, heading, parent, static_cast<uint8_t>(s.level),
                              fb_audience(aud), static_cast<uint16_t>(s.nocite ? 1 : 0), s.block_begin, s.block_end);
    }
  }

  // Title keys: title (0), aliases (1), every word-start suffix of the title (2). Static rank:
  // min(backlinks, 255) * 256 + (255 - min(folded title bytes, 255)): well-linked articles first, then
  // shorter titles.
  std::vector<TKey> keys;
  for (uint32_t ai = 0; ai < n; ++ai) {
    const Article &a = c.articles[ai];
    const std::string title = fold_key_str(a.title);
    const size_t links_in = backlinks[ai].size();
    const uint16_t rank = static_cast<uint16_t>(std::min<size_t>(links_in, 255) * 256 +
                                                (255 - std::min<size_t>(title.size(), 255)));
    std::map<std::string, uint8_t> best;  // key → smallest kind
    auto add = [&](const std::string &k, uint8_t kind) {
      if (k.empty()) return;
      auto it = best.find(k);
      if (it == best.end() || it->second > kind) best[k] = kind;
    };
    add(title, 0);
    for (const std::string &al : a.aliases) add(fold_key_str(al), 1);
    for (size_t i = 0; i < title.size(); ++i)
      if (title[i] == ' ' && i + 1 < title.size()) add(title.substr(i + 1), 2);
    for (const auto &kv : best) keys.push_back({kv.first, ai, kv.second, rank});
  }
  std::sort(keys.begin(), keys.end(), tkey_less);
  for (const TKey &k : keys) r.title_keys.emplace_back(P.str(k.key), k.article, k.kind, 0, k.rank);

  // Heavy prefixes: every prefix (at a code point boundary, not ending in a space) whose key range holds
  // more than HEAVY_MIN_KEYS keys gets its best HEAVY_K keys, unique per article, in suggestion order.
  {
    std::vector<std::string> prefixes;
    for (size_t i = 0; i < keys.size(); ++i) {
      const std::string &k = keys[i].key;
      for (size_t len = 1; len <= k.size(); ++len) {
        if (!utf8_boundary(k, len) || k[len - 1] == ' ') continue;
        // Only the first key of a prefix group starts it (keys are sorted).
        if (i > 0 && keys[i - 1].key.size() >= len && keys[i - 1].key.compare(0, len, k, 0, len) == 0) continue;
        size_t j = i;
        size_t count = 0;
        while (j < keys.size() && keys[j].key.size() >= len && keys[j].key.compare(0, len, k, 0, len) == 0) {
          ++j;
          if (++count > HEAVY_MIN_KEYS) break;
        }
        if (count > HEAVY_MIN_KEYS) prefixes.push_back(k.substr(0, len));
        else break;  // longer prefixes of this key hold fewer keys
      }
    }
    std::sort(prefixes.begin(), prefixes.end());
    prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
    for (const std::string &p : prefixes) {
      const auto lo = std::lower_bound(keys.begin(), keys.end(), p,
                                       [](const TKey &k, const std::string &v) { return k.key < v; });
      std::vector<uint32_t> idx;
      for (auto it = lo; it != keys.end() && it->key.compare(0, p.size(), p) == 0; ++it)
        idx.push_back(static_cast<uint32_t>(it - keys.begin()));
      std::stable_sort(idx.begin(), idx.end(), [&](uint32_t x, uint32_t y) {
        const TKey &a = keys[x], &b = keys[y];
        const bool ea = a.key == p, eb = b.key == p;
        if (ea != eb) return ea;
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.rank != b.rank) return a.rank > b.rank;
        return a.article < b.article;
      });
      std::vector<uint32_t> top;
      std::set<uint32_t> arts;
      for (uint32_t x : idx) {
        if (!arts.insert(keys[x].article).second) continue;
        top.push_back(x);
        if (top.size() == HEAVY_K) break;
      }
      r.heavy.emplace_back(P.str(p), P.list(top));
    }
  }

  // Glossary (sorted by id by the validator) and its keys.
  struct GKey {
    std::string key;
    uint32_t entry;
    uint8_t kind;
  };
  std::vector<GKey> gkeys;
  for (uint32_t gi = 0; gi < c.glossary.size(); ++gi) {
    const GlossaryItem &g = c.glossary[gi];
    std::vector<uint32_t> see, arts;
    for (const std::string &s : g.see_also)
      if (gloss_id.count(s)) see.push_back(gloss_id.at(s));
    for (const std::string &s : g.articles)
      if (slug_id.count(s)) arts.push_back(slug_id.at(s));
    const fb::Str id = P.str(g.id), term = P.str(g.term), def = P.str(g.definition);
    const fb::Range ab = P.str_list(g.abbreviations), ev = P.str_list(g.everyday);
    const fb::Range see_r = P.list(see), arts_r = P.list(arts);
    r.glossary.emplace_back(id, term, def, ab, ev, see_r, arts_r);
    gkeys.push_back({fold_key_str(g.term), gi, 0});
    for (const std::string &s : g.abbreviations) gkeys.push_back({fold_key_str(s), gi, 1});
    for (const std::string &s : g.everyday) gkeys.push_back({fold_key_str(s), gi, 2});
  }
  std::sort(gkeys.begin(), gkeys.end(), [](const GKey &a, const GKey &b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.entry != b.entry) return a.entry < b.entry;
    return a.kind < b.kind;
  });
  for (size_t i = 0; i < gkeys.size(); ++i) {
    if (gkeys[i].key.empty()) continue;
    if (i > 0 && gkeys[i].key == gkeys[i - 1].key && gkeys[i].entry == gkeys[i - 1].entry) continue;
    r.glossary_keys.emplace_back(P.str(gkeys[i].key), gkeys[i].entry, gkeys[i].kind, 0, 0);
  }

  // References (sorted by id by the validator).
  for (const ReferenceItem &ref : c.references) {
    std::string authors;
    for (const std::string &au : ref.authors) authors += (authors.empty() ? "" : ", ") + au;
    std::string container = ref.kind == RefKind::Study ? ref.journal : ref.publisher;
    if (container.empty()) container = ref.kind == RefKind::Study ? ref.publisher : ref.journal;
    const fb::Str id = P.str(ref.id), au = P.str(authors), title = P.str(ref.title), cont = P.str(container),
                  doi = P.str(ref.doi), pmid = P.str(ref.pmid), url = P.str(ref.url), note = P.str(ref.note);
    r.references.emplace_back(id, static_cast<fb::ReferenceKind>(ref.kind), 0, ref.year, au, title, cont, doi, pmid,
                              url, note);
  }

  // Topics (sorted by name).
  for (const auto &kv : topic_articles) {
    const fb::Str name = P.str(kv.first);
    r.topics.emplace_back(name, P.list(std::vector<uint32_t>(kv.second.begin(), kv.second.end())));
  }
  return r;
}

using SearchHook = std::function<flatbuffers::Offset<fb::SearchIndex>(flatbuffers::FlatBufferBuilder &)>;

struct Assembled {
  std::vector<uint8_t> pack;
  uint64_t index_bytes = 0;
};

void put16(uint8_t *p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}
void put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void put64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

// header.workspace_size: FOLIO_WORKSPACE_BOUND, the bound every supported engine build stays within, not
// this host's exact figure (a reader computes its own), so that the same content gives the same pack on
// every host (until 2026-12-04 it was this host's engine's figure: 202,512 B on x86-64 Linux, 202,488
// on Windows, 202,176 on armhf). The writer checks that its own engine stays within the bound.
uint32_t workspace_bound(uint32_t max_doc, uint32_t search_scratch) {
  const size_t bound = FOLIO_WORKSPACE_BOUND(max_doc, search_scratch);
  return static_cast<uint32_t>(std::min<size_t>(bound, 0xFFFFFFFFu));
}

Assembled assemble(const Content &c, const IndexRows &r, const std::vector<std::vector<uint8_t>> &frames,
                   const std::vector<uint32_t> &dsizes, const std::vector<uint8_t> *dict, const BuildOptions &opt,
                   uint32_t search_scratch, const SearchHook &search) {
  flatbuffers::FlatBufferBuilder fbb(1 << 16);
  const std::string generator = std::string("folio ") + FOLIO_VERSION_STRING;
  auto opt_str = [&](const std::string &s) { return s.empty() ? 0 : fbb.CreateString(s); };
  // one statement per string: the buffer's layout follows the order of creation, and the order of a
  // call's arguments is unspecified (until 2026-12-04 these were arguments of CreateMeta, and ARM builds
  // laid them out in another order than x86-64)
  const auto m_title = fbb.CreateString(c.meta.title);
  const auto m_language = opt_str(c.meta.language);
  const auto m_version = opt_str(c.meta.content_version);
  const auto m_licence = opt_str(c.meta.licence);
  const auto m_disclaimer = opt_str(c.meta.disclaimer);
  const auto m_timestamp = opt.has_timestamp ? fbb.CreateString(opt.timestamp) : 0;
  const auto m_generator = fbb.CreateString(generator);
  const auto meta = fb::CreateMeta(fbb, m_title, m_language, m_version, m_licence, m_disclaimer, m_timestamp, m_generator);
  const auto strings = fbb.CreateVector(r.pools.strings);
  const auto u32s = fbb.CreateVector(r.pools.u32s);
  const auto strs = fbb.CreateVectorOfStructs(r.pools.strs);
  const auto articles = fbb.CreateVectorOfStructs(r.articles);
  const auto sections = fbb.CreateVectorOfStructs(r.sections);
  const auto links = fbb.CreateVectorOfStructs(r.links);
  const auto tkeys = fbb.CreateVectorOfStructs(r.title_keys);
  const auto heavy = fbb.CreateVectorOfStructs(r.heavy);
  const auto gloss = fbb.CreateVectorOfStructs(r.glossary);
  const auto gkeys = fbb.CreateVectorOfStructs(r.glossary_keys);
  const auto refs = fbb.CreateVectorOfStructs(r.references);
  const auto topics = fbb.CreateVectorOfStructs(r.topics);
  std::vector<fb::Frame> frame_rows;
  uint64_t off = 0;
  uint32_t max_doc = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    frame_rows.emplace_back(off, static_cast<uint32_t>(frames[i].size()), dsizes[i]);
    off += frames[i].size();
    max_doc = std::max(max_doc, dsizes[i]);
  }
  const uint64_t frames_size = off;
  const auto frames_v = fbb.CreateVectorOfStructs(frame_rows);
  const auto dict_v = dict ? fbb.CreateVector(*dict) : 0;
  const auto search_t = search ? search(fbb) : 0;
  const auto index = fb::CreateIndex(fbb, meta, strings, u32s, strs, articles, sections, links, tkeys, heavy, HEAVY_K,
                                     gloss, gkeys, refs, topics, frames_v, dict_v, max_doc, search_t);
  fb::FinishIndexBuffer(fbb, index);

  Assembled out;
  const uint64_t index_size = fbb.GetSize();
  const uint64_t frames_offset = (PACK_HEADER_SIZE + index_size + 7) & ~uint64_t(7);
  const uint64_t file_size = frames_offset + frames_size;
  out.index_bytes = index_size;
  std::vector<uint8_t> &p = out.pack;
  p.assign(file_size, 0);
  std::memcpy(p.data() + PACK_HEADER_SIZE, fbb.GetBufferPointer(), index_size);
  for (size_t i = 0; i < frames.size(); ++i)
    std::memcpy(p.data() + frames_offset + frame_rows[i].offset(), frames[i].data(), frames[i].size());

  uint8_t *h = p.data();
  static const uint8_t magic[8] = {0x89, 'F', 'O', 'L', 'I', 'O', 0x0D, 0x0A};
  std::memcpy(h, magic, 8);
  put16(h + 8, FOLIO_FORMAT_MAJOR);
  put16(h + 10, FOLIO_FORMAT_MINOR);
  put32(h + 12, PACK_HEADER_SIZE);
  put64(h + 16, file_size);
  put64(h + 24, PACK_HEADER_SIZE);
  put64(h + 32, index_size);
  put64(h + 40, frames_offset);
  put64(h + 48, frames_size);
  put32(h + 56, 0);  // workspace_size: filled in below from the engine
  put32(h + 60, max_doc);
  put32(h + 64, search_scratch);
  put32(h + 68, dict ? static_cast<uint32_t>(dict->size()) : 0);
  put32(h + 72, dict ? 1u : 0u);
  put32(h + 76, crc32c(p.data() + PACK_HEADER_SIZE, index_size));
  put32(h + 80, crc32c(p.data() + frames_offset, frames_size));
  put32(h + 124, crc32c(h, 124));
  put32(h + 56, workspace_bound(max_doc, search_scratch));
  put32(h + 124, crc32c(h, 124));
  return out;
}

// Sets header.search_scratch_bytes after the fact (it does not change the index), then the workspace
// bound that follows from it, then the header CRC.
void set_search_scratch(std::vector<uint8_t> &p, uint32_t scratch) {
  uint8_t *h = p.data();
  put32(h + 64, scratch);
  put32(h + 56, workspace_bound(detail::load_le32(h + 60), scratch));
  put32(h + 124, crc32c(h, 124));
}

const char *status_name(int st) { return folio_status_str(st); }

}  // namespace

std::vector<uint8_t> build_pack(const Content &c, const BuildOptions &opt, Diagnostics &diag, BuildStats *stats) {
  BuildStats st;
  const uint32_t n = static_cast<uint32_t>(c.articles.size());
  st.articles = n;
  st.glossary = static_cast<uint32_t>(c.glossary.size());
  st.references = static_cast<uint32_t>(c.references.size());
  st.raw_bytes = c.raw_bytes;

  std::vector<uint32_t> section_base(n);
  uint32_t total_sections = 0;
  for (uint32_t i = 0; i < n; ++i) {
    section_base[i] = total_sections;
    total_sections += static_cast<uint32_t>(c.articles[i].sections.size());
  }
  st.sections = total_sections;

  // Documents.
  std::vector<EncodedDoc> docs(n);
  for (uint32_t i = 0; i < n; ++i) {
    docs[i] = encode_doc(c, i, section_base);
    st.text_bytes += docs[i].text_bytes;
    if (docs[i].bytes.size() > opt.max_doc_bytes)
      diag.error(c.articles[i].path, c.articles[i].line,
                 "article document is " + std::to_string(docs[i].bytes.size()) + " bytes, above the limit of " +
                     std::to_string(opt.max_doc_bytes) + " (--max-doc-bytes)");
    if (opt.progress) opt.progress("encoded", i + 1, n);
  }
  if (diag.errors()) return {};

  // Frames. The dictionary decision compares both ways on a deterministic sample of the documents
  // (all of them for small packs), extrapolated to the whole pack: compressing 100k documents twice at
  // level 19 would double the build time for a number that a 1,024-document sample predicts well.
  std::vector<uint32_t> dsizes(n);
  uint64_t total_dbytes = 0;
  for (uint32_t i = 0; i < n; ++i) {
    dsizes[i] = static_cast<uint32_t>(docs[i].bytes.size());
    total_dbytes += dsizes[i];
  }
  std::vector<uint32_t> sample;
  const uint32_t stride = n > COMPARE_MAX_DOCS ? (n + COMPARE_MAX_DOCS - 1) / COMPARE_MAX_DOCS : 1;
  uint64_t sample_dbytes = 0;
  for (uint32_t i = 0; i < n; i += stride) {
    sample.push_back(i);
    sample_dbytes += dsizes[i];
  }
  std::vector<std::vector<uint8_t>> plain(n), with_dict(n);
  std::vector<uint8_t> dict;
  bool use_dict = false;
  if (opt.allow_dictionary && n >= DICT_MIN_SAMPLES) {
    dict = train_dictionary(docs, opt);
    if (!dict.empty()) {
      compress_docs(docs, sample, nullptr, opt, "compared without dictionary", &plain);
      compress_docs(docs, sample, &dict, opt, "compared with dictionary", &with_dict);
      uint64_t plain_sample = 0, dict_sample = 0;
      for (uint32_t i : sample) {
        plain_sample += plain[i].size();
        dict_sample += with_dict[i].size();
      }
      const double scale = sample_dbytes ? static_cast<double>(total_dbytes) / static_cast<double>(sample_dbytes) : 1.0;
      st.frames_bytes_plain = static_cast<uint64_t>(static_cast<double>(plain_sample) * scale + 0.5);
      st.frames_bytes_dict = static_cast<uint64_t>(static_cast<double>(dict_sample) * scale + 0.5);
      use_dict = st.frames_bytes_dict + dict.size() < st.frames_bytes_plain;
    }
  }
  std::vector<std::vector<uint8_t>> &frames = use_dict ? with_dict : plain;
  std::vector<uint32_t> rest;  // the sampled ones are already done (a zstd frame is never empty)
  for (uint32_t i = 0; i < n; ++i)
    if (frames[i].empty()) rest.push_back(i);
  compress_docs(docs, rest, use_dict ? &dict : nullptr, opt, "compressed", &frames, n - rest.size());
  st.frames_bytes = 0;
  for (const std::vector<uint8_t> &f : frames) st.frames_bytes += f.size();
  if (!use_dict) {
    st.frames_bytes_plain = st.frames_bytes;
  } else if (stride == 1) {
    st.frames_bytes_dict = st.frames_bytes;
  }
  st.dictionary_used = use_dict;
  st.dictionary_bytes = use_dict ? dict.size() : 0;
  const std::vector<uint8_t> *dict_p = use_dict ? &dict : nullptr;

  const IndexRows rows = make_rows(c, section_base);

  // Pass 1: no search index.
  Assembled pass1 = assemble(c, rows, frames, dsizes, dict_p, opt, 0, SearchHook());
  Assembled final_pack;
  if (opt.search) {
    // Open pass 1 with the engine; the search builder reads it through the public API.
    const size_t ws_len = folio_workspace_size(pass1.pack.data(), pass1.pack.size());
    if (ws_len == 0) throw std::runtime_error("internal error: the engine does not recognise the pass-1 pack header");
    std::vector<uint64_t> ws((ws_len + 7) / 8);
    // The pack must be 8-byte aligned for the engine; std::vector<uint8_t> from operator new is.
    const folio_pack *pk = nullptr;
    folio_reader *rd = nullptr;
    const folio_status s = folio_open(pass1.pack.data(), pass1.pack.size(), ws.data(), ws.size() * 8,
                                      FOLIO_OPEN_VERIFY_CHECKSUM, &pk, &rd);
    if (s != FOLIO_OK)
      throw std::runtime_error(std::string("internal error: the engine refused the pass-1 pack: ") + status_name(s));
    index::SearchBuildInput in;
    in.pack = pk;
    in.reader = rd;
    in.synonyms = c.synonyms;
    in.lexicon = &c.lexicon;
    in.threads = opt.threads;
    in.progress = opt.progress;
    in.snippet_store = opt.snippet_store;
    in.zstd_dict = dict_p;
    in.zstd_level = opt.level;
    index::SearchBuildStats ss;
    final_pack = assemble(c, rows, frames, dsizes, dict_p, opt, 0, [&](flatbuffers::FlatBufferBuilder &fbb) {
      return index::build_search_index(in, fbb, &ss);
    });
    if (ss.scratch_bytes) set_search_scratch(final_pack.pack, ss.scratch_bytes);
    st.search_built = true;
    st.search_scratch_bytes = ss.scratch_bytes;
    st.search_snippet_bytes = ss.snippet_bytes;
    st.search_lexicon_bytes = ss.lexicon_bytes;
    st.search_lexicon_words = ss.lexicon_words;
    st.search_lexicon_forms = ss.lexicon_forms;
    st.search_spelling_variants = ss.spelling_variants;
    st.search_index_bytes = ss.index_bytes ? ss.index_bytes
                                           : (final_pack.index_bytes > pass1.index_bytes
                                                  ? final_pack.index_bytes - pass1.index_bytes
                                                  : 0);
  } else {
    final_pack = std::move(pass1);
    st.note = "search index skipped";
  }
  st.pack_bytes = final_pack.pack.size();
  st.index_bytes = final_pack.index_bytes;
  uint32_t max_doc = 0;
  for (uint32_t d : dsizes) max_doc = std::max(max_doc, d);
  st.max_doc_bytes = max_doc;
  st.workspace_bytes = static_cast<uint32_t>(folio_workspace_size(final_pack.pack.data(), final_pack.pack.size()));
  const uint32_t declared = detail::load_le32(final_pack.pack.data() + 56);
  if (st.workspace_bytes == 0 || st.workspace_bytes > declared)
    throw std::runtime_error("this engine build needs " + std::to_string(st.workspace_bytes) +
                             " workspace bytes, more than FOLIO_WORKSPACE_BOUND (" + std::to_string(declared) + ")");
  if (stats) *stats = st;
  return std::move(final_pack.pack);
}

}  // namespace tools
}  // namespace folio

// pack_fixture.h: a small, complete pack built in memory with FlatBufferBuilder, independent of the
// build tool, for the engine's unit, fault, alloc and fuzz tests. The model is kept as plain rows so a
// test can damage any field (or any document) before serializing: that is how hostile packs are made.
//
// Test-only code: it allocates freely (std::vector, std::string) and is never linked into the engine.
#ifndef FOLIO_TESTS_PACK_FIXTURE_H
#define FOLIO_TESTS_PACK_FIXTURE_H

#ifndef ZSTD_STATIC_LINKING_ONLY
#define ZSTD_STATIC_LINKING_ONLY
#endif
#include <zstd.h>
#include <zdict.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>
#include <algorithm>

#include <flatbuffers/flatbuffers.h>
#include <folio/folio.h>
#include <folio/schema/doc_generated.h>
#include <folio/schema/folio_generated.h>

namespace folio {
namespace fixture {

namespace fb = folio::fb;

// Field byte offsets inside the schema's structs (flatc generates no mutators here), for poke32().
enum : size_t {
  STR_OFF = 0, STR_LEN = 4,
  ART_SLUG = 0, ART_TITLE = 8, ART_SUMMARY = 16, ART_SECTIONS = 32, ART_FRAME = 40, ART_ALIASES = 44,
  ART_TOPICS = 52, ART_SOURCES = 60, ART_RELATED = 68, ART_LINKS = 76, ART_BACKLINKS = 84,
  SEC_ARTICLE = 0, SEC_ANCHOR = 4, SEC_HEADING = 12, SEC_PARENT = 20, SEC_BLOCK_BEGIN = 28, SEC_BLOCK_END = 32,
  BLK_AUX = 4, BLK_SPAN_BEGIN = 8, BLK_SPAN_END = 12,
  SPAN_TEXT = 4, SPAN_TARGET = 12, SPAN_TARGET2 = 16,
  TK_KEY = 0, TK_ARTICLE = 8,
};

// Overwrite the u32 at byte `off` of a struct row (little-endian host, as FlatBuffers structs are).
template <typename S>
void poke32(S &s, size_t off, uint32_t v) {
  static_assert(std::is_trivially_copyable<S>::value, "struct rows only");
  std::memcpy(reinterpret_cast<uint8_t *>(&s) + off, &v, 4);
}

// ---- bytes with 8-byte alignment (a std::vector<uint8_t> guarantees none) ----------------------------

struct Aligned {
  std::vector<uint64_t> words;
  size_t len = 0;
  Aligned() = default;
  explicit Aligned(size_t n) : words((n + 7) / 8 + 1, 0), len(n) {}
  Aligned(const uint8_t *p, size_t n) : Aligned(n) {
    if (n) std::memcpy(data(), p, n);
  }
  explicit Aligned(const std::vector<uint8_t> &v) : Aligned(v.data(), v.size()) {}
  uint8_t *data() { return reinterpret_cast<uint8_t *>(words.data()); }
  const uint8_t *data() const { return reinterpret_cast<const uint8_t *>(words.data()); }
  size_t size() const { return len; }
};

inline uint32_t crc32c(const void *data, size_t len) {
  const uint8_t *p = static_cast<const uint8_t *>(data);
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c & 1u) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
  }
  return ~c;
}

inline void put_le(uint8_t *p, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; i++) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
inline uint64_t get_le(const uint8_t *p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}
// Recompute the header CRC after patching header fields (so a test reaches the check it aims at).
inline void fix_header_crc(uint8_t *pack) { put_le(pack + 124, crc32c(pack, 124), 4); }
inline void fix_header_crc(std::vector<uint8_t> &pack) { fix_header_crc(pack.data()); }

// ---- documents ----------------------------------------------------------------------------------------

struct DocBuilder {
  std::string text;
  std::vector<fb::Block> blocks;
  std::vector<fb::Span> spans;
  uint32_t span_mark = 0;

  fb::DStr add_text(const std::string &s) {
    fb::DStr d(static_cast<uint32_t>(text.size()), static_cast<uint32_t>(s.size()));
    text += s;
    return d;
  }
  DocBuilder &span(fb::SpanKind k, const std::string &t, uint32_t target = 0, uint32_t target2 = 0,
                   uint8_t style = 0) {
    spans.emplace_back(k, style, 0, add_text(t), target, target2);
    return *this;
  }
  DocBuilder &t(const std::string &s, uint8_t style = 0) { return span(fb::SpanKind::Text, s, 0, 0, style); }
  DocBuilder &link(const std::string &s, uint32_t article, uint32_t section = FOLIO_NONE) {
    return span(fb::SpanKind::ArticleLink, s, article, section);
  }
  DocBuilder &ext(const std::string &s, const std::string &url) {
    const fb::DStr u = add_text(url);
    return span(fb::SpanKind::ExternalLink, s, u.off(), u.len());
  }
  DocBuilder &gloss(const std::string &s, uint32_t entry) { return span(fb::SpanKind::Glossary, s, entry); }
  DocBuilder &cite(uint32_t ref, uint32_t number) { return span(fb::SpanKind::Citation, "", ref, number); }
  DocBuilder &br() { return span(fb::SpanKind::LineBreak, ""); }
  // Close a block over the spans added since the previous block.
  uint32_t block(fb::BlockKind k, uint8_t depth = 0, uint16_t flags = 0, uint32_t aux = 0) {
    const uint32_t end = static_cast<uint32_t>(spans.size());
    blocks.emplace_back(k, depth, flags, aux, span_mark, end);
    span_mark = end;
    return static_cast<uint32_t>(blocks.size() - 1);
  }
  std::vector<uint8_t> finish(uint32_t article) const {
    flatbuffers::FlatBufferBuilder b;
    auto tv = b.CreateVector(reinterpret_cast<const uint8_t *>(text.data()), text.size());
    auto bv = b.CreateVectorOfStructs(blocks);
    auto sv = b.CreateVectorOfStructs(spans);
    b.Finish(fb::CreateDoc(b, article, tv, bv, sv), fb::DocIdentifier());
    return std::vector<uint8_t>(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
  }
};

// ---- the index model ----------------------------------------------------------------------------------

struct Model {
  std::string strings;
  std::vector<uint32_t> u32s;
  std::vector<fb::Str> strs;
  std::vector<fb::Article> articles;
  std::vector<fb::Section> sections;
  std::vector<fb::Link> links;
  std::vector<fb::TitleKey> title_keys;
  std::vector<fb::HeavyPrefix> heavy;
  uint32_t heavy_k = 8;
  std::vector<fb::GlossaryEntry> glossary;
  std::vector<fb::GlossaryKey> glossary_keys;
  std::vector<fb::Reference> references;
  std::vector<fb::Topic> topics;
  std::vector<std::vector<uint8_t>> docs;  // frame i holds docs[i]
  bool dictionary = false;                 // train a zstd dictionary over the documents
  bool frames_override = false;            // use `frames` as given instead of computing it
  std::vector<fb::Frame> frames;
  int64_t max_doc_bytes = -1;              // -1: largest document
  uint16_t major = FOLIO_FORMAT_MAJOR, minor = FOLIO_FORMAT_MINOR;
  std::string meta_title = "Fixture pack", language = "en", version = "1.0-test";

  fb::Str str(const std::string &s) {
    const size_t at = strings.find(s);
    if (!s.empty() && at != std::string::npos) return fb::Str(static_cast<uint32_t>(at), static_cast<uint32_t>(s.size()));
    fb::Str r(static_cast<uint32_t>(strings.size()), static_cast<uint32_t>(s.size()));
    strings += s;
    return r;
  }
  fb::Range list(const std::vector<uint32_t> &v) {
    fb::Range r(static_cast<uint32_t>(u32s.size()), static_cast<uint32_t>(v.size()));
    u32s.insert(u32s.end(), v.begin(), v.end());
    return r;
  }
  fb::Range str_list(const std::vector<std::string> &v) {
    std::vector<uint32_t> ids;
    for (const auto &s : v) {
      ids.push_back(static_cast<uint32_t>(strs.size()));
      strs.push_back(str(s));
    }
    return list(ids);
  }
};

// Article ids (slug order) and section ids of the fixture.
enum : uint32_t { A_CARTILAGE = 0, A_KNEE = 1, A_STEM = 2 };
enum : uint32_t {
  S_CART_LEAD = 0, S_CART_OPTIONS = 1, S_CART_MICRO = 2, S_CART_RISKS = 3,
  S_KNEE_LEAD = 4, S_KNEE_CAUSES = 5, S_STEM_LEAD = 6, S_STEM_SOURCES = 7
};
enum : uint32_t { G_CARTILAGE = 0, G_OA = 1 };
enum : uint32_t { R_CENTENO = 0, R_NHS = 1 };

inline Model fixture_model() {
  Model m;
  using BK = fb::BlockKind;
  // Documents, built first so section block ranges are known.
  DocBuilder d0;
  uint32_t b_lead0 = 0;
  d0.t("Repairing ").gloss("cartilage", G_CARTILAGE).t(" is hard").cite(R_CENTENO, 1).t(".");
  d0.block(BK::Paragraph);
  const uint32_t b_opt = d0.blocks.size();
  d0.t("Options").block(BK::Heading, 2, 0, S_CART_OPTIONS);
  d0.t("See ").link("stem cell sources", A_STEM, S_STEM_SOURCES).t(" and ").link("knee pain", A_KNEE).t(".");
  d0.block(BK::Paragraph);
  d0.t("Rest").block(BK::ListItem, 1, 1, 1);
  d0.t("Physio").block(BK::ListItem, 1, 1, 2);
  d0.t("Daily ").t("exercise", 1).block(BK::ListItem, 2, 0, 0);
  d0.t("Walking").block(BK::ListItem, 2, 0, 0);
  d0.t("Injections").cite(R_NHS, 2).block(BK::ListItem, 1, 1, 3);
  d0.t("Continuation paragraph inside the list.").block(BK::Paragraph, 1);
  const uint32_t b_micro = d0.blocks.size();
  d0.t("Microfracture").block(BK::Heading, 3, 0, S_CART_MICRO);
  d0.t("Small holes <1 mm> & \"bleeding\" it's ").t("bold", 2).t(" and ").t("code()", 4).br().t("next line");
  d0.block(BK::Paragraph);
  const uint32_t b_risks = d0.blocks.size();
  d0.t("Risks").block(BK::Heading, 2, 0, S_CART_RISKS);
  d0.block(BK::TableStart, 0, 0, 2);
  d0.block(BK::TableRow, 0, 1);
  d0.t("Risk").block(BK::TableCell, 0, 0, 1);
  d0.t("Rate").block(BK::TableCell, 0, 0, 3);
  d0.block(BK::TableRow);
  d0.t("Infection").block(BK::TableCell);
  d0.t("1%").block(BK::TableCell, 0, 0, 3);
  d0.block(BK::TableRow);
  d0.t("Stiffness").block(BK::TableCell);
  d0.t("5%").block(BK::TableCell, 0, 0, 3);
  d0.block(BK::TableEnd);
  d0.t("x = <y>;\nreturn x;").block(BK::Code);
  d0.t("A quoted warning.").block(BK::Paragraph, 0, 2);
  d0.block(BK::Rule);
  d0.t("Read more at ").ext("the NHS site", "https://www.nhs.uk/?a=1&b=2").t(".").block(BK::Paragraph);
  const uint32_t b_end0 = d0.blocks.size();

  DocBuilder d1;
  d1.t("Knee pain has many causes; see ").link("cartilage repair", A_CARTILAGE).t(".").block(BK::Paragraph);
  const uint32_t b_causes = d1.blocks.size();
  d1.t("Causes").block(BK::Heading, 2, 0, S_KNEE_CAUSES);
  d1.t("Wear and tear (").gloss("OA", G_OA).t(").").block(BK::Paragraph);
  const uint32_t b_end1 = d1.blocks.size();

  DocBuilder d2;
  d2.t("Stem cells can become other cells.").block(BK::Paragraph);
  const uint32_t b_sources = d2.blocks.size();
  d2.t("Sources").block(BK::Heading, 2, 0, S_STEM_SOURCES);
  d2.t("Bone marrow and fat.").block(BK::Paragraph);
  const uint32_t b_end2 = d2.blocks.size();

  m.docs = {d0.finish(A_CARTILAGE), d1.finish(A_KNEE), d2.finish(A_STEM)};

  const fb::Str empty(0, 0);
  const uint32_t NONE = FOLIO_NONE;
  m.sections = {
      fb::Section(A_CARTILAGE, empty, empty, NONE, 0, fb::Audience::Patient, 0, b_lead0, b_opt),
      fb::Section(A_CARTILAGE, m.str("options"), m.str("Options"), NONE, 2, fb::Audience::Patient, 0, b_opt, b_micro),
      fb::Section(A_CARTILAGE, m.str("microfracture"), m.str("Microfracture"), S_CART_OPTIONS, 3,
                  fb::Audience::Clinician, 0, b_micro, b_risks),
      fb::Section(A_CARTILAGE, m.str("risks"), m.str("Risks"), NONE, 2, fb::Audience::Patient, 0, b_risks, b_end0),
      fb::Section(A_KNEE, empty, empty, NONE, 0, fb::Audience::Patient, 0, 0, b_causes),
      fb::Section(A_KNEE, m.str("causes"), m.str("Causes"), NONE, 2, fb::Audience::Patient, 0, b_causes, b_end1),
      fb::Section(A_STEM, empty, empty, NONE, 0, fb::Audience::Both, 0, 0, b_sources),
      fb::Section(A_STEM, m.str("sources"), m.str("Sources"), NONE, 2, fb::Audience::Both, 0, b_sources, b_end2),
  };
  m.links = {fb::Link(A_KNEE, NONE, S_CART_OPTIONS), fb::Link(A_STEM, S_STEM_SOURCES, S_CART_OPTIONS),
             fb::Link(A_CARTILAGE, NONE, S_KNEE_LEAD)};
  m.topics = {fb::Topic(m.str("Joints"), m.list({A_CARTILAGE, A_KNEE})),
              fb::Topic(m.str("Regenerative medicine"), m.list({A_CARTILAGE, A_STEM}))};
  m.articles = {
      fb::Article(m.str("cartilage-repair"), m.str("Cartilage Repair"), m.str("How damaged cartilage is treated."),
                  20250101, fb::Audience::Patient, 0, 0, fb::Range(0, 4), 0, m.str_list({"Joint surface repair"}),
                  m.list({0, 1}), m.list({R_CENTENO, R_NHS}), m.list({A_STEM}), fb::Range(0, 2), m.list({A_KNEE}),
                  1000),
      fb::Article(m.str("knee-pain"), m.str("Knee Pain"), m.str("Why knees hurt."), 20240615,
                  fb::Audience::Patient, 0, 0, fb::Range(4, 2), 1, m.str_list({"Sore knee"}), m.list({0}),
                  m.list({}), m.list({A_CARTILAGE}), fb::Range(2, 1), m.list({A_CARTILAGE}), 500),
      fb::Article(m.str("stem-cells"), m.str("Stem Cells"), m.str("Cells that become other cells."), 0,
                  fb::Audience::Both, 0, 0, fb::Range(6, 2), 2, m.str_list({"Stem cell therapy"}), m.list({1}),
                  m.list({}), m.list({}), fb::Range(3, 0), m.list({A_CARTILAGE}), 300),
  };
  // Title keys, sorted by (key, rank desc, article). Ranks: knee 30, stem 20, cartilage 10.
  struct K {
    const char *key;
    uint32_t article;
    uint8_t kind;
    uint16_t rank;
  };
  const K keys[] = {
      {"cartilage repair", A_CARTILAGE, 0, 10}, {"cells", A_STEM, 2, 20},
      {"joint surface repair", A_CARTILAGE, 1, 10}, {"knee pain", A_KNEE, 0, 30},
      {"pain", A_KNEE, 2, 30}, {"repair", A_CARTILAGE, 2, 10},
      {"sore knee", A_KNEE, 1, 30}, {"stem cell therapy", A_STEM, 1, 20},
      {"stem cells", A_STEM, 0, 20}, {"surface repair", A_CARTILAGE, 2, 10},
  };
  for (const K &k : keys) m.title_keys.emplace_back(m.str(k.key), k.article, k.kind, 0, k.rank);
  // Heavy prefix "s": sore knee (6), stem cells (8), stem cell therapy (7), surface repair (9).
  m.heavy = {fb::HeavyPrefix(m.str("s"), m.list({6, 8, 7, 9}))};
  m.glossary = {
      fb::GlossaryEntry(m.str("cartilage"), m.str("Cartilage"), m.str("Smooth tissue <covering> bone ends & \"joints\"."),
                        m.str_list({}), m.str_list({"gristle"}), m.list({G_OA}), m.list({A_CARTILAGE})),
      fb::GlossaryEntry(m.str("osteoarthritis"), m.str("Osteoarthritis"), m.str("Wear of joint cartilage."),
                        m.str_list({"OA"}), m.str_list({"wear and tear arthritis"}), m.list({G_CARTILAGE}),
                        m.list({A_KNEE})),
  };
  m.glossary_keys = {
      fb::GlossaryKey(m.str("cartilage"), G_CARTILAGE, 0, 0, 0), fb::GlossaryKey(m.str("gristle"), G_CARTILAGE, 2, 0, 0),
      fb::GlossaryKey(m.str("oa"), G_OA, 1, 0, 0), fb::GlossaryKey(m.str("osteoarthritis"), G_OA, 0, 0, 0),
      fb::GlossaryKey(m.str("wear and tear arthritis"), G_OA, 2, 0, 0),
  };
  m.references = {
      fb::Reference(m.str("centeno-2016"), fb::ReferenceKind::Study, 0, 2016, m.str("C Centeno, J Pitts"),
                    m.str("Cartilage outcomes"), m.str("J Knee Surg"), m.str("10.1000/xyz"), m.str("12345"), empty,
                    empty),
      fb::Reference(m.str("nhs-2020"), fb::ReferenceKind::Web, 0, 2020, empty, m.str("Knee pain <guide>"),
                    m.str("NHS"), empty, empty, m.str("https://www.nhs.uk/knee?x=1&y=2"), m.str("accessed 2024")),
  };
  return m;
}

// Serialize: index FlatBuffer, frames, header with CRCs (schemas/FORMAT.md).
inline std::vector<uint8_t> serialize(const Model &m) {
  // Frames.
  std::vector<uint8_t> dict;
  if (m.dictionary) {
    std::vector<uint8_t> samples;
    std::vector<size_t> sizes;
    for (int rep = 0; rep < 40; rep++)
      for (const auto &d : m.docs) {
        samples.insert(samples.end(), d.begin(), d.end());
        sizes.push_back(d.size());
      }
    dict.resize(4096);
    size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), samples.data(), sizes.data(),
                                     static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(n)) {
      std::vector<uint8_t> content(samples.begin(), samples.begin() + std::min<size_t>(samples.size(), 2048));
      ZDICT_params_t zp{};
      n = ZDICT_finalizeDictionary(dict.data(), dict.size(), content.data(), content.size(), samples.data(),
                                   sizes.data(), static_cast<unsigned>(sizes.size()), zp);
    }
    if (ZDICT_isError(n)) dict.clear(); else dict.resize(n);
  }
  std::vector<uint8_t> frames;
  std::vector<fb::Frame> frame_rows;
  ZSTD_CCtx *cc = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 3);
  if (!dict.empty()) ZSTD_CCtx_loadDictionary(cc, dict.data(), dict.size());
  uint32_t max_doc = 0;
  for (const auto &d : m.docs) {
    std::vector<uint8_t> out(ZSTD_compressBound(d.size()));
    const size_t n = ZSTD_compress2(cc, out.data(), out.size(), d.data(), d.size());
    out.resize(ZSTD_isError(n) ? 0 : n);
    frame_rows.emplace_back(frames.size(), static_cast<uint32_t>(out.size()), static_cast<uint32_t>(d.size()));
    frames.insert(frames.end(), out.begin(), out.end());
    max_doc = std::max<uint32_t>(max_doc, static_cast<uint32_t>(d.size()));
  }
  ZSTD_freeCCtx(cc);
  if (m.frames_override) frame_rows = m.frames;
  if (m.max_doc_bytes >= 0) max_doc = static_cast<uint32_t>(m.max_doc_bytes);

  flatbuffers::FlatBufferBuilder b;
  auto meta = fb::CreateMetaDirect(b, m.meta_title.c_str(), m.language.c_str(), m.version.c_str(), "CC-BY 4.0",
                                   "Not medical advice.", nullptr, "folio fixture");
  auto strings = b.CreateVector(reinterpret_cast<const uint8_t *>(m.strings.data()), m.strings.size());
  auto u32s = b.CreateVector(m.u32s);
  auto strs = b.CreateVectorOfStructs(m.strs);
  auto articles = b.CreateVectorOfStructs(m.articles);
  auto sections = b.CreateVectorOfStructs(m.sections);
  auto links = b.CreateVectorOfStructs(m.links);
  auto tkeys = b.CreateVectorOfStructs(m.title_keys);
  auto heavy = b.CreateVectorOfStructs(m.heavy);
  auto gloss = b.CreateVectorOfStructs(m.glossary);
  auto gkeys = b.CreateVectorOfStructs(m.glossary_keys);
  auto refs = b.CreateVectorOfStructs(m.references);
  auto topics = b.CreateVectorOfStructs(m.topics);
  auto fr = b.CreateVectorOfStructs(frame_rows);
  flatbuffers::Offset<flatbuffers::Vector<uint8_t>> dv;
  if (!dict.empty()) dv = b.CreateVector(dict);
  auto ix = fb::CreateIndex(b, meta, strings, u32s, strs, articles, sections, links, tkeys, heavy, m.heavy_k, gloss,
                            gkeys, refs, topics, fr, dv, max_doc, 0);
  b.Finish(ix, fb::IndexIdentifier());

  const size_t index_size = b.GetSize();
  const size_t frames_offset = (128 + index_size + 7) & ~size_t(7);
  std::vector<uint8_t> pack(frames_offset + frames.size(), 0);
  std::memcpy(pack.data() + 128, b.GetBufferPointer(), index_size);
  if (!frames.empty()) std::memcpy(pack.data() + frames_offset, frames.data(), frames.size());
  uint8_t *h = pack.data();
  const uint8_t magic[8] = {0x89, 'F', 'O', 'L', 'I', 'O', '\r', '\n'};
  std::memcpy(h, magic, 8);
  put_le(h + 8, m.major, 2);
  put_le(h + 10, m.minor, 2);
  put_le(h + 12, 128, 4);
  put_le(h + 16, pack.size(), 8);
  put_le(h + 24, 128, 8);
  put_le(h + 32, index_size, 8);
  put_le(h + 40, frames_offset, 8);
  put_le(h + 48, frames.size(), 8);
  put_le(h + 56, 0, 4);
  put_le(h + 60, max_doc, 4);
  put_le(h + 64, 0, 4);
  put_le(h + 68, dict.size(), 4);
  put_le(h + 72, dict.empty() ? 0 : 1, 4);
  put_le(h + 76, crc32c(pack.data() + 128, index_size), 4);
  put_le(h + 80, crc32c(pack.data() + frames_offset, frames.size()), 4);
  fix_header_crc(pack);
  return pack;
}

inline std::vector<uint8_t> fixture_pack(bool dictionary = false) {
  Model m = fixture_model();
  m.dictionary = dictionary;
  return serialize(m);
}

// An opened pack: aligned bytes + workspace.
struct Opened {
  Aligned bytes;
  Aligned ws;
  const folio_pack *pack = nullptr;
  folio_reader *reader = nullptr;
  folio_status status = FOLIO_E_ARG;
  explicit Opened(const std::vector<uint8_t> &b, uint32_t flags = 0) : bytes(b) {
    size_t n = folio_workspace_size(bytes.data(), bytes.size());
    ws = Aligned(n ? n : 8);
    status = folio_open(bytes.data(), bytes.size(), ws.data(), ws.size(), flags, &pack, &reader);
  }
};

}  // namespace fixture
}  // namespace folio

#endif  // FOLIO_TESTS_PACK_FIXTURE_H

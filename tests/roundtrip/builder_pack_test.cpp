// Pack writer: header and CRCs, index invariants, frames and documents, determinism, dictionary,
// --max-doc-bytes, JSON Lines input, atomic output, and reading the pack back with the engine.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>

#include <folio/folio.h>
#include <folio/folio_posix.h>
#include <folio/schema/doc_generated.h>
#include <folio/schema/folio_generated.h>
#include <zstd.h>

#include "../unit/builder_test_util.h"
#include "atomic_write.h"
#include "pack_writer.h"

#if defined(__unix__) || defined(__APPLE__)
#include <csignal>
#include <sys/resource.h>
#define FOLIO_TEST_RLIMIT 1
#endif

using namespace folio::tools;
using namespace folio_test;
namespace fb = folio::fb;

namespace {

uint16_t le16(const uint8_t *p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t le32(const uint8_t *p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}
uint64_t le64(const uint8_t *p) { return le32(p) | static_cast<uint64_t>(le32(p + 4)) << 32; }

std::string str(const std::vector<uint8_t> &pack, const fb::Index *ix, const fb::Str *s) {
  (void)pack;
  return std::string(reinterpret_cast<const char *>(ix->strings()->data()) + s->off(), s->len());
}

// Checks the whole layout of FORMAT.md and returns the index.
const fb::Index *check_pack(const std::vector<uint8_t> &p) {
  REQUIRE(p.size() >= 128);
  const uint8_t magic[8] = {0x89, 'F', 'O', 'L', 'I', 'O', 0x0D, 0x0A};
  CHECK(std::memcmp(p.data(), magic, 8) == 0);
  CHECK(le16(&p[8]) == 1);
  CHECK(le16(&p[10]) == 0);
  CHECK(le32(&p[12]) == 128);
  CHECK(le64(&p[16]) == p.size());
  CHECK(le64(&p[24]) == 128);
  const uint64_t index_size = le64(&p[32]), frames_off = le64(&p[40]), frames_size = le64(&p[48]);
  CHECK(frames_off % 8 == 0);
  CHECK(frames_off >= 128 + index_size);
  CHECK(frames_off - (128 + index_size) < 8);
  CHECK(frames_off + frames_size == p.size());
  CHECK(le32(&p[76]) == crc32c(p.data() + 128, index_size));
  CHECK(le32(&p[80]) == crc32c(p.data() + frames_off, frames_size));
  CHECK(le32(&p[124]) == crc32c(p.data(), 124));
  for (size_t i = 84; i < 124; ++i) CHECK(p[i] == 0);
  // workspace_size: the bound of every engine build (not this host's figure, so packs match across hosts),
  // and this engine stays within it
  CHECK(le32(&p[56]) == FOLIO_WORKSPACE_BOUND(le32(&p[60]), le32(&p[64])));
  CHECK(folio_workspace_size(p.data(), p.size()) <= le32(&p[56]));
  flatbuffers::Verifier v(p.data() + 128, index_size);
  REQUIRE(fb::VerifyIndexBuffer(v));
  const fb::Index *ix = fb::GetIndex(p.data() + 128);
  CHECK(ix->max_doc_bytes() == le32(&p[60]));
  CHECK((ix->dictionary() ? ix->dictionary()->size() : 0) == le32(&p[68]));
  CHECK((le32(&p[72]) & 1) == (ix->dictionary() ? 1u : 0u));
  // Articles sorted by slug; frames inside the frame area; documents verify and belong to their article.
  const auto *arts = ix->articles();
  REQUIRE(arts);
  for (uint32_t i = 1; i < arts->size(); ++i)
    CHECK(str(p, ix, &arts->Get(i - 1)->slug()) < str(p, ix, &arts->Get(i)->slug()));
  ZSTD_DCtx *dctx = ZSTD_createDCtx();
  for (uint32_t i = 0; i < arts->size(); ++i) {
    const fb::Frame *f = ix->frames()->Get(arts->Get(i)->frame());
    REQUIRE(f->offset() + f->csize() <= frames_size);
    std::vector<uint8_t> doc(f->dsize());
    const uint8_t *src = p.data() + frames_off + f->offset();
    CHECK(ZSTD_getFrameContentSize(src, f->csize()) == f->dsize());
    size_t n;
    if (ix->dictionary())
      n = ZSTD_decompress_usingDict(dctx, doc.data(), doc.size(), src, f->csize(), ix->dictionary()->data(),
                                    ix->dictionary()->size());
    else
      n = ZSTD_decompressDCtx(dctx, doc.data(), doc.size(), src, f->csize());
    REQUIRE_FALSE(ZSTD_isError(n));
    REQUIRE(n == f->dsize());
    CHECK(f->dsize() <= ix->max_doc_bytes());
    flatbuffers::Verifier dv(doc.data(), doc.size());
    REQUIRE(fb::VerifyDocBuffer(dv));
    const fb::Doc *d = fb::GetDoc(doc.data());
    CHECK(d->article() == i);
    for (const fb::Span *s : *d->spans()) CHECK(s->text().off() + s->text().len() <= d->text()->size());
  }
  ZSTD_freeDCtx(dctx);
  // Sorted key vectors.
  const auto *tk = ix->title_keys();
  for (uint32_t i = 1; i < tk->size(); ++i) {
    const std::string a = str(p, ix, &tk->Get(i - 1)->key()), b = str(p, ix, &tk->Get(i)->key());
    CHECK(a <= b);
    if (a == b) CHECK(tk->Get(i - 1)->rank() >= tk->Get(i)->rank());
  }
  const auto *gk = ix->glossary_keys();
  for (uint32_t i = 1; i < gk->size(); ++i)
    CHECK(str(p, ix, &gk->Get(i - 1)->key()) <= str(p, ix, &gk->Get(i)->key()));
  const auto *refs = ix->references();
  for (uint32_t i = 1; i < refs->size(); ++i)
    CHECK(str(p, ix, &refs->Get(i - 1)->id()) < str(p, ix, &refs->Get(i)->id()));
  return ix;
}

std::vector<uint8_t> build_to_memory(const std::string &root, Diagnostics &d, BuildStats *st, bool dict = true,
                                     uint32_t max_doc = 96 * 1024) {
  Content c = load_content(root, d);
  validate_content(c, d);
  REQUIRE(d.errors() == 0);
  BuildOptions o;
  o.allow_dictionary = dict;
  o.max_doc_bytes = max_doc;
  return build_pack(c, o, d, st);
}

// A corpus of similar articles as JSON Lines, so a dictionary pays off.
std::string similar_corpus(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "{\"slug\":\"doc-" + std::to_string(1000 + i) + "\",\"title\":\"Knee topic number " + std::to_string(i) +
           "\",\"summary\":\"A summary.\",\"topics\":[\"knees\"],\"body\":\"Intro paragraph about the knee joint and "
           "how it works for topic " + std::to_string(i) +
           ".\\n\\n## Symptoms\\n\\nPain, swelling and stiffness are the common symptoms of knee trouble. "
           "Most people feel better with rest, ice and gentle exercise over a few weeks.\\n\\n## Treatment\\n\\n"
           "- Rest and ice\\n- Physiotherapy and exercise\\n- Pain relief from a pharmacist\\n\\n"
           "See [the next topic](doc-" + std::to_string(1000 + (i + 1) % n) + ") for more.\"}\n";
  }
  return out;
}

}  // namespace

TEST_CASE("crc32c check value", "[builder]") { CHECK(crc32c("123456789", 9) == 0xE3069283u); }

TEST_CASE("fixture pack: layout, index rows and documents", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  Diagnostics d;
  BuildStats st;
  const std::vector<uint8_t> p = build_to_memory(t.path(), d, &st);
  REQUIRE_FALSE(p.empty());
  const fb::Index *ix = check_pack(p);
  CHECK(ix->articles()->size() == 3);
  CHECK(ix->sections()->size() == 5 + 2 + 1);
  CHECK(ix->heavy_k() == 16);
  CHECK(st.dictionary_used == false);  // 3 samples: too few to train
  CHECK(ix->dictionary() == nullptr);
  CHECK(ix->meta()->build_time() == nullptr);
  CHECK(ix->meta()->title()->str() == "Test pack");
  // alpha: sources in citation order (ref-one cited first, ref-two second).
  const fb::Article *alpha = ix->articles()->Get(0);
  REQUIRE(alpha->sources().count() == 2);
  CHECK(str(p, ix, &ix->references()->Get(ix->u32s()->Get(alpha->sources().off()))->id()) == "ref-one");
  CHECK(str(p, ix, &ix->references()->Get(ix->u32s()->Get(alpha->sources().off() + 1))->id()) == "ref-two");
  // Sections: lead first, parent of the ### is the first ##, the clinician flag, nocite flag.
  const uint32_t s0 = alpha->sections().off();
  CHECK(ix->sections()->Get(s0)->level() == 0);
  CHECK(ix->sections()->Get(s0 + 2)->parent() == s0 + 1);
  CHECK(ix->sections()->Get(s0 + 2)->audience() == fb::Audience::Clinician);
  CHECK(ix->sections()->Get(s0 + 1)->audience() == fb::Audience::Both);
  CHECK(ix->sections()->Get(s0 + 4)->flags() == 1);
  CHECK(str(p, ix, &ix->sections()->Get(s0 + 3)->anchor()) == "how-it-works-2");
  // Links: alpha → beta#details; beta's backlinks = [alpha].
  const fb::Article *beta = ix->articles()->Get(1);
  REQUIRE(alpha->links().count() == 1);
  const fb::Link *l = ix->links()->Get(alpha->links().off());
  CHECK(l->target() == 1);
  CHECK(l->section() == beta->sections().off() + 1);
  CHECK(l->from_section() == s0 + 1);
  REQUIRE(beta->backlinks().count() == 1);
  CHECK(ix->u32s()->Get(beta->backlinks().off()) == 0);
  // Topics sorted by name: basics, knees.
  REQUIRE(ix->topics()->size() == 2);
  CHECK(str(p, ix, &ix->topics()->Get(0)->name()) == "basics");
  CHECK(ix->topics()->Get(1)->articles().count() == 2);
  // Title keys include the title, the alias and inner-word suffixes.
  std::vector<std::pair<std::string, int>> keys;
  for (const fb::TitleKey *k : *ix->title_keys()) keys.emplace_back(str(p, ix, &k->key()), k->kind());
  CHECK(std::count(keys.begin(), keys.end(), std::make_pair(std::string("alpha knees"), 0)) == 1);
  CHECK(std::count(keys.begin(), keys.end(), std::make_pair(std::string("knees"), 2)) == 1);
  CHECK(std::count(keys.begin(), keys.end(), std::make_pair(std::string("first article"), 1)) == 1);
  // Glossary keys: term, abbreviation, everyday words (folded).
  std::vector<std::string> gkeys;
  for (const fb::GlossaryKey *k : *ix->glossary_keys()) gkeys.push_back(str(p, ix, &k->key()));
  CHECK(std::find(gkeys.begin(), gkeys.end(), "kneecap") != gkeys.end());
  CHECK(std::find(gkeys.begin(), gkeys.end(), "ac") != gkeys.end());
  CHECK(std::find(gkeys.begin(), gkeys.end(), "patella") != gkeys.end());
  // The string pool de-duplicates: "Health Body" is both author and publisher of ref-two.
  const fb::Reference *r2 = ix->references()->Get(2);
  CHECK(str(p, ix, &r2->id()) == "ref-two");
  CHECK(r2->authors().off() == r2->container().off());
  CHECK(st.text_bytes > 0);
  CHECK(st.raw_bytes > st.text_bytes / 2);
}

TEST_CASE("heavy prefixes: every prefix over 64 keys gets a top-16 list", "[builder]") {
  TempDir t;
  write_file(t / "corpus.jsonl", similar_corpus(80));
  Diagnostics d;
  Content c = load_content(t / "corpus.jsonl", d);
  validate_content(c, d);
  REQUIRE(d.errors() == 0);
  BuildStats st;
  const std::vector<uint8_t> p = build_pack(c, BuildOptions(), d, &st);
  const fb::Index *ix = check_pack(p);
  REQUIRE(ix->heavy_prefixes());
  std::vector<std::string> prefixes;
  for (const fb::HeavyPrefix *h : *ix->heavy_prefixes()) {
    prefixes.push_back(str(p, ix, &h->prefix()));
    CHECK(h->top().count() == 16);
    // The top list is unique per article.
    std::vector<uint32_t> arts;
    for (uint32_t i = 0; i < h->top().count(); ++i)
      arts.push_back(ix->title_keys()->Get(ix->u32s()->Get(h->top().off() + i))->article());
    std::sort(arts.begin(), arts.end());
    CHECK(std::unique(arts.begin(), arts.end()) == arts.end());
  }
  // All 80 titles start with "knee topic number": k, kn, ..., "knee topic number" are heavy.
  CHECK(std::find(prefixes.begin(), prefixes.end(), "k") != prefixes.end());
  CHECK(std::find(prefixes.begin(), prefixes.end(), "knee topic number") != prefixes.end());
  CHECK(std::is_sorted(prefixes.begin(), prefixes.end()));
  CHECK(std::find(prefixes.begin(), prefixes.end(), "knee topic number 1") == prefixes.end());  // 11 keys only
}

TEST_CASE("builds are byte-identical, --timestamp is the only way to add a time", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  CHECK(run_build({t / "", "-o", t / "a.folio", "--quiet"}) == 0);
  CHECK(run_build({t.path(), "-o", t / "b.folio", "--quiet"}) == 0);
  const auto a = read_bytes(t / "a.folio"), b = read_bytes(t / "b.folio");
  REQUIRE(!a.empty());
  CHECK(a == b);
  CHECK(run_build({t.path(), "-o", t / "c.folio", "--quiet", "--timestamp", "2026-11-23T00:00:00Z"}) == 0);
  const auto cpack = read_bytes(t / "c.folio");
  CHECK(cpack != a);
  const fb::Index *ix = check_pack(cpack);
  REQUIRE(ix->meta()->build_time());
  CHECK(ix->meta()->build_time()->str() == "2026-11-23T00:00:00Z");
}

TEST_CASE("build --level: a draft build is deterministic and reads as the default build does", "[builder]") {
  TempDir t;
  write_file(t / "c.jsonl", similar_corpus(40));
  CHECK(run_build({t / "c.jsonl", "-o", t / "d.folio", "--quiet"}) == 0);
  CHECK(run_build({t / "c.jsonl", "-o", t / "a.folio", "--quiet", "--level", "1"}) == 0);
  CHECK(run_build({t / "c.jsonl", "-o", t / "b.folio", "--quiet", "--level", "1"}) == 0);
  const auto def = read_bytes(t / "d.folio"), l1 = read_bytes(t / "a.folio");
  REQUIRE(!l1.empty());
  CHECK(l1 == read_bytes(t / "b.folio"));  // the same content and level: the same bytes
  CHECK(l1 != def);                         // the level reached the compressor
  CHECK(l1.size() > def.size());            // level 19 (the default) compresses these pages better
  check_pack(l1);
  // Out of range or not a number: a usage error, nothing written.
  for (const char *bad : {"0", "20", "-3", "fast"}) {
    INFO("--level " << bad);
    CHECK(run_build({t / "c.jsonl", "-o", t / "x.folio", "--quiet", "--level", bad}) == 2);
    CHECK_FALSE(fs::exists(t / "x.folio"));
  }
  // The engine reads both packs alike: every article's text, and searches with snippets (the snippet
  // source is compressed at the build's level too).
  struct Open {
    std::vector<uint8_t> bytes;
    std::vector<uint64_t> ws;
    const folio_pack *p = nullptr;
    folio_reader *r = nullptr;
    explicit Open(const std::vector<uint8_t> &b) : bytes(b) {
      ws.resize((folio_workspace_size(bytes.data(), bytes.size()) + 7) / 8);
      REQUIRE(!ws.empty());
      REQUIRE(folio_open(bytes.data(), bytes.size(), ws.data(), ws.size() * 8, FOLIO_OPEN_VERIFY_CHECKSUM, &p, &r) ==
              FOLIO_OK);
      REQUIRE(folio_verify(r, nullptr) == FOLIO_OK);
    }
    std::string text(uint32_t article) {
      std::vector<char> out(64 * 1024);
      size_t len = 0;
      REQUIRE(folio_render(r, article, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, out.data(), out.size(), &len) == FOLIO_OK);
      return std::string(out.data(), len);
    }
    std::string search(const std::string &q) {
      folio_search_hit hits[10];
      folio_search_result res;
      char snip[8192];
      REQUIRE(folio_search(r, q.data(), q.size(), 0, hits, 10, snip, sizeof snip, &res) == FOLIO_OK);
      std::string s;
      for (uint32_t i = 0; i < res.hit_count; ++i)
        s += std::to_string(hits[i].section) + " " + std::to_string(hits[i].score) + " " +
             std::string(snip + hits[i].snippet_off, hits[i].snippet_len) + "\n";
      return s;
    }
  } d(def), a(l1);
  folio_info info;
  REQUIRE(folio_pack_info(d.p, &info) == FOLIO_OK);
  REQUIRE(info.article_count == 40);
  for (uint32_t i = 0; i < info.article_count; ++i) {
    INFO("article " << i);
    CHECK(a.text(i) == d.text(i));
  }
  for (const char *q : {"swelling", "knee pain exercise", "topic 7", "physiotherapy"}) {
    INFO(q);
    const std::string hits = d.search(q);
    CHECK(!hits.empty());
    CHECK(a.search(q) == hits);
  }
}

// Sets (or with NULL, removes) an environment variable for the rest of a scope.
class ScopedEnv {
 public:
  ScopedEnv(const char *name, const char *value) : name_(name) { set(value); }
  ~ScopedEnv() { set(nullptr); }
  ScopedEnv(const ScopedEnv &) = delete;
  ScopedEnv &operator=(const ScopedEnv &) = delete;

 private:
  void set(const char *value) {
#ifdef _WIN32
    _putenv_s(name_, value ? value : "");
#else
    if (value)
      setenv(name_, value, 1);
    else
      unsetenv(name_);
#endif
  }
  const char *name_;
};

TEST_CASE("build --threads: the pack's bytes do not depend on how many threads build it", "[builder]") {
  // 300 articles: the dictionary is trained, the sample compressed both ways, then the rest; each stage
  // shares the documents out among the threads in whatever order they come. With a lexicon, whose words
  // the threads also share out (which of them a typo correction would change goes into the pack).
  TempDir t;
  write_file(t / "c.jsonl", similar_corpus(300));
  write_file(t / "lex.txt", "knee\nknees\nkneel\nknew\npain\npaint\nrest\nrust\nice\nnice\nslice\ntopic\n"
                            "tropic\ntopical\nswelling\nswelled\nsmelling\nexercise\nexorcise\nsummary\n");
  const std::string lex = t / "lex.txt";
  CHECK(run_build({t / "c.jsonl", "-o", t / "one.folio", "--quiet", "--level", "3", "--threads", "1", "--lexicon", lex}) == 0);
  CHECK(run_build({t / "c.jsonl", "-o", t / "four.folio", "--quiet", "--level", "3", "--threads", "4", "--lexicon", lex}) == 0);
  CHECK(run_build({t / "c.jsonl", "-o", t / "seven.folio", "--quiet", "--level", "3", "--threads", "7", "--no-dictionary"}) == 0);
  CHECK(run_build({t / "c.jsonl", "-o", t / "plain.folio", "--quiet", "--level", "3", "--threads", "1", "--no-dictionary"}) == 0);
  {
    const ScopedEnv none("FOLIO_BUILD_THREADS", nullptr);
    CHECK(run_build({t / "c.jsonl", "-o", t / "auto.folio", "--quiet", "--level", "3", "--lexicon", lex}) == 0);
  }
  const auto one = read_bytes(t / "one.folio");
  REQUIRE(!one.empty());
  const fb::Index *ix = check_pack(one);
  REQUIRE(ix->dictionary());  // the dictionary path was taken
  REQUIRE(ix->search());
  REQUIRE(ix->search()->lexicon());  // and the lexicon filter's: some of its words are a typo away
  CHECK(ix->search()->lexicon()->size() > 8);
  CHECK(read_bytes(t / "four.folio") == one);
  CHECK(read_bytes(t / "auto.folio") == one);
  CHECK(read_bytes(t / "seven.folio") == read_bytes(t / "plain.folio"));
  CHECK(read_bytes(t / "seven.folio") != one);
  for (const char *bad : {"0", "257", "many"}) {
    INFO("--threads " << bad);
    CHECK(run_build({t / "c.jsonl", "-o", t / "x.folio", "--quiet", "--level", "3", "--threads", bad}) == 2);
    CHECK_FALSE(fs::exists(t / "x.folio"));
  }
  // FOLIO_BUILD_THREADS sets the default (as ZSTD_NBTHREADS does zstd's); --threads overrides it
  {
    const ScopedEnv three("FOLIO_BUILD_THREADS", "3");
    CHECK(run_build({t / "c.jsonl", "-o", t / "env.folio", "--quiet", "--level", "3", "--lexicon", lex}) == 0);
    CHECK(read_bytes(t / "env.folio") == one);
  }
  for (const char *bad : {"0", "257", "two", "-1", "1x", "0003"}) {
    INFO("FOLIO_BUILD_THREADS=" << bad);
    const ScopedEnv env("FOLIO_BUILD_THREADS", bad);
    CHECK(run_build({t / "c.jsonl", "-o", t / "x.folio", "--quiet"}) == 2);
    CHECK_FALSE(fs::exists(t / "x.folio"));
    CHECK(run_build({t / "c.jsonl", "-o", t / "x.folio", "--quiet", "--level", "3", "--threads", "2", "--no-dictionary"}) == 0);
    CHECK(read_bytes(t / "x.folio") == read_bytes(t / "plain.folio"));
    fs::remove(t / "x.folio");
  }
}

TEST_CASE("bundled content: lint result is stable and builds are reproducible", "[builder]") {
  const std::string content = std::string(FOLIO_SOURCE_DIR) + "/content";
  TempDir t;
  // The bundled content must pass every check: a lint error here is a failure, not a skip.
  REQUIRE(run_build({content, "-o", t / "a.folio", "--quiet"}) == 0);
  const auto a = read_bytes(t / "a.folio");
  // The second build is the one the build system ran before the tests, in another process of the folio
  // CLI (FOLIO_CONTENT_PACK): the same bytes from two runs is determinism, for the cost of one build
  // (a content build is the slowest step of this suite under ASan or qemu).
  const auto b = read_bytes(FOLIO_CONTENT_PACK);
  REQUIRE(!b.empty());
  // sizes and the first differing offset, not CHECK(a == b): Catch2 would print both 300 KB vectors
  // element by element (12 minutes when a stale test pack made them differ)
  CHECK(a.size() == b.size());
  const auto diff = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  CHECK(static_cast<size_t>(diff.first - a.begin()) == a.size());
  check_pack(a);
}

TEST_CASE("failed build writes nothing and leaves an existing output untouched", "[builder]") {
  TempDir t;
  write_fixture(t / "src");
  write_file(t / "src/articles/bad.md", "---\nslug: bad\n---\nNo title.\n");
  write_file(t / "out.folio", "OLD CONTENTS");
  CHECK(run_build({t / "src", "-o", t / "out.folio", "--quiet"}) == 2);
  CHECK(read_file(t / "out.folio") == "OLD CONTENTS");
  CHECK(run_build({t / "src", "-o", t / "new.folio", "--quiet"}) == 2);
  CHECK_FALSE(fs::exists(t / "new.folio"));
  for (const auto &e : fs::directory_iterator(t.path()))
    CHECK_FALSE(contains(e.path().filename().string(), ".tmp."));
  // Usage errors and a missing input are exit code 2 too.
  CHECK(run_build({t / "does-not-exist", "-o", t / "x.folio", "--quiet"}) == 2);
  CHECK(run_build({"--no-such-flag"}) == 2);
  // A successful build replaces the old file.
  fs::remove(t / "src/articles/bad.md");
  CHECK(run_build({t / "src", "-o", t / "out.folio", "--quiet"}) == 0);
  CHECK(read_file(t / "out.folio") != "OLD CONTENTS");
}

TEST_CASE("atomic write: failure removes the temp file and keeps the target", "[builder]") {
  TempDir t;
  const std::vector<uint8_t> bytes = {1, 2, 3};
  CHECK_THROWS(write_file_atomic(t / "missing-dir/out.folio", bytes));
  CHECK_FALSE(fs::exists(t / "missing-dir"));
  write_file_atomic(t / "ok.folio", bytes);
  CHECK(read_bytes(t / "ok.folio") == bytes);
  // Target is a directory: rename fails, the temp file is cleaned up.
  fs::create_directories(t / "dir.folio/x");
  CHECK_THROWS(write_file_atomic(t / "dir.folio", bytes));
  CHECK(fs::is_directory(t / "dir.folio"));
  for (const auto &e : fs::directory_iterator(t.path()))
    CHECK_FALSE(contains(e.path().filename().string(), ".tmp."));
}

TEST_CASE("atomic write: a UTF-8 path outside ASCII names the same file for the writer, the file port and the directory", "[builder]") {
  // On Windows the writer and the file port widen UTF-8 to UTF-16 themselves (CreateFileW), and the
  // programs' manifest makes the narrow CRT calls UTF-8 too; a path in the ANSI code page would have
  // made "caf\xC3\xA9" two characters of Latin-1.
  TempDir t;
  const std::string name = "caf\xC3\xA9-\xCF\x80\xCE\xB1\xCE\xBA\xCE\xAD\xCF\x84\xCE\xBF-\xE8\x86\x9D.folio";  // café-πακέτο-膝
  std::vector<uint8_t> pack(4099);
  for (size_t i = 0; i < pack.size(); ++i) pack[i] = static_cast<uint8_t>(i * 7 + 1);
  write_file_atomic(t / name, pack);
  std::vector<std::string> names;
  for (const auto &e : fs::directory_iterator(t.path())) {
    const auto u8 = e.path().filename().u8string();
    names.emplace_back(u8.begin(), u8.end());
  }
  REQUIRE(names.size() == 1);
  CHECK(names[0] == name);
  CHECK(read_bytes(t / name) == pack);
  // the engine's file port opens it by the same UTF-8 bytes
  std::vector<uint64_t> buf(pack.size() / 8 + 1);
  folio_posix_file f;
  REQUIRE(folio_posix_read((t / name).c_str(), buf.data(), buf.size() * 8, &f) == 0);
  CHECK(f.size == pack.size());
  CHECK(std::memcmp(buf.data(), pack.data(), pack.size()) == 0);
  // a second write replaces it in place of adding a file
  write_file_atomic(t / name, pack);
  CHECK(std::distance(fs::directory_iterator(t.path()), fs::directory_iterator()) == 1);
#ifdef _WIN32
  // bytes that are not UTF-8 cannot name a Windows file: refused before anything is created
  try {
    write_file_atomic(t / "bad\xFF.folio", pack);
    FAIL("a path that is not UTF-8 was accepted");
  } catch (const std::runtime_error &e) {
    CHECK(contains(e.what(), "not valid UTF-8"));
  }
  CHECK(std::distance(fs::directory_iterator(t.path()), fs::directory_iterator()) == 1);
#endif
}

#ifdef FOLIO_TEST_RLIMIT
TEST_CASE("atomic write: a write that fails half-way leaves the old file and no temp file", "[builder]") {
  // A file size limit makes write() fail with EFBIG after the first 64 KiB of a 1 MiB pack (as a full
  // disk would with ENOSPC); SIGXFSZ is ignored so the process sees the error instead of dying.
  TempDir t;
  write_file(t / "out.folio", "OLD CONTENTS");
  const std::vector<uint8_t> bytes(1u << 20, 0xAB);
  struct rlimit old_lim;
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old_lim) == 0);
  void (*old_handler)(int) = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit lim = old_lim;
  lim.rlim_cur = 64 * 1024;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &lim) == 0);
  std::string what;
  try {
    write_file_atomic(t / "out.folio", bytes);
  } catch (const std::exception &e) {
    what = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &old_lim);
  std::signal(SIGXFSZ, old_handler);
  CHECK(contains(what, "cannot write"));
  CHECK(read_file(t / "out.folio") == "OLD CONTENTS");
  for (const auto &e : fs::directory_iterator(t.path()))
    CHECK_FALSE(contains(e.path().filename().string(), ".tmp."));
  // with the limit lifted the same write succeeds
  write_file_atomic(t / "out.folio", bytes);
  CHECK(read_bytes(t / "out.folio") == bytes);
}
#endif

TEST_CASE("max-doc-bytes: a large article is refused with path:1", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  std::string body = "---\nslug: huge\ntitle: Huge\nsummary: S.\naudience: clinician\nupdated: 2024-01-01\n"
                     "sources: [ref-three]\n---\n";
  for (int i = 0; i < 200; ++i) body += "This is sentence " + std::to_string(i) + " of a long article. [@ref-three]\n\n";
  write_file(t / "articles/huge.md", body);
  Diagnostics d;
  Content c = load_content(t.path(), d);
  validate_content(c, d);
  REQUIRE(d.errors() == 0);
  BuildOptions o;
  o.max_doc_bytes = 4096;
  BuildStats st;
  CHECK(build_pack(c, o, d, &st).empty());
  INFO(d.format());
  CHECK(contains(d.format(), (t / "articles/huge.md") + ":1: error: article document is "));
  CHECK(contains(d.format(), "above the limit"));
  CHECK(d.errors() == 1);  // the other articles are small
  // Through the command: exit 2, nothing written; the default limit accepts it.
  CHECK(run_build({t.path(), "-o", t / "p.folio", "--quiet", "--max-doc-bytes", "4096"}) == 2);
  CHECK_FALSE(fs::exists(t / "p.folio"));
  CHECK(run_build({t.path(), "-o", t / "p.folio", "--quiet"}) == 0);
}

TEST_CASE("dictionary: used when it makes the pack smaller, absent with --no-dictionary", "[builder]") {
  TempDir t;
  write_file(t / "corpus.jsonl", similar_corpus(40));
  CHECK(run_build({t / "corpus.jsonl", "-o", t / "d.folio", "--quiet"}) == 0);
  CHECK(run_build({t / "corpus.jsonl", "-o", t / "n.folio", "--quiet", "--no-dictionary"}) == 0);
  const auto withd = read_bytes(t / "d.folio"), nod = read_bytes(t / "n.folio");
  const fb::Index *a = check_pack(withd);
  const fb::Index *b = check_pack(nod);
  REQUIRE(a->dictionary());
  CHECK(a->dictionary()->size() > 0);
  CHECK((le32(&withd[72]) & 1) == 1);
  CHECK(b->dictionary() == nullptr);
  CHECK(le32(&nod[72]) == 0);
  CHECK(le32(&nod[68]) == 0);
  CHECK(withd.size() < nod.size());
  // The engine decodes every frame through the dictionary.
  std::vector<uint8_t> p = withd;
  const size_t ws_len = folio_workspace_size(p.data(), p.size());
  REQUIRE(ws_len > 0);
  std::vector<uint64_t> ws((ws_len + 7) / 8);
  const folio_pack *pk = nullptr;
  folio_reader *rd = nullptr;
  REQUIRE(folio_open(p.data(), p.size(), ws.data(), ws.size() * 8, FOLIO_OPEN_VERIFY_CHECKSUM, &pk, &rd) == FOLIO_OK);
  uint32_t bad = 0;
  CHECK(folio_verify(rd, &bad) == FOLIO_OK);
  std::vector<char> text(64 * 1024);
  size_t len = 0;
  REQUIRE(folio_render(rd, 3, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, text.data(), text.size(), &len) == FOLIO_OK);
  CHECK(contains(std::string(text.data(), len), "Pain, swelling and stiffness"));
}

TEST_CASE("help: build and lint --help exit 0", "[builder]") {
  CHECK(run_build({"--help"}) == 0);
  CHECK(run_lint({"--help"}) == 0);
}

TEST_CASE("JSON Lines corpus: records become articles, bad lines are reported as file:line", "[builder]") {
  TempDir t;
  const std::string f = t / "c.jsonl";
  write_file(f,
             "{\"slug\":\"one\",\"title\":\"One\",\"body\":\"Hello *world*.\\n\\n## Part\\n\\nText [two](two).\","
             "\"aliases\":[\"First\"],\"topics\":[\"misc\"]}\n"                 // 1 ok
             "{\"slug\":\"two\",\"title\":\"Two\",\"body\":\"Body [gone](nowhere) [@x].\"}\n"  // 2 ok (warning)
             "{not json}\n"                                                     // 3
             "{\"slug\":\"three\",\"body\":\"x\"}\n"                            // 4 missing title
             "{\"slug\":\"one\",\"title\":\"Again\",\"body\":\"x\"}\n"          // 5 duplicate slug
             "\n"                                                               // 6 blank: ignored
             "{\"slug\":\"Bad Slug\",\"title\":\"B\",\"body\":\"x\"}\n"         // 7
             "{\"slug\":\"u\",\"title\":\"\xC3\x28\",\"body\":\"x\"}\n"         // 8 invalid UTF-8
             "{\"slug\":\"v\",\"title\":\"V\",\"body\":\"x\",\"aliases\":\"notalist\"}\n"  // 9
             "[1,2]\n");                                                        // 10 not an object
  Diagnostics d;
  Content c = load_content(f, d);
  validate_content(c, d);
  const std::string out = d.format();
  INFO(out);
  CHECK(contains(out, f + ":3: error: invalid JSON"));
  CHECK(contains(out, f + ":4: error: missing required field 'title'"));
  CHECK(contains(out, f + ":5: error: duplicate slug 'one'"));
  CHECK(contains(out, f + ":7: error: bad slug 'Bad Slug'"));
  CHECK(contains(out, f + ":8: error: invalid UTF-8"));
  CHECK(contains(out, f + ":9: error: field 'aliases' must be a list of strings"));
  CHECK(contains(out, f + ":10: error: each line must be a JSON object"));
  CHECK(contains(out, f + ":2: warning: link to unknown article 'nowhere'"));
  CHECK(d.errors() == 7);
  CHECK(run_build({f, "-o", t / "x.folio", "--quiet"}) == 2);
  CHECK_FALSE(fs::exists(t / "x.folio"));

  // The good records alone build; citations stay literal text, no citation lint for JSONL.
  write_file(f,
             "{\"slug\":\"one\",\"title\":\"One\",\"body\":\"Hello *world*.\\n\\n## Part\\n\\nText [two](two).\","
             "\"aliases\":[\"First\"],\"topics\":[\"misc\"]}\n"
             "{\"slug\":\"two\",\"title\":\"Two\",\"body\":\"Body with the FDA [@x].\"}\n");
  CHECK(run_build({f, "-o", t / "ok.folio", "--quiet"}) == 0);
  const auto p = read_bytes(t / "ok.folio");
  const fb::Index *ix = check_pack(p);
  REQUIRE(ix->articles()->size() == 2);
  CHECK(ix->meta()->title()->str() == "c");
  CHECK(ix->sections()->size() == 3);
  CHECK(ix->articles()->Get(0)->links().count() == 1);

  // Diagnostics inside a multi-line body point at the record's line; '#' headings are accepted.
  write_file(f, "{\"slug\":\"a\",\"title\":\"A\",\"body\":\"x\"}\n"
                "{\"slug\":\"b\",\"title\":\"B\",\"body\":\"# Top\\n\\nline\\n\\nmore [[nothing]] here\"}\n");
  Diagnostics d2;
  Content c2 = load_content(f, d2);
  validate_content(c2, d2);
  INFO(d2.format());
  CHECK(d2.errors() == 0);
  CHECK(contains(d2.format(), f + ":2: warning: unknown glossary term 'nothing'"));
  REQUIRE(c2.articles[1].sections.size() == 2);
  CHECK(c2.articles[1].sections[1].level == 2);
}

TEST_CASE("the engine opens the pack and reads it back", "[builder]") {
  TempDir t;
  write_fixture(t.path());
  Diagnostics d;
  BuildStats st;
  std::vector<uint8_t> p = build_to_memory(t.path(), d, &st);
  REQUIRE_FALSE(p.empty());
  const size_t ws_len = folio_workspace_size(p.data(), p.size());
  REQUIRE(ws_len > 0);
  // the header records the bound of every engine build, the same on every host; this engine's need is within
  CHECK(le32(&p[56]) == FOLIO_WORKSPACE_BOUND(le32(&p[60]), le32(&p[64])));
  CHECK(ws_len <= le32(&p[56]));
  CHECK(st.workspace_bytes == ws_len);
  std::vector<uint64_t> ws((ws_len + 7) / 8);
  const folio_pack *pk = nullptr;
  folio_reader *rd = nullptr;
  REQUIRE(folio_open(p.data(), p.size(), ws.data(), ws.size() * 8, FOLIO_OPEN_VERIFY_CHECKSUM, &pk, &rd) == FOLIO_OK);
  folio_article a;
  REQUIRE(folio_lookup_slug(pk, "beta", 4, &a) == FOLIO_OK);
  CHECK(a.id == 1);
  CHECK(std::string(a.title.ptr, a.title.len) == "Beta joints");
  CHECK(a.backlink_count == 1);
  folio_reference r;
  REQUIRE(folio_lookup_slug(pk, "alpha", 5, &a) == FOLIO_OK);
  REQUIRE(folio_article_source(pk, a.id, 0, &r) == FOLIO_OK);
  CHECK(std::string(r.key.ptr, r.key.len) == "ref-one");
  folio_section s;
  REQUIRE(folio_resolve(pk, "alpha#deep", 10, &a, &s) == FOLIO_OK);
  CHECK(s.level == 3);
  uint32_t bad = 0;
  CHECK(folio_verify(rd, &bad) == FOLIO_OK);
}

TEST_CASE("odd Markdown still yields a pack the engine verifies and renders", "[builder]") {
  const char *bodies[] = {
      "",
      "## X {#only-attrs}",
      "## Heading {#a .nocite .clinician}\\n\\n## Heading\\n\\n## Heading",
      "> quote\\n> - list in quote\\n>   1. nested ordered\\n>\\n> > deeper quote",
      "- a\\n\\n  second paragraph of a\\n\\n  ```\\n  code in list\\n  ```\\n- b\\n  | t | u |\\n  |---|---|\\n  | 1 | 2 |",
      "[@ unterminated and [@a; @b and [@c] and `[@code]`",
      "5. five\\n6. six\\n\\n***\\n\\ntext  \\nbreak\\\\\\nbreak2",
      "&amp; &copy; &#169; &#x1F600; &bogus; <b>html</b> ![img](x.png)",
      "[[x]] [[y|shown]] [link](#nope) [ext](mailto:a@b.c) https://example.org/auto",
      "| a |\\n|:-:|\\n| **b** *c* `d` ~~e~~ |",
      "# h1\\n## h2\\n### h3\\n#### h4\\n##### h5\\n###### h6\\n####### not a heading",
      "\\u00e9t\\u00e9 \\u4e2d\\u6587 caf\\u00e9 \\u0000 nul",
  };
  std::string corpus;
  int i = 0;
  for (const char *b : bodies) {
    corpus += "{\"slug\":\"odd-" + std::to_string(i) + "\",\"title\":\"Odd " + std::to_string(i) +
              "\",\"body\":\"" + b + "\"}\n";
    ++i;
  }
  TempDir t;
  write_file(t / "odd.jsonl", corpus);
  Diagnostics d;
  Content c = load_content(t / "odd.jsonl", d);
  validate_content(c, d);
  INFO(d.format());
  REQUIRE(d.errors() == 0);
  REQUIRE(c.articles.size() == sizeof bodies / sizeof bodies[0]);
  BuildStats st;
  std::vector<uint8_t> p = build_pack(c, BuildOptions(), d, &st);
  REQUIRE_FALSE(p.empty());
  check_pack(p);
  const size_t ws_len = folio_workspace_size(p.data(), p.size());
  std::vector<uint64_t> ws((ws_len + 7) / 8);
  const folio_pack *pk = nullptr;
  folio_reader *rd = nullptr;
  REQUIRE(folio_open(p.data(), p.size(), ws.data(), ws.size() * 8, FOLIO_OPEN_VERIFY_CHECKSUM, &pk, &rd) == FOLIO_OK);
  uint32_t bad = 0;
  CHECK(folio_verify(rd, &bad) == FOLIO_OK);
  std::vector<char> out(256 * 1024);
  for (uint32_t a = 0; a < c.articles.size(); ++a) {
    size_t len = 0;
    CHECK(folio_render(rd, a, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, out.data(), out.size(), &len) == FOLIO_OK);
    CHECK(folio_render(rd, a, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, out.data(), out.size(), &len) == FOLIO_OK);
  }
  // A heading with nothing but attributes is an error.
  write_file(t / "empty.jsonl", "{\"slug\":\"e\",\"title\":\"E\",\"body\":\"## {#x}\"}\n");
  Diagnostics d2;
  load_content(t / "empty.jsonl", d2);
  CHECK(contains(d2.format(), ":1: error: empty heading"));
  // Spot checks of the model: the ordered list starts at 5, the '#' heading became level 2.
  for (const Article &a : c.articles) {
    if (a.slug == "odd-6") {
      REQUIRE(!a.blocks.empty());
      CHECK(a.blocks[0].kind == BlockKind::ListItem);
      CHECK(a.blocks[0].aux == 5);
    }
    if (a.slug == "odd-10") CHECK(a.sections.size() == 7);
    if (a.slug == "odd-2") {
      REQUIRE(a.sections.size() == 4);
      CHECK(a.sections[1].anchor == "a");
      CHECK(a.sections[2].anchor == "heading");
      CHECK(a.sections[3].anchor == "heading-2");
    }
  }
}

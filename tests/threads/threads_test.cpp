// threads_test.cpp: folio.h's thread contract, exercised. "A `const folio_pack *` is immutable after
// folio_open(): every function taking one is reentrant and may be called from any number of threads at
// once. A `folio_reader *` is scratch state for one thread at a time; give each extra thread its own
// reader with folio_reader_init()."
//
// The pack is opened once. One thread computes the reference: a 64-bit digest of every answer (each
// query of a relevance file searched with snippets, grouped and per section; each title looked up and
// suggested from its first letters; each glossary look-up of a query; each article rendered as text and
// HTML, its lists read (aliases, sources, related, links, backlinks); each section resolved from
// "slug#anchor" and its text; and folio_verify). Then N threads, each with its own reader placed by folio_reader_init()
// in its own memory, all over the one `const folio_pack *`, do the same work at the same time, each
// starting at another point of the list, and every answer must equal the reference. A shared cache or
// scratch inside the engine shows up as a changed answer here, and, in the ThreadSanitizer build
// (test.sh's tsan step, FOLIO_TSAN), as a reported data race even when the answers happen to agree.
//
//   folio_threads_test PACK QUERIES [--threads N]   exit 0: every thread's answers equal the reference
//   folio_threads_test --race-selftest              two threads write one variable unsynchronised: under
//                                                   TSan the run must fail (proves TSan is really on)
#include <folio/folio.h>
#include <folio/folio_posix.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// FNV-1a, 64-bit: an answer's bytes folded into one number.
struct Digest {
  uint64_t h = 1469598103934665603ull;
  void bytes(const void *p, size_t n) {
    const unsigned char *u = static_cast<const unsigned char *>(p);
    for (size_t i = 0; i < n; ++i) h = (h ^ u[i]) * 1099511628211ull;
  }
  void u32(uint32_t v) { bytes(&v, sizeof v); }
  void str(folio_str s) {
    u32(static_cast<uint32_t>(s.len));
    bytes(s.ptr, s.ptr ? s.len : 0);
  }
  // field by field: the structs' padding bytes are no part of the answer
  void entry(const folio_entry &e) {
    u32(e.article);
    str(e.slug);
    str(e.title);
    str(e.matched);
    u32(e.kind);
    u32(e.score);
  }
  void glossary(const folio_glossary_entry &g) {
    u32(g.id);
    str(g.key);
    str(g.term);
    str(g.definition);
    u32(g.abbreviation_count);
    u32(g.everyday_count);
    u32(g.see_also_count);
    u32(g.article_count);
  }
};

enum class Kind { search, search_sections, title, suggest, suggest_typed, glossary, resolve, lists, render_text, render_html, section_text, verify };

struct Item {
  Kind kind;
  uint32_t id;       // article or section, for the render kinds
  std::string text;  // query, title or prefix
};

// Buffers one thread owns (the caller memory the engine writes into).
struct Buffers {
  std::vector<folio_search_hit> hits = std::vector<folio_search_hit>(FOLIO_SEARCH_MAX_HITS);
  std::vector<char> text = std::vector<char>(64u << 10);
  std::vector<char> out = std::vector<char>(1u << 20);
};

const char *kind_name(Kind k) {
  switch (k) {
    case Kind::search: return "search";
    case Kind::search_sections: return "search (all sections)";
    case Kind::title: return "lookup_title";
    case Kind::suggest: return "suggest";
    case Kind::suggest_typed: return "suggest_typed";
    case Kind::glossary: return "glossary_for_query";
    case Kind::resolve: return "resolve";
    case Kind::lists: return "article lists";
    case Kind::render_text: return "render text";
    case Kind::render_html: return "render html";
    case Kind::section_text: return "section_text";
    case Kind::verify: return "verify";
  }
  return "?";
}

// The digest of one item's answer: status and every output field the caller can see.
uint64_t answer(const folio_pack *p, folio_reader *r, const Item &it, Buffers &b) {
  Digest d;
  switch (it.kind) {
    case Kind::search:
    case Kind::search_sections: {
      folio_search_result res;
      std::memset(&res, 0, sizeof res);
      const uint32_t flags = it.kind == Kind::search ? 0u : FOLIO_SEARCH_ALL_SECTIONS | FOLIO_SEARCH_PREFIX_LAST;
      const folio_status st = folio_search(r, it.text.data(), it.text.size(), flags, b.hits.data(), 10,
                                           b.text.data(), b.text.size(), &res);
      d.u32(static_cast<uint32_t>(st));
      d.u32(res.hit_count);
      d.u32(res.flags);
      d.u32(res.text_len);
      d.bytes(b.text.data(), res.text_len <= b.text.size() ? res.text_len : 0);
      d.u32(res.corrected_off);
      d.u32(res.corrected_len);
      d.u32(res.missing_off);
      d.u32(res.missing_len);
      for (uint32_t i = 0; i < res.hit_count && i < 10; ++i) {
        const folio_search_hit &h = b.hits[i];
        d.u32(h.article);
        d.u32(h.section);
        d.bytes(&h.score, sizeof h.score);
        d.u32(h.flags);
        d.u32(h.more_sections);
        d.u32(h.snippet_off);
        d.u32(h.snippet_len);
        d.u32(h.highlight_count);
        d.bytes(h.highlights, sizeof(folio_search_range) * (h.highlight_count <= FOLIO_SEARCH_MAX_HIGHLIGHTS
                                                                 ? h.highlight_count : 0));
        d.str(h.anchor);
      }
      break;
    }
    case Kind::title: {
      folio_entry e;
      const folio_status st = folio_lookup_title(p, it.text.data(), it.text.size(), &e);
      d.u32(static_cast<uint32_t>(st));
      if (st == FOLIO_OK) d.entry(e);
      break;
    }
    case Kind::suggest: {
      folio_entry e[16];
      uint32_t n = 0;
      d.u32(static_cast<uint32_t>(folio_suggest(p, it.text.data(), it.text.size(), e, 16, &n)));
      d.u32(n);
      for (uint32_t i = 0; i < n && i < 16; ++i) d.entry(e[i]);
      break;
    }
    case Kind::suggest_typed: {  // on the thread's reader: a search when nothing starts with the text
      folio_entry e[16];
      uint32_t n = 0;
      size_t fl = 0;
      d.u32(static_cast<uint32_t>(folio_suggest_typed(r, it.text.data(), it.text.size(), e, 16, &n, b.text.data(),
                                                      b.text.size(), &fl)));
      d.u32(n);
      for (uint32_t i = 0; i < n && i < 16; ++i) d.entry(e[i]);
      d.bytes(b.text.data(), fl <= b.text.size() ? fl : 0);
      break;
    }
    case Kind::glossary: {
      folio_glossary_entry g;
      const folio_status st = folio_glossary_for_query(p, it.text.data(), it.text.size(), &g);
      d.u32(static_cast<uint32_t>(st));
      if (st == FOLIO_OK) d.glossary(g);
      break;
    }
    case Kind::resolve: {
      folio_article a;
      folio_section sec;
      const folio_status st = folio_resolve(p, it.text.data(), it.text.size(), &a, &sec);
      d.u32(static_cast<uint32_t>(st));
      if (st == FOLIO_OK) {
        d.u32(a.id);
        d.str(a.slug);
        d.str(a.title);
        d.u32(sec.id);
        d.str(sec.anchor);
        d.str(sec.heading);
        d.u32(sec.parent);
      }
      break;
    }
    case Kind::lists: {  // an article's aliases, sources, related articles, links and backlinks
      folio_article a;
      d.u32(static_cast<uint32_t>(folio_article_get(p, it.id, &a)));
      folio_str str;
      for (uint32_t i = 0; folio_article_alias(p, it.id, i, &str) == FOLIO_OK; ++i) d.str(str);
      folio_reference ref;
      for (uint32_t i = 0; folio_article_source(p, it.id, i, &ref) == FOLIO_OK; ++i) d.str(ref.key);
      folio_article other;
      for (uint32_t i = 0; folio_article_related(p, it.id, i, &other) == FOLIO_OK; ++i) d.u32(other.id);
      for (uint32_t i = 0; folio_article_backlink(p, it.id, i, &other) == FOLIO_OK; ++i) d.u32(other.id);
      folio_link l;
      for (uint32_t i = 0; folio_article_link(p, it.id, i, &l) == FOLIO_OK; ++i) {
        d.u32(l.target_article);
        d.u32(l.target_section);
        d.u32(l.from_section);
      }
      break;
    }
    case Kind::verify: {
      uint32_t bad = 0;
      d.u32(static_cast<uint32_t>(folio_verify(r, &bad)));
      d.u32(bad);
      break;
    }
    case Kind::render_text:
    case Kind::render_html: {
      size_t n = 0;
      const folio_format f = it.kind == Kind::render_text ? FOLIO_FORMAT_TEXT : FOLIO_FORMAT_HTML;
      const folio_status st = folio_render(r, it.id, FOLIO_NONE, f, 0, b.out.data(), b.out.size(), &n);
      d.u32(static_cast<uint32_t>(st));
      d.bytes(b.out.data(), st == FOLIO_OK ? n : 0);
      break;
    }
    case Kind::section_text: {
      size_t n = 0;
      const folio_status st = folio_section_text(r, it.id, b.out.data(), b.out.size(), &n);
      d.u32(static_cast<uint32_t>(st));
      d.bytes(b.out.data(), st == FOLIO_OK ? n : 0);
      break;
    }
  }
  return d.h;
}

std::vector<Item> work_list(const folio_pack *p, const char *queries_path) {
  std::vector<Item> items;
  std::ifstream in(queries_path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t a = line.find('\t');
    if (a == std::string::npos) continue;
    const size_t b = line.find('\t', a + 1);
    const std::string q = line.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
    items.push_back({Kind::search, 0, q});
    items.push_back({Kind::search_sections, 0, q});
    items.push_back({Kind::glossary, 0, q});
    if (line.compare(0, a, "misspelled") == 0) items.push_back({Kind::suggest_typed, 0, q});
  }
  folio_info info;
  if (folio_pack_info(p, &info) != FOLIO_OK) return {};
  for (uint32_t a = 0; a < info.article_count; ++a) {
    folio_article art;
    if (folio_article_get(p, a, &art) != FOLIO_OK) return {};
    const std::string title(art.title.ptr, art.title.len);
    items.push_back({Kind::title, 0, title});
    for (size_t n = 1; n <= title.size() && n <= 6; ++n) items.push_back({Kind::suggest, 0, title.substr(0, n)});
    items.push_back({Kind::render_text, a, {}});
    items.push_back({Kind::render_html, a, {}});
    items.push_back({Kind::lists, a, {}});
  }
  for (uint32_t s = 0; s < info.section_count; ++s) {
    items.push_back({Kind::section_text, s, {}});
    folio_section sec;
    folio_article art;
    if (folio_section_get(p, s, &sec) != FOLIO_OK || folio_article_get(p, sec.article, &art) != FOLIO_OK) return {};
    items.push_back({Kind::resolve, 0, std::string(art.slug.ptr, art.slug.len) + "#" + std::string(sec.anchor.ptr, sec.anchor.len)});
  }
  items.push_back({Kind::verify, 0, {}});  // every article decompressed and checked, on the thread's reader
  return items;
}

int race_selftest() {
  // Two threads increment one plain int with no synchronisation: a data race TSan must report (exit 66
  // at the end of the run, or at once with halt_on_error). Without TSan the run exits 0, so the ctest
  // entry expecting failure exists only in the TSan build.
  static volatile int shared = 0;
  auto bump = [] {
    for (int i = 0; i < 100000; ++i) shared = shared + 1;
  };
  std::thread t1(bump), t2(bump);
  t1.join();
  t2.join();
  std::printf("race selftest: counter %d (no race reported: is ThreadSanitizer on?)\n", shared);
  return 0;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc == 2 && std::strcmp(argv[1], "--race-selftest") == 0) return race_selftest();
  if (argc != 3 && argc != 5) {
    std::fprintf(stderr, "usage: folio_threads_test PACK QUERIES [--threads N] | --race-selftest\n");
    return 2;
  }
  unsigned nthreads = std::thread::hardware_concurrency() * 2;
  if (nthreads < 4) nthreads = 4;
  if (argc == 5) {
    if (std::strcmp(argv[3], "--threads") != 0 || std::atoi(argv[4]) < 2) {
      std::fprintf(stderr, "folio_threads_test: --threads N needs N >= 2\n");
      return 2;
    }
    nthreads = static_cast<unsigned>(std::atoi(argv[4]));
  }

  folio_posix_file f;
  if (const int rc = folio_posix_map(argv[1], &f); rc != 0) {
    std::fprintf(stderr, "folio_threads_test: %s: %s\n", argv[1], std::strerror(rc));
    return 1;
  }
  std::vector<uint64_t> ws((folio_workspace_size(f.data, f.size) + 7) / 8);
  const folio_pack *p = nullptr;
  folio_reader *r0 = nullptr;
  if (const folio_status st = folio_open(f.data, f.size, ws.data(), ws.size() * 8, 0, &p, &r0); st != FOLIO_OK) {
    std::fprintf(stderr, "folio_threads_test: %s: %s\n", argv[1], folio_status_str(st));
    return 1;
  }
  const std::vector<Item> items = work_list(p, argv[2]);
  size_t queries = 0;
  for (const Item &it : items) queries += it.kind == Kind::search ? 1 : 0;
  if (queries == 0 || items.empty()) {
    std::fprintf(stderr, "folio_threads_test: no queries in %s (or the pack's articles unreadable)\n", argv[2]);
    return 1;
  }

  // The reference, on one thread with the built-in reader.
  Buffers b0;
  std::vector<uint64_t> ref(items.size());
  for (size_t i = 0; i < items.size(); ++i) ref[i] = answer(p, r0, items[i], b0);

  // Every thread: its own reader and buffers, the whole list from its own starting point.
  const size_t reader_bytes = folio_reader_size(p);
  std::atomic<unsigned long> mismatches{0}, failures{0};
  std::atomic<unsigned> ready{0};
  std::vector<std::thread> threads;
  std::vector<std::string> first_bad(nthreads);
  for (unsigned t = 0; t < nthreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<uint64_t> mem((reader_bytes + 7) / 8);
      folio_reader *r = nullptr;
      if (folio_reader_init(p, mem.data(), mem.size() * 8, &r) != FOLIO_OK) {
        failures++;
        return;
      }
      Buffers b;
      ready++;
      while (ready.load() < nthreads) std::this_thread::yield();  // start together
      const size_t n = items.size(), start = n * t / nthreads;
      for (size_t k = 0; k < n; ++k) {
        const size_t i = (start + k) % n;
        if (answer(p, r, items[i], b) != ref[i]) {
          mismatches++;
          if (first_bad[t].empty())
            first_bad[t] = std::string(kind_name(items[i].kind)) + " \"" + items[i].text + "\" (id " +
                           std::to_string(items[i].id) + ")";
        }
      }
    });
  }
  for (std::thread &th : threads) th.join();
  std::printf("folio_threads_test: %u threads x %zu calls (%zu queries searched two ways) over one pack: "
              "%lu answers differ from the single-thread reference, %lu readers failed to start\n",
              nthreads, items.size(), queries, mismatches.load(), failures.load());
  for (unsigned t = 0; t < nthreads; ++t)
    if (!first_bad[t].empty()) std::printf("  thread %u, first answer that differs: %s\n", t, first_bad[t].c_str());
  folio_posix_unmap(&f);
  return mismatches.load() == 0 && failures.load() == 0 ? 0 : 1;
}

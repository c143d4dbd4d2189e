// alloc_test.cpp: the zero-heap proof at run time. For each pack (the in-memory fixture, with and without
// a zstd dictionary, plus every pack file named on the command line, e.g. the bundled content pack) it
// prepares all buffers, forbids the heap (alloc_guard: any allocation aborts the process), and then drives
// every engine entry point over every article, section, key and list: open, lookups, suggestions for
// every prefix of every title (also through the search's typo correction), glossary, references, topics, links, fetch, render (text and HTML, whole
// articles and every section, size queries and real writes), section text, verify and error paths.
//
//   folio_alloc_test [pack files...]     exit 0: no allocation happened
//   folio_alloc_test --sanity            forks children that allocate under the guard and expects each
//                                        to die with SIGABRT (proves the interposer is really active)
#include <folio/folio.h>
#include <folio/folio_posix.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "alloc/alloc_guard.h"
#include "support/pack_fixture.h"

using namespace folio::fixture;

namespace {

// Buffers live in static storage: the guarded region must not even touch the stack-allocated vectors'
// growth paths.
alignas(8) char g_out[4u << 20];
unsigned long g_calls = 0;
unsigned long g_failures = 0;

void expect(bool ok, const char *what) {
  g_calls++;
  if (!ok) {
    g_failures++;
    if (g_failures < 20) {
      // Printing allocates (stdio buffers): only after the guard is lifted, so remember and report later.
      static const char m[] = "alloc_test: unexpected status in ";
      ssize_t r = write(2, m, sizeof m - 1);
      r = write(2, what, strlen(what));
      r = write(2, "\n", 1);
      (void)r;
    }
  }
}

bool ok_or_size(folio_status s) { return s == FOLIO_OK || s == FOLIO_E_DST_TOO_SMALL; }

void exercise_render(folio_reader *r, uint32_t article, uint32_t section) {
  for (int f = 0; f < 2; f++) {
    for (uint32_t flags = 0; flags < 2; flags++) {
      size_t need = 0, got = 0;
      const folio_format fmt = static_cast<folio_format>(f);
      const uint32_t fl = flags ? FOLIO_RENDER_NO_REFERENCES : 0;
      expect(ok_or_size(folio_render(r, article, section, fmt, fl, nullptr, 0, &need)), "render size");
      expect(folio_render(r, article, section, fmt, fl, g_out, sizeof g_out, &got) == FOLIO_OK, "render");
      expect(got == need, "render size == written");
      if (need > 1) expect(folio_render(r, article, section, fmt, fl, g_out, need / 2, &got) == FOLIO_E_DST_TOO_SMALL,
                           "render short");
    }
  }
}

// Everything, over one opened pack. Runs with the heap forbidden.
void exercise(const folio_pack *p, folio_reader *r, void *extra_reader_mem, size_t extra_len) {
  folio_info info;
  expect(folio_pack_info(p, &info) == FOLIO_OK, "info");
  expect(folio_reader_size(p) > 0, "reader size");
  folio_reader *r2 = nullptr;
  expect(folio_reader_init(p, extra_reader_mem, extra_len, &r2) == FOLIO_OK, "reader init");
  expect(folio_reader_pack(r2) == p, "reader pack");
  folio_entry entries[64];
  char key[512];
  for (uint32_t a = 0; a < info.article_count; a++) {
    folio_article art, art2;
    expect(folio_article_get(p, a, &art) == FOLIO_OK, "article get");
    expect(folio_lookup_slug(p, art.slug.ptr, art.slug.len, &art2) == FOLIO_OK && art2.id == a, "slug lookup");
    folio_entry e;
    const folio_status ts = folio_lookup_title(p, art.title.ptr, art.title.len, &e);
    expect(ts == FOLIO_OK || ts == FOLIO_E_NOT_FOUND, "title lookup");
    // Suggestions for every prefix of the title (byte prefixes: some cut a UTF-8 sequence → FOLIO_E_UTF8).
    for (uint32_t n = 0; n <= art.title.len && n < 40; n++) {
      uint32_t got = 0;
      const folio_status s = folio_suggest(p, art.title.ptr, n, entries, 10, &got);
      expect(s == FOLIO_OK || s == FOLIO_E_UTF8, "suggest");
      expect(folio_suggest(p, art.title.ptr, n, nullptr, 0, &got) == s, "suggest count");
    }
    // The same through the search's typo correction (folio_suggest_typed): title prefixes, and the title
    // with its second letter dropped, which nothing starts with, so the search runs and corrects it.
    {
      char fix[FOLIO_SUGGEST_CORRECTED_MAX];
      size_t fl = 0;
      uint32_t got = 0;
      for (uint32_t n = 1; n <= art.title.len && n < 40; n += 4) {
        const folio_status s = folio_suggest_typed(r, art.title.ptr, n, entries, 10, &got, fix, sizeof fix, &fl);
        expect(s == FOLIO_OK || s == FOLIO_E_UTF8, "suggest typed");
      }
      if (art.title.len > 3 && art.title.len < sizeof key && static_cast<unsigned char>(art.title.ptr[1]) < 0x80) {
        key[0] = art.title.ptr[0];
        std::memcpy(key + 1, art.title.ptr + 2, art.title.len - 2);
        expect(folio_suggest_typed(r, key, art.title.len - 1, entries, 10, &got, fix, sizeof fix, &fl) == FOLIO_OK,
               "suggest typed, typo");
      }
    }
    for (uint32_t i = 0; i < art.alias_count; i++) {
      folio_str s;
      expect(folio_article_alias(p, a, i, &s) == FOLIO_OK, "alias");
      const folio_status as = folio_lookup_title(p, s.ptr, s.len, &e);
      expect(as == FOLIO_OK || as == FOLIO_E_NOT_FOUND, "alias lookup");
    }
    for (uint32_t i = 0; i < art.topic_count; i++) {
      folio_str s;
      expect(folio_article_topic(p, a, i, &s) == FOLIO_OK, "topic");
    }
    for (uint32_t i = 0; i < art.source_count; i++) {
      folio_reference ref;
      expect(folio_article_source(p, a, i, &ref) == FOLIO_OK, "source");
    }
    for (uint32_t i = 0; i < art.related_count; i++) expect(folio_article_related(p, a, i, &art2) == FOLIO_OK, "related");
    for (uint32_t i = 0; i < art.backlink_count; i++)
      expect(folio_article_backlink(p, a, i, &art2) == FOLIO_OK, "backlink");
    for (uint32_t i = 0; i < art.link_count; i++) {
      folio_link l;
      expect(folio_article_link(p, a, i, &l) == FOLIO_OK, "link");
    }
    expect(folio_article_link(p, a, art.link_count, nullptr) == FOLIO_E_ARG, "link arg");
    exercise_render(r, a, FOLIO_NONE);
    for (uint32_t s = art.section_first; s < art.section_first + art.section_count; s++) {
      folio_section sec, sec2;
      expect(folio_section_get(p, s, &sec) == FOLIO_OK, "section get");
      expect(folio_section_find(p, a, sec.anchor.ptr, sec.anchor.len, &sec2) == FOLIO_OK, "section find");
      // slug#anchor through resolve
      if (art.slug.len + 1 + sec.anchor.len < sizeof key) {
        std::memcpy(key, art.slug.ptr, art.slug.len);
        key[art.slug.len] = '#';
        std::memcpy(key + art.slug.len + 1, sec.anchor.ptr, sec.anchor.len);
        folio_article ra;
        expect(folio_resolve(p, key, art.slug.len + 1 + sec.anchor.len, &ra, &sec2) == FOLIO_OK, "resolve");
      }
      exercise_render(r2, a, s);
      size_t need = 0, got = 0;
      expect(ok_or_size(folio_section_text(r, s, nullptr, 0, &need)), "section text size");
      expect(folio_section_text(r, s, g_out, sizeof g_out, &got) == FOLIO_OK && got == need, "section text");
    }
  }
  for (uint32_t g = 0; g < info.glossary_count; g++) {
    folio_glossary_entry ge, ge2;
    expect(folio_glossary_get(p, g, &ge) == FOLIO_OK, "glossary get");
    expect(folio_glossary_lookup(p, ge.term.ptr, ge.term.len, &ge2) == FOLIO_OK, "glossary lookup");
    {  // the term inside a question, as a search box would pass it
      char q[FOLIO_MAX_KEY_BYTES + 32];
      const size_t n = ge.term.len < FOLIO_MAX_KEY_BYTES ? ge.term.len : FOLIO_MAX_KEY_BYTES;
      std::memcpy(q, "What is a ", 10);
      std::memcpy(q + 10, ge.term.ptr, n);
      q[10 + n] = '?';
      expect(folio_glossary_for_query(p, q, 11 + n, &ge2) == FOLIO_OK && ge2.id == g, "glossary for query");
    }
    folio_str s;
    for (uint32_t i = 0; i < ge.abbreviation_count; i++) {
      expect(folio_glossary_abbreviation(p, g, i, &s) == FOLIO_OK, "abbreviation");
      expect(folio_glossary_lookup(p, s.ptr, s.len, &ge2) == FOLIO_OK, "abbreviation lookup");
    }
    for (uint32_t i = 0; i < ge.everyday_count; i++) {
      expect(folio_glossary_everyday(p, g, i, &s) == FOLIO_OK, "everyday");
      expect(folio_glossary_lookup(p, s.ptr, s.len, &ge2) == FOLIO_OK, "everyday lookup");
    }
    for (uint32_t i = 0; i < ge.see_also_count; i++)
      expect(folio_glossary_see_also(p, g, i, &ge2) == FOLIO_OK, "see also");
    folio_article ga;
    for (uint32_t i = 0; i < ge.article_count; i++) expect(folio_glossary_article(p, g, i, &ga) == FOLIO_OK, "glossary article");
  }
  for (uint32_t i = 0; i < info.reference_count; i++) {
    folio_reference ref, ref2;
    expect(folio_reference_get(p, i, &ref) == FOLIO_OK, "reference get");
    expect(folio_reference_lookup(p, ref.key.ptr, ref.key.len, &ref2) == FOLIO_OK && ref2.id == i, "reference lookup");
  }
  for (uint32_t t = 0; t < info.topic_count; t++) {
    folio_str name;
    uint32_t n = 0, t2 = 0;
    expect(folio_topic_get(p, t, &name, &n) == FOLIO_OK, "topic get");
    expect(folio_topic_find(p, name.ptr, name.len, &t2) == FOLIO_OK && t2 == t, "topic find");
    folio_article ta;
    for (uint32_t i = 0; i < n; i++) expect(folio_topic_article(p, t, i, &ta) == FOLIO_OK, "topic article");
  }
  // Error paths allocate nothing either.
  folio_article none;
  folio_entry e;
  uint32_t n = 0;
  expect(folio_lookup_slug(p, "no-such-slug", 12, &none) == FOLIO_E_NOT_FOUND, "slug miss");
  expect(folio_lookup_title(p, "\xC3\x28", 2, &e) == FOLIO_E_UTF8, "utf8");
  std::memset(key, 'k', sizeof key);
  expect(folio_suggest(p, key, sizeof key, entries, 64, &n) == FOLIO_E_LIMIT, "limit");
  expect(folio_suggest(p, "zzzzqx", 6, entries, 64, &n) == FOLIO_OK, "suggest miss");
  expect(folio_suggest_typed(r, "zzzzqx", 6, entries, 64, &n, key, sizeof key, nullptr) == FOLIO_OK && n == 0,
         "suggest typed miss");
  expect(folio_suggest_typed(r, key, sizeof key, entries, 64, &n, nullptr, 0, nullptr) == FOLIO_E_LIMIT,
         "suggest typed limit");
  expect(folio_render(r, info.article_count, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, g_out, 1, nullptr) == FOLIO_E_ARG,
         "render arg");
  for (int s = 1; s >= -20; s--) expect(folio_status_str(s) != nullptr, "status str");
  uint32_t bad = 0;
  expect(folio_verify(r, &bad) == FOLIO_OK, "verify");
}

struct PackBuf {
  std::string name;
  Aligned bytes;
};

int run_pack(const PackBuf &pb) {
  const size_t ws_len = folio_workspace_size(pb.bytes.data(), pb.bytes.size());
  if (ws_len == 0) {
    std::fprintf(stderr, "%s: not a pack\n", pb.name.c_str());
    return 1;
  }
  Aligned ws(ws_len), ws2(ws_len), extra(ws_len);
  const unsigned long before = alloc_guard_count();
  g_calls = g_failures = 0;
  alloc_guard_forbid(true);
  const folio_pack *p = nullptr;
  folio_reader *r = nullptr;
  // Open twice: once plain, once with the whole-file checksum, each into its own workspace.
  expect(folio_open(pb.bytes.data(), pb.bytes.size(), ws2.data(), ws2.size(), FOLIO_OPEN_VERIFY_CHECKSUM, &p, &r) ==
             FOLIO_OK, "open checksum");
  expect(folio_open(pb.bytes.data(), pb.bytes.size(), ws.data(), ws.size(), 0, &p, &r) == FOLIO_OK, "open");
  expect(folio_open(pb.bytes.data(), pb.bytes.size(), ws.data(), 16, 0, &p, &r) == FOLIO_E_WORKSPACE, "open short ws");
  expect(folio_open(pb.bytes.data(), pb.bytes.size(), ws.data(), ws.size(), 0, &p, &r) == FOLIO_OK, "reopen");
  if (p && r) exercise(p, r, extra.data(), extra.size());
  alloc_guard_forbid(false);
  const unsigned long during = alloc_guard_count() - before;
  std::printf("%s: %lu calls, %lu unexpected statuses, %lu allocations\n", pb.name.c_str(), g_calls, g_failures,
              during);
  return (g_failures == 0 && during == 0 && p && r) ? 0 : 1;
}

// Each case runs in a child with the guard on; the child must die of SIGABRT.
int sanity() {
  int failed = 0;
  for (int which = 0; which < 4; which++) {
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
      alloc_guard_forbid(true);
      if (which == 0) {
        int *volatile x = new int(1);
        (void)x;
      } else if (which == 1) {
        void *volatile x = malloc(16);
        (void)x;
      } else if (which == 2) {
        ZSTD_DCtx *volatile d = ZSTD_createDCtx();
        (void)d;
      } else {
        std::string *volatile s = new std::string(100, 'x');
        (void)s;
      }
      _exit(0);  // reached only if the guard missed the allocation
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const bool caught = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    std::printf("sanity case %d: %s\n", which, caught ? "caught (SIGABRT)" : "NOT CAUGHT");
    failed += !caught;
  }
  const unsigned long c0 = alloc_guard_count();
  void *volatile x = malloc(8);
  free(x);
  const bool counted = alloc_guard_count() == c0 + 1;
  std::printf("sanity: counting %s\n", counted ? "works" : "BROKEN");
  return (failed == 0 && counted) ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc > 1 && std::strcmp(argv[1], "--sanity") == 0) return sanity();
  std::vector<PackBuf> packs;
  packs.push_back({"fixture", Aligned(fixture_pack(false))});
  packs.push_back({"fixture+dictionary", Aligned(fixture_pack(true))});
  for (int i = 1; i < argc; i++) {
    folio_posix_file f;
    const int rc = folio_posix_map(argv[i], &f);
    if (rc != 0) {
      std::fprintf(stderr, "%s: %s\n", argv[i], folio_posix_error(rc));
      return 1;
    }
    packs.push_back({argv[i], Aligned(static_cast<const uint8_t *>(f.data), f.size)});
    folio_posix_unmap(&f);
  }
  int rc = 0;
  for (const PackBuf &pb : packs) rc |= run_pack(pb);
  std::printf(rc ? "FAILED\n" : "zero heap: OK\n");
  return rc;
}

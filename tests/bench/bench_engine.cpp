// bench_engine: printed figures for the reader engine on one or more packs (never a pass/fail timing).
//
//   folio_bench [--iterations N] [--size-of LIB] PACK|CORPUS.jsonl...
//
// A .jsonl argument is compiled first (folio build, into a temporary pack next to it in /tmp), so a
// corpus exported from another system can be measured directly.
// For each pack: pack bytes vs raw section text vs zstd -19 of the concatenated text, open time (no
// checksum, and with it), slug lookup, title lookup and suggestion latency, article fetch+render
// latency (text, p50/p99, cold = other article first, warm = cached), workspace bytes; and the engine's
// code size (text+data of the static library's objects) when --size-of is given.
#include <folio/folio.h>
#include <folio/folio_posix.h>
#include <unistd.h>

#include "build_cmd.h"
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

using clk = std::chrono::steady_clock;

double ns_since(clk::time_point t0) { return std::chrono::duration<double, std::nano>(clk::now() - t0).count(); }

struct Stats {
  std::vector<double> v;
  void add(double x) { v.push_back(x); }
  double pct(double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = std::min(v.size() - 1, (size_t)(p / 100.0 * (double)v.size()));
    return v[i];
  }
};

std::string text_of(folio_reader *r, uint32_t section) {
  size_t need = 0;
  if (folio_section_text(r, section, nullptr, 0, &need) != FOLIO_E_DST_TOO_SMALL) return {};
  std::string s(need, '\0');
  size_t got = 0;
  if (folio_section_text(r, section, s.data(), s.size(), &got) != FOLIO_OK) return {};
  s.resize(got);
  return s;
}

int bench_pack(const char *path, int iters) {
  folio_posix_file f;
  if (int rc = folio_posix_map(path, &f); rc != 0) {
    std::fprintf(stderr, "%s: %s\n", path, folio_posix_error(rc));
    return 1;
  }
  size_t ws_len = folio_workspace_size(f.data, f.size);
  std::unique_ptr<uint64_t[]> ws(new uint64_t[(ws_len + 7) / 8 + 1]);
  const folio_pack *p = nullptr;
  folio_reader *r = nullptr;
  folio_status st = folio_open(f.data, f.size, ws.get(), ws_len, 0, &p, &r);
  if (st != FOLIO_OK) {
    std::fprintf(stderr, "%s: %s\n", path, folio_status_str(st));
    return 1;
  }
  folio_info in;
  folio_pack_info(p, &in);

  // Raw text and zstd -19 of all of it.
  std::string all;
  std::vector<std::string> slugs, titles;
  for (uint32_t a = 0; a < in.article_count; a++) {
    folio_article art;
    folio_article_get(p, a, &art);
    slugs.emplace_back(art.slug.ptr, art.slug.len);
    titles.emplace_back(art.title.ptr, art.title.len);
    for (uint32_t s = 0; s < art.section_count; s++) all += text_of(r, art.section_first + s);
  }
  std::string z(ZSTD_compressBound(all.size()), '\0');
  size_t zn = ZSTD_compress(z.data(), z.size(), all.data(), all.size(), 19);
  if (ZSTD_isError(zn)) zn = 0;

  std::printf("\n== %s: %s ==\n", path, std::string(in.title.ptr, in.title.len).c_str());
  std::printf("articles %u, sections %u\n", in.article_count, in.section_count);
  std::printf("pack bytes %llu | raw section text %zu | zstd -19 of the text %zu | pack/raw %.3f\n",
              (unsigned long long)in.pack_bytes, all.size(), zn, all.empty() ? 0.0 : (double)in.pack_bytes / (double)all.size());
  std::printf("workspace bytes %zu (dictionary %u, largest article %u)\n", ws_len, in.dictionary_bytes, in.max_doc_bytes);

  // Open.
  std::unique_ptr<uint64_t[]> ws2(new uint64_t[(ws_len + 7) / 8 + 1]);
  Stats open_fast, open_crc;
  for (int i = 0; i < iters; i++) {
    const folio_pack *p2;
    folio_reader *r2;
    auto t0 = clk::now();
    folio_open(f.data, f.size, ws2.get(), ws_len, 0, &p2, &r2);
    open_fast.add(ns_since(t0));
  }
  for (int i = 0; i < std::max(3, iters / 50); i++) {
    const folio_pack *p2;
    folio_reader *r2;
    auto t0 = clk::now();
    folio_open(f.data, f.size, ws2.get(), ws_len, FOLIO_OPEN_VERIFY_CHECKSUM, &p2, &r2);
    open_crc.add(ns_since(t0));
  }
  std::printf("open: p50 %.2f us (with full checksum %.1f us)\n", open_fast.pct(50) / 1e3, open_crc.pct(50) / 1e3);

  // Lookups, on every article in turn.
  uint32_t n = in.article_count;
  if (n == 0) return 0;
  Stats slug_ns, title_ns, sug_ns;
  volatile uint32_t sink = 0;
  for (int i = 0; i < iters; i++) {
    const std::string &s = slugs[(size_t)i * 7919u % n];
    folio_article art;
    auto t0 = clk::now();
    folio_lookup_slug(p, s.data(), s.size(), &art);
    slug_ns.add(ns_since(t0));
    sink = sink + art.id;
    const std::string &t = titles[(size_t)i * 104729u % n];
    folio_entry e;
    t0 = clk::now();
    folio_lookup_title(p, t.data(), t.size(), &e);
    title_ns.add(ns_since(t0));
    folio_entry out[8];
    uint32_t got = 0;
    size_t plen = std::min<size_t>(t.size(), 1 + (size_t)i % 4);
    t0 = clk::now();
    folio_suggest(p, t.data(), plen, out, 8, &got);
    sug_ns.add(ns_since(t0));
    sink = sink + got;
  }
  std::printf("lookup slug: p50 %.3f us p99 %.3f us | title: p50 %.3f us p99 %.3f us\n", slug_ns.pct(50) / 1e3,
              slug_ns.pct(99) / 1e3, title_ns.pct(50) / 1e3, title_ns.pct(99) / 1e3);
  std::printf("suggest (1-4 letter prefixes, 8 results): p50 %.2f us p99 %.2f us\n", sug_ns.pct(50) / 1e3, sug_ns.pct(99) / 1e3);

  // Fetch + render: cold (a different article each time, so one decompression) and warm (cached).
  std::vector<char> buf(1 << 20);
  Stats cold, warm;
  for (int i = 0; i < iters; i++) {
    uint32_t a = (uint32_t)((size_t)i * 7919u % n);
    size_t len = 0;
    auto t0 = clk::now();
    folio_render(r, a, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, buf.data(), buf.size(), &len);
    cold.add(ns_since(t0));
    t0 = clk::now();
    folio_render(r, a, FOLIO_NONE, FOLIO_FORMAT_HTML, 0, buf.data(), buf.size(), &len);
    warm.add(ns_since(t0));
  }
  std::printf("fetch+render article (text, cold): p50 %.2f us p99 %.2f us | render again (html, cached): p50 %.2f us p99 %.2f us\n",
              cold.pct(50) / 1e3, cold.pct(99) / 1e3, warm.pct(50) / 1e3, warm.pct(99) / 1e3);
  (void)sink;
  folio_posix_unmap(&f);
  return 0;
}

}  // namespace

int main(int argc, char **argv) {
  int iters = 2000;
  const char *lib = nullptr;
  std::vector<const char *> packs;
  for (int i = 1; i < argc; i++) {
    if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) iters = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--size-of") && i + 1 < argc) lib = argv[++i];
    else packs.push_back(argv[i]);
  }
  if (packs.empty()) {
    std::fprintf(stderr, "usage: folio_bench [--iterations N] [--size-of LIBFOLIO_ENGINE.a] PACK|CORPUS.jsonl...\n");
    return 2;
  }
  if (lib) {
    std::string cmd = std::string("size -t '") + lib + "' | tail -n 1";
    if (FILE *pf = popen(cmd.c_str(), "r")) {
      unsigned long text = 0, data = 0, bss = 0;
      if (std::fscanf(pf, "%lu %lu %lu", &text, &data, &bss) == 3)
        std::printf("engine code size (libfolio_engine.a, incl. unused sections): text %lu B, data %lu B, bss %lu B\n", text, data, bss);
      pclose(pf);
    }
  }
  int rc = 0;
  for (const char *p : packs) {
    std::string path = p;
    if (path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0) {
      std::string out = "/tmp/folio_bench_" + std::to_string(getpid()) + ".folio";
      std::string cmd = "build";
      std::string o = "-o", q = "--quiet";
      char *bargv[] = {cmd.data(), path.data(), o.data(), out.data(), q.data(), nullptr};
      auto t0 = clk::now();
      if (folio::tools::cmd_build(5, bargv) != 0) {
        std::fprintf(stderr, "%s: build failed\n", p);
        rc = 1;
        continue;
      }
      std::printf("\nbuilt %s in %.2f s\n", p, ns_since(t0) / 1e9);
      rc |= bench_pack(out.c_str(), iters);
      unlink(out.c_str());
    } else {
      rc |= bench_pack(p, iters);
    }
  }
  return rc;
}

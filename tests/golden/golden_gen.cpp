// golden_gen.cpp: writes the golden packs (tests/golden/*.folio, checked by tests/unit/golden_test.cpp
// against tests/golden/MANIFEST) and the fuzz seed corpora (tests/fuzz/corpus/<target>/). Nothing runs this
// automatically: golden files change only when someone regenerates them on purpose and reviews the diff.
//
//   folio_golden_gen --golden tests/golden --corpus tests/fuzz/corpus
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "support/pack_fixture.h"

using namespace folio::fixture;

namespace {

// Bounds-checked little-endian store into a pack image (also keeps g++ -O3's stringop-overflow
// analysis from guessing at the vector's size).
void poke_le(std::vector<uint8_t> &b, size_t off, uint64_t v, int bytes) {
  if (off + static_cast<size_t>(bytes) > b.size()) return;
  for (int i = 0; i < bytes; i++) b[off + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (8 * i));
}

bool write(const std::string &path, const void *data, size_t len) {
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::perror(path.c_str());
    return false;
  }
  const bool ok = std::fwrite(data, 1, len, f) == len;
  return std::fclose(f) == 0 && ok;
}
bool write(const std::string &path, const std::vector<uint8_t> &v) { return write(path, v.data(), v.size()); }
bool write(const std::string &path, const std::string &s) { return write(path, s.data(), s.size()); }

bool golden(const std::string &dir) {
  bool ok = true;
  const std::vector<uint8_t> base = fixture_pack(false);
  ok &= write(dir + "/v1.0-fixture.folio", base);
  ok &= write(dir + "/v1.0-fixture-dict.folio", fixture_pack(true));
  {
    std::vector<uint8_t> b = base;
    b[1] = 'X';
    ok &= write(dir + "/bad-magic.folio", b);
  }
  {
    std::vector<uint8_t> b = base;
    poke_le(b, 8, 2, 2);
    fix_header_crc(b);
    ok &= write(dir + "/newer-major.folio", b);
  }
  {
    std::vector<uint8_t> b = base;
    b.resize(b.size() - 17);
    ok &= write(dir + "/truncated.folio", b);
  }
  {
    std::vector<uint8_t> b = base;
    b[100] ^= 0x01;
    ok &= write(dir + "/header-crc.folio", b);
  }
  {
    std::vector<uint8_t> b = base;
    poke_le(b, 60, 0xFFFFFFFFu, 4);
    fix_header_crc(b);
    ok &= write(dir + "/huge-max-doc.folio", b);
  }
  {
    std::vector<uint8_t> b = base;
    poke_le(b, 128, 0x7FFFFFF0u, 4);  // index root offset outside the index
    ok &= write(dir + "/index-root.folio", b);
  }
  {
    std::vector<uint8_t> b = base;
    b[get_le(b.data() + 40, 8) + 5] ^= 0x40;  // inside article 0's frame
    ok &= write(dir + "/frame-flip.folio", b);
  }
  {
    Model m = fixture_model();
    poke32(m.articles[1], ART_TITLE + STR_OFF, 0x7FFFFFFF);
    ok &= write(dir + "/bad-string-ref.folio", serialize(m));
  }
  {
    Model m = fixture_model();
    DocBuilder d;
    d.t("x").block(fb::BlockKind::Paragraph);
    poke32(d.spans[0], SPAN_TEXT + 4, 1000);
    m.docs[0] = d.finish(0);
    ok &= write(dir + "/doc-span-out.folio", serialize(m));
  }
  return ok;
}

bool corpus(const std::string &dir) {
  bool ok = true;
  for (const char *t : {"open", "lookup", "suggest", "render"}) {
    std::error_code ec;
    std::filesystem::create_directories(dir + "/" + t, ec);  // an error shows when the first write fails
  }
  // open: whole packs, sound and damaged.
  const std::vector<uint8_t> base = fixture_pack(false);
  ok &= write(dir + "/open/fixture.folio", base);
  ok &= write(dir + "/open/fixture-dict.folio", fixture_pack(true));
  ok &= write(dir + "/open/header-only.folio", std::vector<uint8_t>(base.begin(), base.begin() + 128));
  const size_t offs[] = {9, 20, 130, 200, 400, 700, 1000, base.size() - 40, base.size() - 3};
  for (size_t off : offs) {
    if (off >= base.size()) continue;
    std::vector<uint8_t> b = base;
    b[off] ^= 0xFF;
    ok &= write(dir + "/open/flip-" + std::to_string(off) + ".folio", b);
  }
  {
    Model m;
    ok &= write(dir + "/open/empty-pack.folio", serialize(m));
  }
  // lookup: query strings.
  const char *queries[] = {"knee-pain", "cartilage-repair#options", "stem-cells#", "Sore knee", "OA",
                           "wear-and-tear arthritis", "centeno-2016", "Joints", "St\xC3\xA9m Cells", "\xC3\x28",
                           ""};
  int i = 0;
  for (const char *q : queries) ok &= write(dir + "/lookup/q" + std::to_string(i++), std::string(q));
  ok &= write(dir + "/lookup/long", std::string(600, 'a'));
  // suggest: first byte is the capacity.
  const std::string sugg[] = {std::string("\x08s"), std::string("\x03stem"), std::string("\x00re", 3),
                              std::string("\x05St\xC3\xA9"), std::string("\x40k"), std::string("\x01\xE2\x82")};
  i = 0;
  for (const std::string &s : sugg) ok &= write(dir + "/suggest/s" + std::to_string(i++), s);
  // render: article 0's decompressed document, a tiny one, and a hostile one.
  Model m = fixture_model();
  ok &= write(dir + "/render/doc0.fdoc", m.docs[0]);
  {
    DocBuilder d;
    d.t("one").block(fb::BlockKind::Paragraph);
    ok &= write(dir + "/render/tiny.fdoc", d.finish(0));
  }
  {
    DocBuilder d;
    d.t("deep").block(fb::BlockKind::ListItem, 40, 1, 7);
    d.block(fb::BlockKind::TableRow, 0, 1);
    d.t("cell").block(fb::BlockKind::TableCell, 0, 0, 9);
    d.block(fb::BlockKind::TableEnd);
    d.block(fb::BlockKind::TableStart, 0, 0, 3);
    d.t("unterminated").block(fb::BlockKind::TableCell);
    d.span(static_cast<fb::SpanKind>(200), "future").block(static_cast<fb::BlockKind>(99));
    d.cite(1, 2).br().t("q").block(fb::BlockKind::Paragraph, 3, 2);
    ok &= write(dir + "/render/odd-structure.fdoc", d.finish(0));
  }
  return ok;
}

}  // namespace

int main(int argc, char **argv) {
  bool ok = true, any = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--golden") == 0) {
      ok &= golden(argv[i + 1]);
      any = true;
    } else if (std::strcmp(argv[i], "--corpus") == 0) {
      ok &= corpus(argv[i + 1]);
      any = true;
    }
  }
  if (!any) {
    std::fprintf(stderr, "usage: folio_golden_gen [--golden DIR] [--corpus DIR]\n");
    return 2;
  }
  return ok ? 0 : 1;
}

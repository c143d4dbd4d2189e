// [golden] the committed golden packs (tests/golden/*.folio) must give exactly the statuses recorded in
// tests/golden/MANIFEST: the format-1.0 packs keep opening, and each known-bad pack keeps failing the same
// way. Nothing here regenerates a file; a missing file or manifest fails the test.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <folio/folio.h>

#include "support/pack_fixture.h"
#include "support/pack_walk.h"

using namespace folio::fixture;

namespace {

int status_of(const std::string &name) {
  static const char *names[] = {"OK", "E_ARG", "E_FORMAT", "E_VERSION", "E_CORRUPT", "E_WORKSPACE",
                                "E_DST_TOO_SMALL", "E_NOT_FOUND", "E_TRUNCATED", "E_CHECKSUM", "E_UTF8",
                                "E_QUERY", "E_LIMIT"};
  for (int i = 0; i < 13; i++)
    if (name == names[i]) return -i;
  FAIL("unknown status name in MANIFEST: " << name);
  return 1;
}

std::vector<uint8_t> slurp(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  REQUIRE(f.good());
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("golden packs give the statuses in MANIFEST", "[golden][pack]") {
  const std::string dir = std::string(FOLIO_SOURCE_DIR) + "/tests/golden";
  std::ifstream man(dir + "/MANIFEST");
  REQUIRE(man.good());
  std::string line;
  int rows = 0;
  std::vector<char> out(1 << 16);
  while (std::getline(man, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string file, open0, open1, render0, verify;
    ls >> file >> open0 >> open1 >> render0 >> verify;
    INFO(file);
    REQUIRE(!verify.empty());
    rows++;
    const std::vector<uint8_t> bytes = slurp(dir + "/" + file);
    Opened plain(bytes), checked(bytes, FOLIO_OPEN_VERIFY_CHECKSUM);
    CHECK(plain.status == status_of(open0));
    CHECK(checked.status == status_of(open1));
    if (plain.status != FOLIO_OK) continue;
    size_t n = 0;
    const folio_status r = folio_render(plain.reader, 0, FOLIO_NONE, FOLIO_FORMAT_TEXT, 0, out.data(), out.size(), &n);
    CHECK(r == status_of(render0));
    CHECK(folio_verify(plain.reader, nullptr) == status_of(verify));
    CHECK(walk_pack(plain.pack, plain.reader, out.data(), out.size() - 1).bad == 0);
  }
  CHECK(rows >= 10);
}

TEST_CASE("the format 1.0 golden pack reads back its content", "[golden][pack]") {
  Opened o(slurp(std::string(FOLIO_SOURCE_DIR) + "/tests/golden/v1.0-fixture.folio"));
  REQUIRE(o.status == FOLIO_OK);
  folio_article a;
  REQUIRE(folio_lookup_slug(o.pack, "knee-pain", 9, &a) == FOLIO_OK);
  CHECK(std::string(a.title.ptr, a.title.len) == "Knee Pain");
  char buf[512];
  size_t n = 0;
  REQUIRE(folio_section_text(o.reader, S_KNEE_CAUSES, buf, sizeof buf, &n) == FOLIO_OK);
  CHECK(std::string(buf, n) == "Wear and tear (OA).\n");
}

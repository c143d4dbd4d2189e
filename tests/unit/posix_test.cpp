// [posix] the POSIX port: map a pack file, open it, unmap; error codes for missing files, directories
// and empty files.
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <string>
#include <unistd.h>

#include <folio/folio.h>
#include <folio/folio_posix.h>

#include "support/pack_fixture.h"

using namespace folio::fixture;

TEST_CASE("map a pack file, open it, unmap it", "[posix]") {
  std::vector<uint8_t> bytes = fixture_pack();
  char path[] = "/tmp/folio_posix_testXXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  close(fd);
  folio_posix_file f;
  REQUIRE(folio_posix_map(path, &f) == 0);
  CHECK(f.size == bytes.size());
  CHECK(f.mapped == 1);
  CHECK((reinterpret_cast<uintptr_t>(f.data) & 7u) == 0);
  Aligned ws(folio_workspace_size(f.data, f.size));
  const folio_pack *p = nullptr;
  CHECK(folio_open(f.data, f.size, ws.data(), ws.size(), FOLIO_OPEN_VERIFY_CHECKSUM, &p, nullptr) == FOLIO_OK);
  folio_posix_unmap(&f);
  CHECK(f.data == nullptr);
  CHECK(f.size == 0);
  folio_posix_unmap(&f);  // twice is harmless
  // Empty file: mapped as an empty buffer, which is not a pack.
  FILE *t = std::fopen(path, "wb");
  REQUIRE(t);
  std::fclose(t);
  REQUIRE(folio_posix_map(path, &f) == 0);
  CHECK(f.size == 0);
  CHECK(f.data != nullptr);
  CHECK(folio_open(f.data, f.size, ws.data(), ws.size(), 0, &p, nullptr) == FOLIO_E_FORMAT);
  folio_posix_unmap(&f);
  unlink(path);
}

TEST_CASE("posix map errors", "[posix]") {
  folio_posix_file f;
  CHECK(folio_posix_map("/nonexistent/folio/pack.folio", &f) == ENOENT);
  CHECK(f.data == nullptr);
  CHECK(folio_posix_map("/tmp", &f) == EISDIR);
  CHECK(folio_posix_map(nullptr, &f) == EINVAL);
  CHECK(folio_posix_map("/tmp", nullptr) == EINVAL);
  CHECK(std::string(folio_posix_error(ENOENT)) == "no such file");
  CHECK(folio_posix_error(12345) != nullptr);
  folio_posix_unmap(nullptr);
}

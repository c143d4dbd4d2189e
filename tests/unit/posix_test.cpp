// [posix] the POSIX port: map a pack file, open it, unmap; read it into a caller buffer instead; notice
// that the file was replaced or rewritten; error codes for missing files, directories, empty files,
// small or misaligned buffers and files that change while read.
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>
#include <sys/stat.h>
#include <unistd.h>
#ifdef _WIN32
#include "win32_lean.h"
#else
#include <fcntl.h>
#endif

#include <folio/folio.h>
#include <folio/folio_posix.h>

#include "atomic_write.h"
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

namespace {

std::string temp_path() {
  char path[] = "/tmp/folio_posix_testXXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  return path;
}

void write_file(const std::string &path, const std::vector<uint8_t> &bytes) {
  FILE *f = std::fopen(path.c_str(), "wb");
  REQUIRE(f);
  if (!bytes.empty()) REQUIRE(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size());
  REQUIRE(std::fclose(f) == 0);
}

bool article0(const folio_posix_file &f, Aligned &ws) {
  const folio_pack *p = nullptr;
  folio_article a;
  return folio_open(f.data, f.size, ws.data(), ws.size(), FOLIO_OPEN_VERIFY_CHECKSUM, &p, nullptr) == FOLIO_OK &&
         folio_article_get(p, 0, &a) == FOLIO_OK && a.slug.len > 0;
}

}  // namespace

TEST_CASE("read a pack file into the caller's buffer, after which the file may change", "[posix]") {
  const std::vector<uint8_t> bytes = fixture_pack();
  const std::string path = temp_path();
  write_file(path, bytes);
  size_t size = 0;
  REQUIRE(folio_posix_size(path.c_str(), &size) == 0);
  CHECK(size == bytes.size());
  Aligned buf(size);
  folio_posix_file f;
  REQUIRE(folio_posix_read(path.c_str(), buf.data(), buf.size(), &f) == 0);
  CHECK(f.data == buf.data());
  CHECK(f.size == bytes.size());
  CHECK(f.mapped == 0);
  CHECK(std::memcmp(f.data, bytes.data(), bytes.size()) == 0);
  CHECK(folio_posix_changed(path.c_str(), &f) == 0);
  Aligned ws(folio_workspace_size(f.data, f.size));
  CHECK(article0(f, ws));
  // An update rewrites the file in place, shorter (as `cp` does, or a card that lost its tail): the copy
  // in memory still opens and reads, and the change is seen.
  write_file(path, std::vector<uint8_t>(bytes.begin(), bytes.begin() + 100));
  CHECK(folio_posix_changed(path.c_str(), &f) == 1);
  CHECK(article0(f, ws));
  folio_posix_unmap(&f);  // only zeroes: the buffer is ours
  CHECK(f.data == nullptr);
  CHECK(buf.size() == size);
  // Read again: the truncated file is read as it is, and the engine refuses it.
  REQUIRE(folio_posix_read(path.c_str(), buf.data(), buf.size(), &f) == 0);
  CHECK(f.size == 100);
  const folio_pack *p = nullptr;
  CHECK(folio_open(f.data, f.size, ws.data(), ws.size(), 0, &p, nullptr) == FOLIO_E_TRUNCATED);
  unlink(path.c_str());
  CHECK(folio_posix_changed(path.c_str(), &f) == 1);  // removed
}

TEST_CASE("posix read errors", "[posix]") {
  const std::vector<uint8_t> bytes = fixture_pack();
  const std::string path = temp_path();
  write_file(path, bytes);
  Aligned buf(bytes.size() + 64);
  folio_posix_file f;
  f.size = 1;
  CHECK(folio_posix_read(path.c_str(), buf.data(), bytes.size() - 1, &f) == EFBIG);
  CHECK(f.data == nullptr);
  CHECK(f.size == 0);
  CHECK(folio_posix_read(path.c_str(), reinterpret_cast<char *>(buf.data()) + 4, bytes.size(), &f) == EINVAL);
  CHECK(folio_posix_read(path.c_str(), nullptr, 8, &f) == EINVAL);
  CHECK(folio_posix_read(nullptr, buf.data(), buf.size(), &f) == EINVAL);
  CHECK(folio_posix_read(path.c_str(), buf.data(), buf.size(), nullptr) == EINVAL);
  CHECK(folio_posix_read("/nonexistent/folio/pack.folio", buf.data(), buf.size(), &f) == ENOENT);
  CHECK(folio_posix_read("/tmp", buf.data(), buf.size(), &f) == EISDIR);
  size_t size = 99;
  CHECK(folio_posix_size("/tmp", &size) == EISDIR);
  CHECK(size == 0);
  CHECK(folio_posix_size(nullptr, &size) == EINVAL);
  CHECK(folio_posix_size(path.c_str(), nullptr) == EINVAL);
  CHECK(folio_posix_changed(nullptr, &f) == 0);
  CHECK(folio_posix_changed(path.c_str(), nullptr) == 0);
  CHECK(std::string(folio_posix_error(EAGAIN)).find("changed while it was read") != std::string::npos);
  CHECK(std::string(folio_posix_error(EFBIG)).find("buffer") != std::string::npos);
  // An empty file needs no buffer; it reads as an empty pack, which is not a pack.
  write_file(path, {});
  REQUIRE(folio_posix_read(path.c_str(), nullptr, 0, &f) == 0);
  CHECK(f.size == 0);
  CHECK(f.data != nullptr);
  Aligned ws(4096);
  const folio_pack *p = nullptr;
  CHECK(folio_open(f.data, f.size, ws.data(), ws.size(), 0, &p, nullptr) == FOLIO_E_FORMAT);
  unlink(path.c_str());
#ifdef __linux__
  // A file that yields more bytes than its size said (procfs files have size 0) is one that changed
  // while it was read: EAGAIN, not a pack cut short.
  CHECK(folio_posix_read("/proc/self/status", buf.data(), buf.size(), &f) == EAGAIN);
  CHECK(f.data == nullptr);
#endif
}

TEST_CASE("posix changed: replaced by rename, rewritten in place, touched, removed", "[posix]") {
  const std::vector<uint8_t> a = fixture_pack(), b = fixture_pack(true);
  REQUIRE(a.size() != b.size());
  const std::string path = temp_path();
  write_file(path, a);
  Aligned buf(a.size() > b.size() ? a.size() : b.size());
  folio_posix_file f;
  REQUIRE(folio_posix_read(path.c_str(), buf.data(), buf.size(), &f) == 0);
  CHECK(folio_posix_changed(path.c_str(), &f) == 0);
  // Replaced by rename, the way folio build and careful updaters write (the build tool's own atomic
  // write: rename(2), or MoveFileExW on Windows): another file, even with the same bytes.
  folio::tools::write_file_atomic(path, a);
  CHECK(folio_posix_changed(path.c_str(), &f) == 1);
  REQUIRE(folio_posix_read(path.c_str(), buf.data(), buf.size(), &f) == 0);
  CHECK(folio_posix_changed(path.c_str(), &f) == 0);
  // Rewritten in place with other bytes of another size.
  write_file(path, b);
  CHECK(folio_posix_changed(path.c_str(), &f) == 1);
  REQUIRE(folio_posix_read(path.c_str(), buf.data(), buf.size(), &f) == 0);
  CHECK(f.size == b.size());
#ifndef _WIN32
  // Same size, only the modification time moves (a rewrite with bytes of the same length).
  const struct timespec later[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(f.mtime_ns / 1000000000ull) + 5, 0}};
  REQUIRE(utimensat(AT_FDCWD, path.c_str(), later, 0) == 0);
  CHECK(folio_posix_changed(path.c_str(), &f) == 1);
  // A mapping carries its identity too.
  folio_posix_file m;
  REQUIRE(folio_posix_map(path.c_str(), &m) == 0);
  CHECK(m.ino == f.ino);
  CHECK(folio_posix_changed(path.c_str(), &m) == 0);
  folio::tools::write_file_atomic(path, b);
  CHECK(folio_posix_changed(path.c_str(), &m) == 1);
  folio_posix_unmap(&m);
#endif
  unlink(path.c_str());
  CHECK(folio_posix_changed(path.c_str(), &f) == 1);
}

#ifdef _WIN32
TEST_CASE("windows: the program runs with the UTF-8 code page of its manifest", "[posix]") {
  // cmake/FolioPrograms.cmake embeds platforms/windows/utf8/folio_utf8.manifest in every folio program:
  // without it argv and the narrow CRT calls would use the ANSI code page (1252 on wine's default).
  CHECK(GetACP() == 65001u);
  // a narrow CRT call with a UTF-8 name makes the file that the wide API knows by that name
  const std::string base = temp_path();
  unlink(base.c_str());
  const std::string path = base + "-caf\xC3\xA9";
  write_file(path, fixture_pack());
  wchar_t wide[512];
  REQUIRE(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path.c_str(), -1, wide, 512) > 0);
  CHECK(GetFileAttributesW(wide) != INVALID_FILE_ATTRIBUTES);
  CHECK(DeleteFileW(wide) != 0);
}
#endif

// atomic_write.cpp: write_file_atomic (atomic_write.h) for POSIX and for Windows.
#include "atomic_write.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#ifdef _WIN32
#include "win32_lean.h"
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace folio {
namespace tools {

#ifdef _WIN32

namespace {

// The UTF-16 form of a UTF-8 path; false if it is not valid UTF-8.
bool widen(const std::string &s, std::wstring *out) {
  out->clear();
  if (s.empty()) return true;
  const int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s.data(), static_cast<int>(s.size()), nullptr, 0);
  if (n <= 0) return false;
  out->resize(static_cast<size_t>(n));
  return MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s.data(), static_cast<int>(s.size()), &(*out)[0], n) == n;
}

// The system's message for a Win32 error code, without the trailing line break.
std::string win_message(DWORD e) {
  char buf[512];
  DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, e, 0, buf,
                           sizeof buf, nullptr);
  while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' || buf[n - 1] == '.')) --n;
  std::string m(buf, n);
  return m.empty() ? "Windows error " + std::to_string(e) : m;
}

}  // namespace

void write_file_atomic(const std::string &path, const std::vector<uint8_t> &bytes) {
  const std::string tmp = path + ".tmp." + std::to_string(static_cast<unsigned long>(GetCurrentProcessId()));
  std::wstring wpath, wtmp;
  if (!widen(path, &wpath) || !widen(tmp, &wtmp)) throw std::runtime_error("cannot create " + path + ": the path is not valid UTF-8");
  auto fail = [&](const std::string &what, DWORD e) {
    DeleteFileW(wtmp.c_str());
    throw std::runtime_error(what + ": " + win_message(e));
  };
  HANDLE h = CreateFileW(wtmp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    // nothing was created (CREATE_ALWAYS fails before making the file), so nothing to remove
    throw std::runtime_error("cannot create " + tmp + ": " + win_message(GetLastError()));
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const size_t left = bytes.size() - done;
    const DWORD chunk = left > (1u << 30) ? (1u << 30) : static_cast<DWORD>(left);
    DWORD w = 0;
    if (!WriteFile(h, bytes.data() + done, chunk, &w, nullptr) || w == 0) {
      const DWORD e = GetLastError();
      CloseHandle(h);
      fail("cannot write " + tmp, e);
    }
    done += w;
  }
  if (!FlushFileBuffers(h)) {
    const DWORD e = GetLastError();
    CloseHandle(h);
    fail("cannot flush " + tmp, e);
  }
  if (!CloseHandle(h)) fail("cannot close " + tmp, GetLastError());
  // MOVEFILE_WRITE_THROUGH: the call returns once the rename is on the device (the directory fsync of
  // the POSIX branch)
  if (!MoveFileExW(wtmp.c_str(), wpath.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
    fail("cannot rename " + tmp + " to " + path, GetLastError());
}

#else

void write_file_atomic(const std::string &path, const std::vector<uint8_t> &bytes) {
  const std::string tmp = path + ".tmp." + std::to_string(static_cast<long>(::getpid()));
  auto fail = [&](const std::string &what) {
    const int e = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error(what + ": " + std::strerror(e));
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int e = errno;
    throw std::runtime_error("cannot create " + tmp + ": " + std::strerror(e));
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      fail("cannot write " + tmp);
    }
    done += static_cast<size_t>(w);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("cannot fsync " + tmp);
  }
  if (::close(fd) != 0) fail("cannot close " + tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("cannot rename " + tmp + " to " + path);
  // Make the rename durable.
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

#endif

}  // namespace tools
}  // namespace folio

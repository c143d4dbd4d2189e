# Windows x64 with mingw-w64, run under wine.
# Needs: mingw-w64 g++-mingw-w64-x86-64-posix wine wine64 (see platforms/README.md).
# The -posix compilers (winpthreads) are used: the -win32 default lacks std::thread/std::mutex, which
# tests and tools may use. zstd has no mingw package: pass -DFOLIO_ZSTD_SOURCE_DIR=<Debian zstd source>.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(CMAKE_C_COMPILER   x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER  x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# One self-contained .exe: no libstdc++/libgcc/winpthread DLLs to ship next to it.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
# Programs run under wine through a wrapper that passes absolute paths in Windows form. The caller sets
# WINEPREFIX, WINEDEBUG=-all and WINEDLLOVERRIDES (platforms/ci/run-ports.sh).
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../../platforms/windows/wine-run.sh)
# Libraries cross-built for mingw (zstd, md4c, yaml-cpp from Debian's source packages, by
# platforms/ci/windows-deps.sh) live in their own prefix, searched like the mingw sysroot.
if(DEFINED ENV{FOLIO_MINGW_PREFIX})
  list(APPEND CMAKE_FIND_ROOT_PATH $ENV{FOLIO_MINGW_PREFIX})
endif()

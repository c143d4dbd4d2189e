#!/usr/bin/env bash
# windows-deps.sh PREFIX: cross-build, with mingw-w64, the libraries the folio tools need and Debian does
# not package for mingw: zstd (full: the builder compresses and trains dictionaries), md4c and yaml-cpp,
# each from Debian's own source package (fetched by install-ports.sh into build-ports/src). Header-only
# host libraries (Catch2, nlohmann-json, CLI11, FlatBuffers) are linked into PREFIX/include with small
# CMake package files, because their Debian package files point at /usr/include, which must never reach a
# mingw include path (glibc headers). Idempotent: a finished PREFIX is left alone.
set -euo pipefail
PREFIX=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRC=${PORTS_BUILD:-$ROOT/build-ports}/src
JOBS=${FOLIO_JOBS:-2}
TC=$ROOT/cmake/toolchains/x86_64-w64-mingw32.cmake
stamp=$PREFIX/.folio-deps-3
[ -f "$stamp" ] && exit 0
mkdir -p "$PREFIX/include" "$PREFIX/lib/cmake"
work=$PREFIX/../deps-build
export FOLIO_MINGW_PREFIX=$PREFIX

build() { # build NAME SOURCE_DIR CMAKE_ARGS...
  local name=$1 src=$2; shift 2
  echo "windows-deps: $name"
  rm -rf "${work:?}/$name"   # no stale cache from an interrupted or older run
  cmake -S "$src" -B "$work/$name" -DCMAKE_TOOLCHAIN_FILE="$TC" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$PREFIX" -DBUILD_SHARED_LIBS=OFF "$@" >"$work.$name.log" 2>&1
  cmake --build "$work/$name" -j"$JOBS" >>"$work.$name.log" 2>&1
  cmake --install "$work/$name" >>"$work.$name.log" 2>&1
}
mkdir -p "$work"
build zstd "$(ls -d "$SRC"/libzstd-*/build/cmake)" -DZSTD_BUILD_PROGRAMS=OFF -DZSTD_BUILD_SHARED=OFF \
  -DZSTD_BUILD_TESTS=OFF -DZSTD_LEGACY_SUPPORT=OFF -DZSTD_MULTITHREAD_SUPPORT=OFF
build md4c "$(ls -d "$SRC"/md4c-*/ | head -1)"
build yaml-cpp "$(ls -d "$SRC"/yaml-cpp-*/ | head -1)" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
  -DYAML_CPP_BUILD_CONTRIB=OFF -DYAML_BUILD_SHARED_LIBS=OFF

for h in flatbuffers catch2 nlohmann CLI; do ln -sfn "/usr/include/$h" "$PREFIX/include/$h"; done
mkdir -p "$PREFIX/lib/cmake/Catch2" "$PREFIX/lib/cmake/nlohmann_json"
cat >"$PREFIX/lib/cmake/Catch2/Catch2Config.cmake" <<EOC
# Catch2 2 (header-only) for the mingw build: the host's headers through $PREFIX/include only.
set(Catch2_VERSION 2.13.10)
if(NOT TARGET Catch2::Catch2)
  add_library(Catch2::Catch2 INTERFACE IMPORTED)
  set_target_properties(Catch2::Catch2 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "$PREFIX/include")
endif()
list(APPEND CMAKE_MODULE_PATH /usr/lib/cmake/Catch2)   # Catch.cmake, CatchAddTests.cmake
EOC
cat >"$PREFIX/lib/cmake/Catch2/Catch2ConfigVersion.cmake" <<'EOC'
set(PACKAGE_VERSION 2.13.10)
if(PACKAGE_FIND_VERSION_MAJOR EQUAL 2)
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
EOC
cat >"$PREFIX/lib/cmake/nlohmann_json/nlohmann_jsonConfig.cmake" <<EOC
# nlohmann-json (header-only) for the mingw build: the host's headers through $PREFIX/include only.
if(NOT TARGET nlohmann_json::nlohmann_json)
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "$PREFIX/include")
endif()
EOC
cat >"$PREFIX/lib/cmake/nlohmann_json/nlohmann_jsonConfigVersion.cmake" <<'EOC'
set(PACKAGE_VERSION 3.11.2)
if(PACKAGE_FIND_VERSION_MAJOR EQUAL 3)
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
EOC
touch "$stamp"

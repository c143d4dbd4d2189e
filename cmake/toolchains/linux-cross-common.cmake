# Shared part of the Debian multiarch cross toolchains (included by aarch64-linux-gnu.cmake and
# arm-linux-gnueabihf.cmake, which set FOLIO_CROSS_TRIPLE and FOLIO_CROSS_QEMU first).
#
# Debian's cross compilers find the target's libraries through multiarch paths
# (/usr/lib/<triple>, e.g. libzstd-dev:arm64), so no sysroot is needed: CMAKE_LIBRARY_ARCHITECTURE makes
# find_package(zstd CONFIG) pick /usr/lib/<triple>/cmake/zstd. Header-only host packages (FlatBuffers,
# Catch2) must not add /usr/include to the cross include path: platforms/ci/run-ports.sh passes a
# build-local include directory with only flatbuffers/ and catch2/ (FOLIO_FLATBUFFERS_INCLUDE, Catch2_DIR).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER   ${FOLIO_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${FOLIO_CROSS_TRIPLE}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${FOLIO_CROSS_TRIPLE})

# No binfmt_misc on CI machines: run target binaries (tests, catch_discover_tests) through qemu-user.
# -L: the target's dynamic loader and libstdc++ live under /usr/<triple>.
set(CMAKE_CROSSCOMPILING_EMULATOR ${FOLIO_CROSS_QEMU};-L;/usr/${FOLIO_CROSS_TRIPLE})

# Programs (flatc) come from the build host; libraries and packages from the multiarch paths.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

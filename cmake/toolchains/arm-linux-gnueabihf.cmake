# Linux armhf (32-bit ARMv7 hard-float: Raspberry Pi OS 32-bit, older tablets and kiosks).
# Needs: g++-arm-linux-gnueabihf libzstd-dev:armhf qemu-user-static (see platforms/README.md).
set(CMAKE_SYSTEM_PROCESSOR arm)
set(FOLIO_CROSS_TRIPLE arm-linux-gnueabihf)
set(FOLIO_CROSS_QEMU qemu-arm-static)
include(${CMAKE_CURRENT_LIST_DIR}/linux-cross-common.cmake)
# GCC 7 changed the ABI of some aggregates passed by value; the notes about it are noise here.
string(APPEND CMAKE_CXX_FLAGS_INIT " -Wno-psabi")
# 64-bit off_t/ino_t: large files, and readdir() that works under qemu-arm on a 64-bit host (ext4's 64-bit
# directory offsets overflow the 32-bit API: readdir fails with EOVERFLOW).
string(APPEND CMAKE_C_FLAGS_INIT " -D_FILE_OFFSET_BITS=64")
string(APPEND CMAKE_CXX_FLAGS_INIT " -D_FILE_OFFSET_BITS=64")

# Linux aarch64 (64-bit ARM tablets, Raspberry Pi 4/5 on a 64-bit OS).
# Needs: g++-aarch64-linux-gnu libzstd-dev:arm64 qemu-user-static (see platforms/README.md).
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(FOLIO_CROSS_TRIPLE aarch64-linux-gnu)
set(FOLIO_CROSS_QEMU qemu-aarch64-static)
include(${CMAKE_CURRENT_LIST_DIR}/linux-cross-common.cmake)

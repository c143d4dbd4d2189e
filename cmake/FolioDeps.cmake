# Dependencies of the engine: zstd's decoder and the FlatBuffers headers, plus flatc (host tool).
#
# zstd: by default Debian's static libzstd (find_package(zstd CONFIG) → zstd::libzstd_static).
# With -DFOLIO_ZSTD_SOURCE_DIR=<zstd source tree> (wasm, bare metal, Windows) only the decoder
# (lib/common + lib/decompress) is compiled from source, without legacy support or error strings.
# Either way the target folio_zstd is what the engine links.

set(FOLIO_ZSTD_SOURCE_DIR "" CACHE PATH "Build zstd's decoder from this source tree instead of using libzstd")
set(FOLIO_ZSTD_DEFINES "" CACHE STRING "Extra compile definitions for the zstd decoder built from source")

add_library(folio_zstd INTERFACE)
if(FOLIO_ZSTD_SOURCE_DIR)
  set(_z ${FOLIO_ZSTD_SOURCE_DIR}/lib)
  add_library(folio_zstd_dec STATIC
    ${_z}/common/entropy_common.c ${_z}/common/error_private.c ${_z}/common/fse_decompress.c
    ${_z}/common/xxhash.c ${_z}/common/zstd_common.c
    ${_z}/decompress/huf_decompress.c ${_z}/decompress/zstd_ddict.c
    ${_z}/decompress/zstd_decompress.c ${_z}/decompress/zstd_decompress_block.c)
  target_include_directories(folio_zstd_dec SYSTEM PUBLIC ${_z})
  # INTERFACE, not PUBLIC: zstd's own sources define ZSTD_STATIC_LINKING_ONLY themselves (a -D would
  # be a "macro redefined" warning in every file).
  target_compile_definitions(folio_zstd_dec INTERFACE ZSTD_STATIC_LINKING_ONLY
    PRIVATE ZSTD_LEGACY_SUPPORT=0 ZSTD_DISABLE_ASM ZSTD_STRIP_ERROR_STRINGS ZSTD_NO_TRACE ${FOLIO_ZSTD_DEFINES})
  target_compile_options(folio_zstd_dec PRIVATE -ffunction-sections -fdata-sections)
  set_target_properties(folio_zstd_dec PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_link_libraries(folio_zstd INTERFACE folio_zstd_dec)
  install(TARGETS folio_zstd_dec EXPORT folioTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
else()
  find_package(zstd CONFIG REQUIRED)
  target_link_libraries(folio_zstd INTERFACE zstd::libzstd_static)
  target_compile_definitions(folio_zstd INTERFACE ZSTD_STATIC_LINKING_ONLY)
endif()
install(TARGETS folio_zstd EXPORT folioTargets)

# FlatBuffers: headers only for the engine. FOLIO_FLATBUFFERS_INCLUDE lets cross builds point at a
# directory that holds only flatbuffers/ (never all of /usr/include).
set(FOLIO_FLATBUFFERS_INCLUDE "" CACHE PATH "Directory containing flatbuffers/flatbuffers.h")
if(NOT FOLIO_FLATBUFFERS_INCLUDE)
  find_path(FOLIO_FLATBUFFERS_INCLUDE_FOUND flatbuffers/flatbuffers.h REQUIRED)
  set(FOLIO_FLATBUFFERS_INCLUDE ${FOLIO_FLATBUFFERS_INCLUDE_FOUND})
endif()
add_library(folio_flatbuffers INTERFACE)
target_include_directories(folio_flatbuffers SYSTEM INTERFACE $<BUILD_INTERFACE:${FOLIO_FLATBUFFERS_INCLUDE}>)
install(TARGETS folio_flatbuffers EXPORT folioTargets)

# flatc runs on the build host, also when cross-compiling.
find_program(FOLIO_FLATC flatc REQUIRED)

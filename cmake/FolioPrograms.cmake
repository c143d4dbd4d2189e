# folio_program(target): what every folio program (the CLI, the development driver, the test programs)
# gets on a given platform. On Windows: the manifest that makes the process code page UTF-8
# (platforms/windows/utf8/), so command-line paths and file names outside the ANSI code page work as
# they do on POSIX. Elsewhere: nothing.
if(WIN32)
  enable_language(RC)
endif()
function(folio_program target)
  if(WIN32)
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/platforms/windows/utf8/folio_utf8.rc)
    # windres looks for the manifest named in the .rc among the include directories
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/platforms/windows/utf8)
  endif()
endfunction()

# folio_test_driver(target): a test program's own code (Catch2's runner and cases, the corpus replayers,
# the zero-heap drivers, the golden generator) is built for compile speed, not run speed: -O0 in the
# optimised builds, and under FOLIO_SANITIZE with AddressSanitizer only (UBSan's instrumentation of
# Catch2's macros was most of that build's time). ASan stays, so an engine write past a buffer the
# test owns, on its stack or the heap, is still caught. The engine, tools and platform code a test
# calls keep the build's own flags (-O2, or ASan+UBSan): what is tested is what ships. Measured on
# the 2-core CI machine, 2026-12-07: search_query_test.cpp 32 s → 10 s at -O0, catch_main.cpp 26 s →
# 13 s; under ASan+UBSan 35 s → 20 s and 40 s → 23 s (docs/design.md, "CI time").
function(folio_test_driver target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    if(FOLIO_SANITIZE)
      target_compile_options(${target} PRIVATE -fno-sanitize=undefined)
    else()
      target_compile_options(${target} PRIVATE -O0)
    endif()
  endif()
endfunction()

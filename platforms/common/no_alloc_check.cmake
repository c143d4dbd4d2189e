# cmake -DNM=<nm> -DELF=<linked image> -P no_alloc_check.cmake
# Fails if the linked image defines or references an allocator: malloc/calloc/realloc, aligned variants,
# operator new/delete, or C++ exception throwing. `free` is allowed only as the trapping stub of
# platforms/baremetal/startup.c (the link would fail anyway if anything needed a real allocator, since
# none is linked; this check makes the proof explicit and catches a stray libc).
execute_process(COMMAND ${NM} ${ELF} OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm ${ELF} failed")
endif()
set(bad "")
foreach(s malloc calloc realloc aligned_alloc posix_memalign memalign _malloc_r _calloc_r _realloc_r
          _Znwj _Znaj _Znwm _Znam _ZdlPv _ZdaPv __cxa_throw __cxa_allocate_exception sbrk _sbrk)
  if(syms MATCHES "[ \n][A-Za-z] ${s}\n" OR syms MATCHES "[ \n][A-Za-z] ${s}[^\n]*\n")
    string(REGEX MATCH "[^\n]* ${s}[^\n]*" line "${syms}")
    list(APPEND bad "${line}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "allocator symbols in ${ELF}:\n  ${bad}")
endif()
message(STATUS "no allocator in ${ELF}")

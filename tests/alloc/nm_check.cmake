# nm_check.cmake: link-level checks of the engine's object files.
#   CHECK=heap (default): the zero-heap check (STYLE.md convention 4, zstd libzstd_builds.sh). `nm -u` over
#     every object; fails if any of them references an allocator, operator new/delete, or the C++
#     exception runtime.
#   CHECK=state: no hidden global state (STYLE.md; folio.h: every function taking a const folio_pack * is
#     reentrant). `nm -f sysv` over every object; fails if any of them defines a symbol in a writable
#     data section: .data, .bss, their -fdata-sections forms, thread-local .tdata/.tbss, or a common
#     symbol. Read-only data (.rodata, .rdata, and .data.rel.ro, where constant tables of pointers go in
#     position-independent code) is allowed. A function-local static with a dynamic initialiser shows up
#     too, as its guard variable lives in .bss. tests/threads runs the engine on many threads (and under
#     ThreadSanitizer); this covers the code paths those runs never reach.
#   cmake -DNM=<nm> -DOBJECTS_FILE=<file, one object path a line> [-DCHECK=heap|state] -P nm_check.cmake
if(NOT NM OR NOT OBJECTS_FILE)
  message(FATAL_ERROR "nm_check: NM and OBJECTS_FILE are required")
endif()
if(NOT CHECK)
  set(CHECK heap)
endif()
if(NOT CHECK MATCHES "^(heap|state)$")
  message(FATAL_ERROR "nm_check: CHECK must be heap or state, not ${CHECK}")
endif()
file(STRINGS ${OBJECTS_FILE} _objects)
list(LENGTH _objects _n)
if(_n EQUAL 0)
  message(FATAL_ERROR "nm_check: no object files listed in ${OBJECTS_FILE}")
endif()
set(_forbidden malloc calloc realloc free aligned_alloc posix_memalign memalign valloc strdup strndup
    _Znwm _Znam _ZdlPv _ZdaPv _ZdlPvm _ZdaPvm _ZnwmRKSt9nothrow_t _ZnamRKSt9nothrow_t
    _ZnwmSt11align_val_t _ZnamSt11align_val_t _ZdlPvSt11align_val_t _ZdlPvmSt11align_val_t
    __cxa_throw __cxa_allocate_exception __cxa_begin_catch __cxa_rethrow _Unwind_Resume __gxx_personality_v0
    _ZTVN10__cxxabiv117__class_type_infoE _ZTVN10__cxxabiv120__si_class_type_infoE)
set(_bad "")
set(_defined 0)
foreach(obj ${_objects})
  if(NOT EXISTS "${obj}")
    message(FATAL_ERROR "nm_check: missing object ${obj}")
  endif()
  if(CHECK STREQUAL "heap")
    set(_args -u)
  else()
    set(_args -f sysv)
  endif()
  execute_process(COMMAND ${NM} ${_args} "${obj}" OUTPUT_VARIABLE _out RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "nm_check: ${NM} ${_args} failed on ${obj}")
  endif()
  string(REPLACE "\n" ";" _lines "${_out}")
  foreach(line ${_lines})
    if(CHECK STREQUAL "heap")
      string(STRIP "${line}" line)
      string(REGEX REPLACE "^U[ \t]+" "" sym "${line}")
      string(REGEX REPLACE "@.*$" "" sym "${sym}")
      list(FIND _forbidden "${sym}" _i)
      if(NOT _i EQUAL -1)
        list(APPEND _bad "${obj}: ${sym}")
      endif()
      continue()
    endif()
    # name|value|class|type|size|line|section
    if(NOT line MATCHES "^([^|]*)\\|[^|]*\\|[ \t]*([A-Za-z?-])[ \t]*\\|[^|]*\\|[^|]*\\|[^|]*\\|[ \t]*(.*)$")
      continue()
    endif()
    string(STRIP "${CMAKE_MATCH_1}" sym)
    set(cls "${CMAKE_MATCH_2}")
    string(STRIP "${CMAKE_MATCH_3}" sec)
    if(cls STREQUAL "U" OR cls STREQUAL "w" OR cls STREQUAL "v" OR sym STREQUAL sec)
      continue()  # undefined or weak undefined: not defined here; or a section's own symbol (COFF lists
                  # .data and .bss in every object, empty or not)
    endif()
    math(EXPR _defined "${_defined} + 1")
    if(sec MATCHES "^\\.data\\.rel\\.ro")
      continue()
    endif()
    if(sec MATCHES "^\\.(data|bss|tdata|tbss)(\\$|\\.|$)" OR cls STREQUAL "C" OR sec STREQUAL "*COM*")
      list(APPEND _bad "${obj}: ${sym} (${sec})")
    endif()
  endforeach()
endforeach()
if(CHECK STREQUAL "state" AND _defined EQUAL 0)
  message(FATAL_ERROR "nm_check: ${NM} -f sysv listed no defined symbol in ${_n} objects (output format?)")
endif()
if(_bad)
  string(REPLACE ";" "\n  " _msg "${_bad}")
  if(CHECK STREQUAL "heap")
    message(FATAL_ERROR "nm_check: heap or exception symbols referenced by engine objects:\n  ${_msg}")
  endif()
  message(FATAL_ERROR "nm_check: writable global or static state in engine objects:\n  ${_msg}")
endif()
if(CHECK STREQUAL "heap")
  message(STATUS "nm_check: ${_n} engine objects reference no allocator and no exception runtime")
else()
  message(STATUS "nm_check: ${_n} engine objects, ${_defined} defined symbols, none in a writable data section")
endif()

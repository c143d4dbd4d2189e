# state_check.cmake: the link-level check that the engine keeps no hidden global state (STYLE.md: no
# hidden global state; folio.h: every function taking a const folio_pack * is reentrant). Runs
# `nm -f sysv` over every object file listed in OBJECTS_FILE (one path per line) and fails if any of
# them defines a symbol in a writable data section: .data, .bss, their -fdata-sections forms, thread-local
# .tdata/.tbss, or a common symbol. Read-only data (.rodata, .rdata, and .data.rel.ro, where constant
# tables of pointers go in position-independent code) is allowed. A function-local static with a dynamic
# initialiser would show up here too, as its guard variable lives in .bss.
#   cmake -DNM=<nm> -DOBJECTS_FILE=<file> -P state_check.cmake
# tests/threads runs the engine on many threads (and under ThreadSanitizer); this covers the code paths
# those runs never reach.
if(NOT NM OR NOT OBJECTS_FILE)
  message(FATAL_ERROR "state_check: NM and OBJECTS_FILE are required")
endif()
file(STRINGS ${OBJECTS_FILE} _objects)
list(LENGTH _objects _n)
if(_n EQUAL 0)
  message(FATAL_ERROR "state_check: no object files listed in ${OBJECTS_FILE}")
endif()
set(_bad "")
set(_symbols 0)
foreach(obj ${_objects})
  if(NOT EXISTS "${obj}")
    message(FATAL_ERROR "state_check: missing object ${obj}")
  endif()
  execute_process(COMMAND ${NM} -f sysv "${obj}" OUTPUT_VARIABLE _out RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "state_check: ${NM} -f sysv failed on ${obj}")
  endif()
  string(REPLACE "\n" ";" _lines "${_out}")
  foreach(line ${_lines})
    # name|value|class|type|size|line|section
    if(NOT line MATCHES "^([^|]*)\\|[^|]*\\|[ \t]*([A-Za-z?-])[ \t]*\\|[^|]*\\|[^|]*\\|[^|]*\\|[ \t]*(.*)$")
      continue()
    endif()
    set(sym "${CMAKE_MATCH_1}")
    set(cls "${CMAKE_MATCH_2}")
    string(STRIP "${CMAKE_MATCH_3}" sec)
    string(STRIP "${sym}" sym)
    if(cls STREQUAL "U" OR cls STREQUAL "w" OR cls STREQUAL "v" OR sym STREQUAL sec)
      continue()  # undefined or weak undefined: not defined here; or a section's own symbol (COFF lists
                  # .data and .bss in every object, empty or not)
    endif()
    math(EXPR _symbols "${_symbols} + 1")
    if(sec MATCHES "^\\.data\\.rel\\.ro")
      continue()
    endif()
    if(sec MATCHES "^\\.(data|bss|tdata|tbss)(\\$|\\.|$)" OR cls STREQUAL "C" OR sec STREQUAL "*COM*")
      list(APPEND _bad "${obj}: ${sym} (${sec})")
    endif()
  endforeach()
endforeach()
if(_symbols EQUAL 0)
  message(FATAL_ERROR "state_check: ${NM} -f sysv listed no defined symbol in ${_n} objects (output format?)")
endif()
if(_bad)
  string(REPLACE ";" "\n  " _msg "${_bad}")
  message(FATAL_ERROR "state_check: writable global or static state in engine objects:\n  ${_msg}")
endif()
message(STATUS "state_check: ${_n} engine objects, ${_symbols} defined symbols, none in a writable data section")

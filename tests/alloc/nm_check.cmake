# nm_check.cmake: the link-level zero-heap check (STYLE.md convention 4, zstd libzstd_builds.sh).
# Runs `nm -u` over every object file listed in OBJECTS_FILE (one path per line) and fails if any of them
# references an allocator, operator new/delete, or the C++ exception runtime.
#   cmake -DNM=<nm> -DOBJECTS_FILE=<file> -P nm_check.cmake
if(NOT NM OR NOT OBJECTS_FILE)
  message(FATAL_ERROR "nm_check: NM and OBJECTS_FILE are required")
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
foreach(obj ${_objects})
  if(NOT EXISTS "${obj}")
    message(FATAL_ERROR "nm_check: missing object ${obj}")
  endif()
  execute_process(COMMAND ${NM} -u "${obj}" OUTPUT_VARIABLE _out RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "nm_check: ${NM} failed on ${obj}")
  endif()
  string(REPLACE "\n" ";" _lines "${_out}")
  foreach(line ${_lines})
    string(STRIP "${line}" line)
    string(REGEX REPLACE "^U[ \t]+" "" sym "${line}")
    string(REGEX REPLACE "@.*$" "" sym "${sym}")
    list(FIND _forbidden "${sym}" _i)
    if(NOT _i EQUAL -1)
      list(APPEND _bad "${obj}: ${sym}")
    endif()
  endforeach()
endforeach()
if(_bad)
  string(REPLACE ";" "\n  " _msg "${_bad}")
  message(FATAL_ERROR "nm_check: heap or exception symbols referenced by engine objects:\n  ${_msg}")
endif()
message(STATUS "nm_check: ${_n} engine objects reference no allocator and no exception runtime")

# folio_warnings(target): the project's warning set; -Werror when FOLIO_WERROR is ON (the default, and
# what CI uses).
function(folio_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic $<$<BOOL:${FOLIO_WERROR}>:-Werror>)
endfunction()

# folio_engine_flags(target): the engine's own code builds without exceptions and RTTI; with
# FOLIO_STACK_GRAPH, GCC also writes each object's call graph and frame sizes (a .ci file beside it) for
# tests/stack/stack_bound.py.
function(folio_engine_flags target)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti>
                                           -ffunction-sections -fdata-sections)
  if(FOLIO_STACK_GRAPH)
    target_compile_options(${target} PRIVATE -fstack-usage -fcallgraph-info=su)
  endif()
endfunction()

# Search benchmark fragment (included by tests/bench/CMakeLists.txt): folio search vs SQLite FTS5 on the
# same sections and the judged query set. `cmake --build B --target bench_search` prints the figures for
# the bundled pack; `bench_search_gcide` does the same at scale when a gcide pack has been built (see
# tools/convert/README.md). ctest runs a one-repeat smoke run.
find_package(SQLite3 REQUIRED)
add_executable(folio_search_bench ${CMAKE_CURRENT_LIST_DIR}/search_fts5_bench.cpp)
# folio_engine_internal: search/search.h (typo_candidates, for the typo cost lines)
target_link_libraries(folio_search_bench PRIVATE folio_index folio_engine folio_engine_internal folio_schema
                      SQLite::SQLite3)
folio_warnings(folio_search_bench)
if(TARGET folio_content_pack)
  add_custom_target(bench_search
    COMMAND folio_search_bench ${FOLIO_CONTENT_PACK} ${PROJECT_SOURCE_DIR}/tests/relevance/queries.tsv
            --repeat 20 --label "bundled content"
    DEPENDS folio_search_bench folio_content_pack
    USES_TERMINAL)
  add_test(NAME bench_search_smoke
    COMMAND folio_search_bench ${FOLIO_CONTENT_PACK} ${PROJECT_SOURCE_DIR}/tests/relevance/queries.tsv --repeat 1)
  set_tests_properties(bench_search_smoke PROPERTIES LABELS bench)
endif()
set(FOLIO_GCIDE_PACK ${PROJECT_BINARY_DIR}/gcide.folio CACHE FILEPATH "gcide pack for bench_search_gcide")
set(FOLIO_GCIDE_QUERIES ${PROJECT_BINARY_DIR}/gcide-queries.tsv CACHE FILEPATH "gcide query set")
add_custom_target(bench_search_gcide
  COMMAND folio_search_bench ${FOLIO_GCIDE_PACK} ${FOLIO_GCIDE_QUERIES} --repeat 5 --label gcide
  DEPENDS folio_search_bench
  USES_TERMINAL)

# Regenerates the folding table into the build tree and fails if it differs from the committed one.
# cmake -DGEN=<gen_fold_table> -DOUT=<new.inc> -DREF=<engine/src/text/fold_table.inc> -P check_fold_table.cmake
execute_process(COMMAND ${GEN} ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gen_fold_table failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${REF} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "${REF} is stale (differs from ${OUT}): rebuild the target folio_fold_table and commit")
endif()

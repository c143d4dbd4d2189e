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

# install(): the engine library, its public headers, an exported CMake package (find_package(folio) →
# folio::engine, and folio::posix on POSIX systems) and folio.pc (folio-posix.pc) for pkg-config.
include(CMakePackageConfigHelpers)

set_target_properties(folio_engine PROPERTIES EXPORT_NAME engine)
if(TARGET folio_posix)
  set_target_properties(folio_posix PROPERTIES EXPORT_NAME posix)
endif()
install(TARGETS folio_engine EXPORT folioTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/folio DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT folioTargets NAMESPACE folio:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/folio)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/folioConfig.cmake.in
  ${PROJECT_BINARY_DIR}/folioConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/folio)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/folioConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/folioConfig.cmake ${PROJECT_BINARY_DIR}/folioConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/folio)

configure_file(${PROJECT_SOURCE_DIR}/cmake/folio.pc.in ${PROJECT_BINARY_DIR}/folio.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/folio.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(TARGET folio_posix)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/folio-posix.pc.in ${PROJECT_BINARY_DIR}/folio-posix.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/folio-posix.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()

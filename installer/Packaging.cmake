# Installation layout and the CPack DEB package: binaries, desktop entry, icon.
include(GNUInstallDirs)
if(FOLDWISE_BUILD_GUI)
  install(FILES ${CMAKE_SOURCE_DIR}/installer/foldwise.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/foldwise.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
# Platform files: found at <bin>/../share/foldwise/platforms by core/hw/Platform.cpp.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/resources/platforms/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/foldwise/platforms
        FILES_MATCHING PATTERN "*.toml" PATTERN "README.md")

set(CPACK_PACKAGE_NAME "foldwise")
set(CPACK_PACKAGE_VENDOR "Foldwise")
set(CPACK_PACKAGE_CONTACT "Foldwise developers <foldwise@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
include(CPack)

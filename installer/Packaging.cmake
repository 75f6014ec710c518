# Installation layout and the CPack DEB package: binaries, desktop entry, icon.
include(GNUInstallDirs)
if(FOLDWISE_BUILD_GUI)
  install(FILES ${CMAKE_SOURCE_DIR}/installer/foldwise.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/foldwise.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  # *.foldwise projects as a MIME type of their own (shared-mime-info's dpkg trigger registers it).
  install(FILES ${CMAKE_SOURCE_DIR}/installer/foldwise-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
          RENAME foldwise.xml)
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
# `cpack -G DEB` in a Release build folder makes foldwise_<version>_<arch>.deb (installer/build-deb.sh).
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
# The extended description (the synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY); CPackDeb indents it.
set(CPACK_PACKAGE_DESCRIPTION "Foldwise loads ONNX models, profiles activation sparsity, models streaming
FPGA accelerators (fpgaConvNet and FINN styles), optimises their folding,
sweeps ReLU thresholds and transforms models. foldwise is the desktop
workbench, foldwise-cli runs every task headless.")
# dpkg-shlibdeps finds the linked libraries (Qt, oneDNN, protobuf, graphviz, ...); Qt loads its
# platform plugins (xcb, wayland) and image formats at run time, which no ELF lists, so they are named.
if(FOLDWISE_BUILD_GUI)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-dejavu-core")
endif()
include(CPack)

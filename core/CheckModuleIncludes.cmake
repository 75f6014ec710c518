# cmake -DCORE_DIR=<core source dir> -P CheckModuleIncludes.cmake
#
# Fails when a file in core/<module>/ includes "<other>/..." of a core module that is not below
# <module> in CoreModules.cmake, or when core/ has a folder that is no module (its files would
# escape the check). Static libraries would link such an upward include as long as the final
# program links every module, so the order is checked here, on the sources.
cmake_minimum_required(VERSION 3.25) # script mode: IN_LIST and the other current policies
include(${CMAKE_CURRENT_LIST_DIR}/CoreModules.cmake)

if(NOT CORE_DIR OR NOT IS_DIRECTORY "${CORE_DIR}")
  message(FATAL_ERROR "CheckModuleIncludes: pass -DCORE_DIR=<core source dir>")
endif()

set(problems 0)

file(GLOB entries LIST_DIRECTORIES true RELATIVE "${CORE_DIR}" "${CORE_DIR}/*")
foreach(entry IN LISTS entries)
  if(IS_DIRECTORY "${CORE_DIR}/${entry}" AND NOT entry IN_LIST FOLDWISE_CORE_MODULES)
    message(SEND_ERROR "core/${entry} is not a module of CoreModules.cmake")
    math(EXPR problems "${problems} + 1")
  endif()
endforeach()

foreach(module IN LISTS FOLDWISE_CORE_MODULES)
  foldwise_core_module_allowed(${module} allowed)
  file(GLOB_RECURSE sources RELATIVE "${CORE_DIR}"
    "${CORE_DIR}/${module}/*.h" "${CORE_DIR}/${module}/*.hpp" "${CORE_DIR}/${module}/*.cpp" "${CORE_DIR}/${module}/*.inc")
  foreach(source IN LISTS sources)
    file(STRINGS "${CORE_DIR}/${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[A-Za-z0-9_]+/")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([A-Za-z0-9_]+)/.*$" "\\1" target "${line}")
      if(target IN_LIST FOLDWISE_CORE_MODULES AND NOT target IN_LIST allowed)
        string(STRIP "${line}" line)
        list(JOIN allowed ", " allowedText)
        message(SEND_ERROR "core/${source}: ${line}: ${target} is not below ${module}; "
                           "${module} may include only ${allowedText} (core/CoreModules.cmake)")
        math(EXPR problems "${problems} + 1")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems GREATER 0)
  message(FATAL_ERROR "${problems} include(s) against the core module order")
endif()
message(STATUS "core modules: every include goes down (${CORE_DIR})")

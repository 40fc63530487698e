# Before 1.0 a minor release may break the ABI, so 0.x matches only the same
# minor; from 1.0 on, any version of the same major at least as new matches.
#
# The version is read from the installed huddle.h (HUDDLE_VERSION), so this
# file is installed as it is (cargo-c copies it, no substitution) and can never
# disagree with the header beside it.
file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/../../../include/huddle.h" _huddle_version_line
     REGEX "^#define HUDDLE_VERSION \"[0-9]+\\.[0-9]+\\.[0-9]+\"")
if(NOT _huddle_version_line MATCHES "\"([0-9]+\\.[0-9]+\\.[0-9]+)\"")
  set(PACKAGE_VERSION "0")
  set(PACKAGE_VERSION_UNSUITABLE TRUE)
  return()
endif()
set(PACKAGE_VERSION "${CMAKE_MATCH_1}")
unset(_huddle_version_line)

function(_huddle_abi version out)
  if(version MATCHES "^0\\.([0-9]+)")
    set(${out} "0.${CMAKE_MATCH_1}" PARENT_SCOPE)
  else()
    string(REGEX MATCH "^[0-9]+" major "${version}")
    set(${out} "${major}" PARENT_SCOPE)
  endif()
endfunction()

if(NOT PACKAGE_FIND_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
else()
  _huddle_abi("${PACKAGE_VERSION}" _huddle_have)
  _huddle_abi("${PACKAGE_FIND_VERSION}" _huddle_want)
  if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION OR NOT _huddle_have STREQUAL _huddle_want)
    set(PACKAGE_VERSION_COMPATIBLE FALSE)
  else()
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
  endif()
  if(PACKAGE_FIND_VERSION VERSION_EQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
  unset(_huddle_have)
  unset(_huddle_want)
endif()

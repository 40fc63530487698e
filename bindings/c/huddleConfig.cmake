# CMake package of Huddle. After find_package(huddle CONFIG):
#   huddle::huddle_shared  libhuddle.so
#   huddle::huddle_static  libhuddle.a, with the system libraries it needs
#   huddle::huddle         huddle_shared, or huddle_static when HUDDLE_USE_STATIC is true
#                          (set it, or -DHUDDLE_USE_STATIC=ON, before find_package)
# Each gives include/ (huddle.h; huddle.hpp needs C++17).

include(CMakeFindDependencyMacro)
find_dependency(Threads)

# This file is <prefix>/share/cmake/huddle/huddleConfig.cmake (`cargo cinstall`).
get_filename_component(_huddle_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

# `cargo cinstall` puts the libraries in <prefix>/lib unless told otherwise
# (--libdir); on Debian its default is lib/<multiarch>.
set(_huddle_libdir "")
foreach(_huddle_dir lib "lib/${CMAKE_LIBRARY_ARCHITECTURE}" lib64)
  if(NOT _huddle_libdir AND EXISTS "${_huddle_prefix}/${_huddle_dir}/libhuddle.a")
    set(_huddle_libdir "${_huddle_prefix}/${_huddle_dir}")
  endif()
endforeach()
if(NOT _huddle_libdir)
  set(${CMAKE_FIND_PACKAGE_NAME}_FOUND FALSE)
  set(${CMAKE_FIND_PACKAGE_NAME}_NOT_FOUND_MESSAGE "no libhuddle.a in ${_huddle_prefix}/lib")
  unset(_huddle_prefix)
  unset(_huddle_dir)
  return()
endif()

if(NOT TARGET huddle::huddle)
  add_library(huddle::huddle_shared SHARED IMPORTED)
  # lib/libhuddle.so links to the versioned file, whose SONAME (libhuddle.so.0.1
  # for 0.1.x: cargo-c's scheme) is what executables record.
  set_target_properties(huddle::huddle_shared PROPERTIES
    IMPORTED_LOCATION "${_huddle_libdir}/libhuddle.so"
    INTERFACE_INCLUDE_DIRECTORIES "${_huddle_prefix}/include")

  add_library(huddle::huddle_static STATIC IMPORTED)
  # The list is what `cargo rustc -- --print native-static-libs` prints on Linux.
  # HUDDLE_STATIC keeps huddle.h from asking for dllimport on Windows.
  set_target_properties(huddle::huddle_static PROPERTIES
    IMPORTED_LOCATION "${_huddle_libdir}/libhuddle.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_huddle_prefix}/include"
    INTERFACE_COMPILE_DEFINITIONS HUDDLE_STATIC
    INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS};m;rt;util")

  add_library(huddle::huddle INTERFACE IMPORTED)
  if(HUDDLE_USE_STATIC)
    set_target_properties(huddle::huddle PROPERTIES INTERFACE_LINK_LIBRARIES huddle::huddle_static)
  else()
    set_target_properties(huddle::huddle PROPERTIES INTERFACE_LINK_LIBRARIES huddle::huddle_shared)
  endif()
endif()

unset(_huddle_prefix)
unset(_huddle_libdir)
unset(_huddle_dir)

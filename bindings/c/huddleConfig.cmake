# CMake package of Huddle. After find_package(huddle CONFIG):
#   huddle::huddle_shared  libhuddle.so
#   huddle::huddle_static  libhuddle.a, with the system libraries it needs
#   huddle::huddle         huddle_shared, or huddle_static when HUDDLE_USE_STATIC is true
#                          (set it, or -DHUDDLE_USE_STATIC=ON, before find_package)
# Each gives include/ (huddle.h; huddle.hpp needs C++17).

include(CMakeFindDependencyMacro)
find_dependency(Threads)

get_filename_component(_huddle_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET huddle::huddle)
  add_library(huddle::huddle_shared SHARED IMPORTED)
  # cargo gives the cdylib no SONAME: without this, executables would record
  # the library's absolute path instead of libhuddle.so.
  set_target_properties(huddle::huddle_shared PROPERTIES
    IMPORTED_LOCATION "${_huddle_prefix}/lib/libhuddle.so"
    IMPORTED_NO_SONAME TRUE
    INTERFACE_INCLUDE_DIRECTORIES "${_huddle_prefix}/include")

  add_library(huddle::huddle_static STATIC IMPORTED)
  # The list is what `cargo rustc -- --print native-static-libs` prints on Linux.
  # HUDDLE_STATIC keeps huddle.h from asking for dllimport on Windows.
  set_target_properties(huddle::huddle_static PROPERTIES
    IMPORTED_LOCATION "${_huddle_prefix}/lib/libhuddle.a"
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

# Policies compiled into a target as machine code.
#
#   writ_add_machine_code(TARGET <target> SYMBOL <name> POLICIES <file or folder>...)
#
# At build time, `writ build -p <policies> --emit-cpp <name>.cpp` writes the
# policies' bundle and their functions as C++ (docs/embedding.md); the file
# is compiled into <target>, which declares and loads the program:
#
#   extern const writ::EmbeddedProgram <name>;
#   auto set = writ::PolicySet::load_embedded(<name>);
#
# Policy paths are relative to the calling CMakeLists.txt's folder, and are
# spelled so in the program's messages. The C++ is emitted again when a
# policy or writ itself changes.
#
# In writ's own build (or a host that add_subdirectory()s it) the writ
# target emits the C++; in a host built against an installed writ
# (find_package(writ), which includes this file) writ::cli does, and the
# target is linked with writ::machine_code for the runtime headers the C++
# includes. Such a target links writ::writ itself, with the keyword form
# (target_link_libraries(<target> PRIVATE writ::writ)).

# writ_machine_code_options(VAR): the compile options for generated C++.
# GCC stops inlining into a function that has grown past its limits, and a
# rule's function is long: Value::of, Value::boolean, list_at... would stay
# calls (on pss/restricted 23,317 instructions per evaluation instead of
# 22,572). Lifted for generated code only. A function, not a variable, so
# that a host that add_subdirectory()s writ gets them too.
function(writ_machine_code_options var)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(${var} "--param=large-function-growth=10000;--param=large-function-insns=1000000;--param=inline-unit-growth=10000"
        PARENT_SCOPE)
  else()
    set(${var} "" PARENT_SCOPE)
  endif()
endfunction()

function(writ_add_machine_code)
  cmake_parse_arguments(ARG "" "TARGET;SYMBOL" "POLICIES" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_SYMBOL OR NOT ARG_POLICIES)
    message(FATAL_ERROR "writ_add_machine_code(TARGET <target> SYMBOL <name> POLICIES <files or folders>...)")
  endif()
  if(TARGET writ)
    set(tool writ)
  elseif(TARGET writ::cli)
    set(tool writ::cli)
  else()
    message(FATAL_ERROR "writ_add_machine_code: no writ program (build writ, or find_package(writ))")
  endif()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_SYMBOL}.cpp)
  set(args)
  set(deps)
  foreach(policy ${ARG_POLICIES})
    list(APPEND args -p ${policy})
    get_filename_component(abs ${policy} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(IS_DIRECTORY ${abs})
      file(GLOB_RECURSE found CONFIGURE_DEPENDS ${abs}/*.writ)
      list(APPEND deps ${found})
    elseif(EXISTS ${abs})
      list(APPEND deps ${abs})
    endif()  # else a standard pack: writ itself is the dependency
  endforeach()
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
            $<TARGET_FILE:${tool}> build ${args} --emit-cpp ${out} --symbol ${ARG_SYMBOL}
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    DEPENDS ${tool} ${deps}
    COMMENT "Compiling ${ARG_POLICIES} to machine code (${ARG_SYMBOL})"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${out})
  if(TARGET writ::machine_code)
    target_link_libraries(${ARG_TARGET} PRIVATE writ::machine_code)
  endif()
  writ_machine_code_options(options)
  set_source_files_properties(${out} TARGET_DIRECTORY ${ARG_TARGET} PROPERTIES COMPILE_OPTIONS "${options}")
endfunction()

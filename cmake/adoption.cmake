# Helpers shared by every service and tool, so each CMakeLists.txt stays a few lines.

# adoption_warnings(<target>): our warnings-as-errors on project code only.
function(adoption_warnings target)
  target_compile_options(${target} PRIVATE ${ADOPTION_WARNINGS})
endfunction()

# adoption_embed(<target> <name> FILES...): compiles files into the target as
# `const std::vector<platform::EmbeddedFile>& <name>()` (migrations, config tables).
function(adoption_embed target name)
  cmake_parse_arguments(E "" "NAMESPACE" "FILES" ${ARGN})
  if(NOT E_NAMESPACE)
    set(E_NAMESPACE platform)
  endif()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${E_NAMESPACE}_${name}_embedded.cc)
  string(REPLACE ";" "," files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DNS=${E_NAMESPACE} -DOUT=${out} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "embedding ${name}" VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()

# adoption_test(<name> LABEL <label> SOURCES <files> LIBS <libs> [SPLIT_BACKENDS]):
# a gtest binary registered as one ctest test (discovery per test is slow under
# ASan). SPLIT_BACKENDS registers it twice: the SQLite cases as `unit`, the
# MySQL/MariaDB cases as `integration`.
function(adoption_test name)
  cmake_parse_arguments(T "SPLIT_BACKENDS" "LABEL" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} platform_testing GTest::gtest_main GTest::gmock)
  adoption_warnings(${name})
  if(T_SPLIT_BACKENDS)
    add_test(NAME ${name}_sqlite COMMAND ${name} --gtest_filter=-*mysql*)
    set_tests_properties(${name}_sqlite PROPERTIES LABELS unit)
    add_test(NAME ${name}_mysql COMMAND ${name} --gtest_filter=*mysql*)
    set_tests_properties(${name}_mysql PROPERTIES LABELS integration)
  else()
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES LABELS ${T_LABEL})
  endif()
endfunction()

# adoption_service(<context> DOMAIN <srcs> STORE <srcs> API <srcs>): the same inside
# for every service — <ctx>_domain (pure), <ctx>_store (SOCI + embedded
# migrations), <ctx>_api (gRPC handlers), <ctx>-svc (main.cc, wiring only).
function(adoption_service ctx)
  cmake_parse_arguments(S "" "" "DOMAIN;STORE;API" ${ARGN})
  add_library(${ctx}_domain STATIC ${S_DOMAIN})
  target_link_libraries(${ctx}_domain PUBLIC platform_core)
  adoption_warnings(${ctx}_domain)

  add_library(${ctx}_store STATIC ${S_STORE})
  target_link_libraries(${ctx}_store PUBLIC ${ctx}_domain platform)
  file(GLOB migrations CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/store/migrations/*.sql)
  adoption_embed(${ctx}_store Migrations NAMESPACE ${ctx} FILES ${migrations})
  adoption_warnings(${ctx}_store)

  add_library(${ctx}_api STATIC ${S_API})
  target_link_libraries(${ctx}_api PUBLIC ${ctx}_store ${ctx}_domain adoption_${ctx}_v1_proto platform)
  adoption_warnings(${ctx}_api)

  add_executable(${ctx}-svc main.cc)
  target_link_libraries(${ctx}-svc PRIVATE ${ctx}_api)
  adoption_warnings(${ctx}-svc)

  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tests/CMakeLists.txt)
    add_subdirectory(tests)
  endif()
endfunction()

# adoption_check_layering(<target> FORBIDDEN <libraries>): configuration fails when
# <target> reaches any of <libraries> through its link libraries, directly or not —
# layering as a build rule (docs/architecture.md, "Layers").
function(adoption_check_layering target)
  cmake_parse_arguments(L "" "" "FORBIDDEN" ${ARGN})
  set(seen)
  set(queue ${target})
  while(queue)
    list(POP_FRONT queue t)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" t "${t}")
    if(t IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${t})
    if(t IN_LIST L_FORBIDDEN)
      message(FATAL_ERROR "${target} reaches ${t}: a domain target may link only platform_core")
    endif()
    if(NOT TARGET ${t})
      continue()
    endif()
    get_target_property(aliased ${t} ALIASED_TARGET)
    if(aliased)
      list(APPEND queue ${aliased})
    endif()
    get_target_property(type ${t} TYPE)
    set(properties INTERFACE_LINK_LIBRARIES)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      list(APPEND properties LINK_LIBRARIES)
    endif()
    foreach(property ${properties})
      get_target_property(libraries ${t} ${property})
      if(libraries)
        list(APPEND queue ${libraries})
      endif()
    endforeach()
  endwhile()
endfunction()

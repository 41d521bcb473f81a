# Debian's ANTLR 4.9 runtime headers do not compile with clang:
# misc/InterpreterDataReader.h defines `InterpreterData() {}`, which
# default-constructs a Vocabulary whose default constructor is deleted (a
# const member without initializer); gcc lets it pass. For clang builds (the
# fuzz build), use a copy of the headers with that constructor defaulted:
# it is then merely deleted, and nothing of ours calls it. Sets
# ANTLR4_INCLUDE_DIR to the copy.
set(WRIT_ANTLR_FIXED ${CMAKE_BINARY_DIR}/antlr4-runtime)
set(header misc/InterpreterDataReader.h)
if(NOT EXISTS ${WRIT_ANTLR_FIXED}/${header})
  file(COPY ${ANTLR4_INCLUDE_DIR}/ DESTINATION ${WRIT_ANTLR_FIXED})
  file(READ ${ANTLR4_INCLUDE_DIR}/${header} text)
  string(REPLACE "InterpreterData() {};" "InterpreterData() = default;" fixed "${text}")
  if(fixed STREQUAL text)
    message(FATAL_ERROR "cmake/AntlrForClang.cmake: ${ANTLR4_INCLUDE_DIR}/${header} has changed; check whether the fix is still needed")
  endif()
  file(WRITE ${WRIT_ANTLR_FIXED}/${header} "${fixed}")
endif()
set(ANTLR4_INCLUDE_DIR ${WRIT_ANTLR_FIXED})

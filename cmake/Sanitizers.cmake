# -DWRIT_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer for
# everything built here. -DWRIT_TSAN=ON: ThreadSanitizer. -DWRIT_FUZZ=ON:
# the same ASan + UBSan, plus libFuzzer's coverage instrumentation
# (fuzzer-no-link: only the fuzz targets link libFuzzer's main; see fuzz/).
if(WRIT_SANITIZE AND WRIT_TSAN)
  message(FATAL_ERROR "WRIT_SANITIZE and WRIT_TSAN cannot be combined")
endif()
if(WRIT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "WRIT_FUZZ needs clang: -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang")
  endif()
  if(WRIT_TSAN)
    message(FATAL_ERROR "WRIT_FUZZ and WRIT_TSAN cannot be combined")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(WRIT_SANITIZE OR WRIT_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
# A program not built here (python3, the examples built against an installed
# writ) can load a sanitized libwrit.so only with the sanitizer runtime
# loaded first: the tests that run such hosts preload it (WRIT_HOST_PRELOAD,
# empty otherwise). LeakSanitizer stays on for writ's own test programs; in
# hosts it would report the interpreter's own allocations.
set(WRIT_HOST_PRELOAD "")
if(WRIT_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
                  OUTPUT_VARIABLE WRIT_HOST_PRELOAD OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
if(WRIT_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

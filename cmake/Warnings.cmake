# Our code builds with -Wall -Wextra -Werror. Generated ANTLR code is exempt
# (grammar/CMakeLists.txt compiles it without these flags).
function(writ_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-unused-parameter)
endfunction()

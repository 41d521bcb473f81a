# -DWRIT_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer for
# everything built here. -DWRIT_TSAN=ON: ThreadSanitizer.
if(WRIT_SANITIZE AND WRIT_TSAN)
  message(FATAL_ERROR "WRIT_SANITIZE and WRIT_TSAN cannot be combined")
endif()
if(WRIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(WRIT_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

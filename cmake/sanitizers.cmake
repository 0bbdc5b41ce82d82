# SPDX-License-Identifier: MIT
# GENOVEIL_SANITIZE=address,undefined | thread: instrument everything we compile.
if(GENOVEIL_SANITIZE)
  add_compile_options(-fsanitize=${GENOVEIL_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${GENOVEIL_SANITIZE})
endif()

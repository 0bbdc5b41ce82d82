# SPDX-License-Identifier: MIT
# Project-wide warnings; -Werror in CI builds (GENOVEIL_WERROR=ON).
add_library(genoveil_warnings INTERFACE)
target_compile_options(genoveil_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)
if(GENOVEIL_WERROR)
  target_compile_options(genoveil_warnings INTERFACE -Werror)
endif()

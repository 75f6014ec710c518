# Project-wide compile options, applied through the foldwise_options interface target so
# that imported (system) targets never see them.
add_library(foldwise_options INTERFACE)
target_compile_options(foldwise_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 reports a false -Wrestrict inside libstdc++ for `"literal" + std::string` at -O2/-O3
# (GCC bug 105651, fixed in GCC 13); the pattern is idiomatic, so only that warning is silenced.
target_compile_options(foldwise_options INTERFACE
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
if(FOLDWISE_WERROR)
  target_compile_options(foldwise_options INTERFACE -Werror)
endif()

if(FOLDWISE_SANITIZE)
  # Applied globally so every target, including tests, shares one sanitizer runtime.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

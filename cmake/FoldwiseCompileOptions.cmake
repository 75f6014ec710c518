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

if(FOLDWISE_FUZZ)
  # libFuzzer ships with clang only (compiler-rt); GCC has no -fsanitize=fuzzer.
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "FOLDWISE_FUZZ needs clang (libFuzzer), but the C++ compiler is "
      "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER}. Install it with `bash installer/install-deps.sh --fuzz` "
      "and configure with `cmake --preset fuzz` (or -DCMAKE_CXX_COMPILER=clang++).")
  endif()
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=fuzzer)
  check_cxx_source_compiles(
    "#include <cstddef>\n#include <cstdint>\nextern \"C\" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }"
    FOLDWISE_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(NOT FOLDWISE_HAVE_LIBFUZZER)
    message(FATAL_ERROR "FOLDWISE_FUZZ: ${CMAKE_CXX_COMPILER} cannot link -fsanitize=fuzzer; install clang's "
      "runtime libraries (Debian: libclang-rt-14-dev, or `bash installer/install-deps.sh --fuzz`).")
  endif()
  # Everything is instrumented for coverage (fuzzer-no-link) and checked by ASan+UBSan, as
  # FOLDWISE_SANITIZE does; only the harness executables link libFuzzer's main (-fsanitize=fuzzer,
  # tests/fuzz/CMakeLists.txt), so the replay drivers and other tools still link normally.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

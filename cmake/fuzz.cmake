# libFuzzer harnesses (fuzz/, docs/fuzzing.md), built by the `fuzz` preset with clang only.
# Every object (library and harnesses) gets coverage instrumentation for libFuzzer plus ASan
# and UBSan; a UBSan report aborts (-fno-sanitize-recover) so the fuzzer counts it as a crash.
# The harnesses link libFuzzer's main (-fsanitize=fuzzer, fuzz/CMakeLists.txt).
option(QAT_BUILD_FUZZ "Build the libFuzzer harnesses under fuzz/ (clang; the fuzz preset)" OFF)
if(QAT_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "QAT_BUILD_FUZZ=ON needs clang (libFuzzer): use 'cmake --preset fuzz'")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

// QAT_CHECK: a precondition that holds unless the calling code is wrong (a programmer error,
// not bad input: bad input is a Result error). Checked in every build, release included;
// when it fails the process stops with the file, line and condition, rather than reading or
// writing out of bounds. Use it once per call, never inside a hot loop.
#pragma once

#include <cstdio>
#include <cstdlib>

#define QAT_CHECK(condition)                                                                \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "qtrader: internal check failed at %s:%d: %s\n", __FILE__, __LINE__, \
                   #condition);                                                             \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)

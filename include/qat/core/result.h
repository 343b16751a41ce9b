// Result<T>: the value of an operation that can fail for an expected reason (bad file, bad
// row, HTTP error, SQLite error, unknown symbol, too little history). The error carries a
// message that names the file and line, symbol or date. Programmer errors are assertions.
#pragma once

#include <cassert>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace qat {

// What kind of failure an Error is: a front end picks its answer from it (the CLI exits 2 for
// invalid input, 1 otherwise) without reading the message.
enum class ErrorCode {
  kFailed,        // the work failed (the default)
  kInvalidInput,  // a request that can never succeed as given: a bad option value, an unknown name
  kNotFound,      // something asked for is not there (a symbol, a store, a file)
  kIo,            // reading or writing a file failed
  kExternal,      // a service or library outside qtrader failed (HTTP, XGBoost)
  kCorrupt,       // stored data fails its own checks
};

struct Error {
  std::string message;
  ErrorCode code = ErrorCode::kFailed;

  // "context: message", same code: what a caller adds as the error travels up (the symbol,
  // the fold and its dates, the file).
  Error WithContext(std::string_view context) const {
    return Error{std::string(context) + ": " + message, code};
  }
};

// Builds an Error from a fmt format string: `return Fail("{}:{}: bad value", file, line);`
template <typename... Args>
Error Fail(fmt::format_string<Args...> format, Args&&... args) {
  return Error{fmt::format(format, std::forward<Args>(args)...)};
}
// The same with a code: `return Fail(ErrorCode::kInvalidInput, "horizon {} is not 1..21", h);`
template <typename... Args>
Error Fail(ErrorCode code, fmt::format_string<Args...> format, Args&&... args) {
  return Error{fmt::format(format, std::forward<Args>(args)...), code};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Success is a null pointer: an OK Status is one word to make, test and destroy (the
// backtest engine returns several per bar); a failure owns its Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::make_unique<Error>(std::move(error))) {}  // NOLINT: implicit by design
  Result(const Result& other) : error_(other.error_ ? std::make_unique<Error>(*other.error_) : nullptr) {}
  Result(Result&&) noexcept = default;
  Result& operator=(const Result& other) {
    error_ = other.error_ ? std::make_unique<Error>(*other.error_) : nullptr;
    return *this;
  }
  Result& operator=(Result&&) noexcept = default;

  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(error_); return *error_; }

 private:
  std::unique_ptr<Error> error_;
};

using Status = Result<void>;

inline Status Ok() { return Status(); }

}  // namespace qat

#define QAT_CONCAT_INNER(a, b) a##b
#define QAT_CONCAT(a, b) QAT_CONCAT_INNER(a, b)

// Evaluates `expr` (a Status or Result); returns its error from the enclosing function.
#define QAT_RETURN_IF_ERROR(expr)                                     \
  do {                                                                \
    auto&& qat_status_ = (expr);                                      \
    if (!qat_status_.ok()) return ::qat::Error(qat_status_.error()); \
  } while (false)

// `QAT_ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value or returns its error.
#define QAT_ASSIGN_OR_RETURN(lhs, expr) \
  QAT_ASSIGN_OR_RETURN_IMPL(QAT_CONCAT(qat_result_, __LINE__), lhs, expr)
#define QAT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)     \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return ::qat::Error(tmp.error());    \
  lhs = std::move(tmp).value()

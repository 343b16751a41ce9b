// Shared helpers of the qtrader._core extension: the library's errors as Python exceptions,
// JSON <-> Python objects, float64 arrays in (no copy when contiguous) and out (the library's
// vectors handed to numpy without a copy).
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "qat/core/result.h"

namespace qat::py {

namespace pyb = pybind11;

// Carries a library Error to the translator registered in module.cc, which raises
// InvalidInputError (a ValueError) for kInvalidInput, NotFoundError (a FileNotFoundError) for
// kNotFound, QtraderRuntimeError (a RuntimeError) for the rest; each has `.code`.
struct LibraryError {
  Error error;
};

[[noreturn]] inline void Throw(const Error& error) { throw LibraryError{error}; }

template <typename T>
T Unwrap(Result<T>&& result) {
  if (!result.ok()) Throw(result.error());
  return std::move(result).value();
}
inline void Check(const Status& status) {
  if (!status.ok()) Throw(status.error());
}
[[noreturn]] inline void ThrowInvalid(const std::string& message) {
  Throw(Error{message, ErrorCode::kInvalidInput});
}

void RegisterErrors(pyb::module_& m);

// Python object <-> JSON (dict, list, str, int, float, bool, None; numpy scalars as numbers).
pyb::object ToPython(const nlohmann::json& json);
nlohmann::json ToJson(pyb::handle object);

// A 1-D float64 input: numpy arrays, pandas Series, lists. A C-contiguous float64 array is
// used in place; anything else is converted once (forcecast).
using InArray = pyb::array_t<double, pyb::array::c_style | pyb::array::forcecast>;

inline std::span<const double> Span(const InArray& a, const char* name) {
  if (a.ndim() != 1) ThrowInvalid(std::string(name) + ": expected a 1-D array, got " + std::to_string(a.ndim()) + " dimensions");
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

// The vector's buffer as a numpy array owning it (no copy).
template <typename T>
pyb::array_t<T> ToArray(std::vector<T>&& values) {
  auto* heap = new std::vector<T>(std::move(values));
  pyb::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return pyb::array_t<T>({heap->size()}, {sizeof(T)}, heap->data(), owner);
}

// Releases the GIL for the scope when `release` (long calls; a few microseconds of work is
// cheaper with the GIL held).
class MaybeRelease {
 public:
  explicit MaybeRelease(bool release) {
    if (release) released_.emplace();
  }

 private:
  std::optional<pyb::gil_scoped_release> released_;
};

// Arrays at least this long are computed with the GIL released.
inline constexpr std::size_t kReleaseGilFrom = 2048;

void AddTa(pyb::module_& m);
void AddData(pyb::module_& m);
void AddApp(pyb::module_& m);

}  // namespace qat::py

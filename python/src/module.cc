// qtrader._core: the compiled half of `import qtrader` (docs/python.md). The functions here
// are thin: they convert arguments, call the library's application layer (the same calls the
// CLI makes) and convert the answers; python/qtrader/ gives them their Pythonic shape.
#include <cmath>
#include <string>

#include "common.h"
#include "qat/core/build_info.h"

namespace qat::py {
namespace {

PyObject* g_base = nullptr;
PyObject* g_invalid = nullptr;
PyObject* g_not_found = nullptr;
PyObject* g_runtime = nullptr;

const char* CodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kFailed: return "failed";
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kExternal: return "external";
    case ErrorCode::kCorrupt: return "corrupt";
  }
  return "failed";
}

PyObject* NewException(pyb::module_& m, const char* name, PyObject* bases, const char* doc) {
  const std::string qualified = std::string("qtrader._core.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
  if (type == nullptr) throw pyb::error_already_set();
  m.add_object(name, pyb::handle(type));
  return type;
}

}  // namespace

void RegisterErrors(pyb::module_& m) {
  g_base = NewException(m, "QtraderError", PyExc_Exception,
                        "Base of every error the qtrader library reports; `.code` names its kind "
                        "(invalid_input, not_found, io, external, corrupt, failed).");
  auto two = [](PyObject* a, PyObject* b) {
    PyObject* t = PyTuple_Pack(2, a, b);
    if (t == nullptr) throw pyb::error_already_set();
    return t;
  };
  g_invalid = NewException(m, "InvalidInputError", two(g_base, PyExc_ValueError),
                           "A request that can never succeed as given (a ValueError).");
  g_not_found = NewException(m, "NotFoundError", two(g_base, PyExc_FileNotFoundError),
                             "Something asked for is not there: a store, file, symbol or model set "
                             "(a FileNotFoundError).");
  g_runtime = NewException(m, "QtraderRuntimeError", two(g_base, PyExc_RuntimeError),
                           "The work failed (I/O, corrupt data, XGBoost, HTTP, ...): a RuntimeError.");
  pyb::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const LibraryError& e) {
      PyObject* type = e.error.code == ErrorCode::kInvalidInput ? g_invalid
                       : e.error.code == ErrorCode::kNotFound   ? g_not_found
                                                                : g_runtime;
      PyObject* instance = PyObject_CallFunction(type, "s", e.error.message.c_str());
      if (instance == nullptr) return;  // the call's own error stays set
      PyObject* code = PyUnicode_FromString(CodeName(e.error.code));
      PyObject_SetAttrString(instance, "code", code);
      Py_XDECREF(code);
      PyErr_SetObject(type, instance);
      Py_DECREF(instance);
    }
  });
}

pyb::object ToPython(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return pyb::none();
    case nlohmann::json::value_t::boolean: return pyb::bool_(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return pyb::int_(j.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: return pyb::int_(j.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float: return pyb::float_(j.get<double>());
    case nlohmann::json::value_t::string: return pyb::str(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      pyb::list out;
      for (const auto& item : j) out.append(ToPython(item));
      return out;
    }
    case nlohmann::json::value_t::object: {
      pyb::dict out;
      for (const auto& [key, value] : j.items()) out[pyb::str(key)] = ToPython(value);
      return out;
    }
    default: return pyb::none();
  }
}

nlohmann::json ToJson(pyb::handle o) {
  if (o.is_none()) return nullptr;
  if (pyb::isinstance<pyb::bool_>(o)) return o.cast<bool>();
  if (pyb::isinstance<pyb::int_>(o)) return o.cast<std::int64_t>();
  if (pyb::isinstance<pyb::float_>(o)) {
    const double x = o.cast<double>();
    return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
  }
  if (pyb::isinstance<pyb::str>(o)) return o.cast<std::string>();
  if (pyb::isinstance<pyb::dict>(o)) {
    nlohmann::json out = nlohmann::json::object();
    for (auto item : o.cast<pyb::dict>()) out[pyb::str(item.first).cast<std::string>()] = ToJson(item.second);
    return out;
  }
  if (pyb::isinstance<pyb::list>(o) || pyb::isinstance<pyb::tuple>(o)) {
    nlohmann::json out = nlohmann::json::array();
    for (auto item : o) out.push_back(ToJson(item));
    return out;
  }
  // numpy scalars and anything else with __float__ / __index__.
  if (pyb::hasattr(o, "dtype") && pyb::hasattr(o, "item")) return ToJson(o.attr("item")());
  ThrowInvalid("cannot convert a " + std::string(pyb::str(o.get_type().attr("__name__"))) + " to JSON");
}

}  // namespace qat::py

PYBIND11_MODULE(_core, m) {
  m.doc() = "qtrader's compiled core: the C++ library's application layer (use the `qtrader` package).";
  qat::py::RegisterErrors(m);
  m.attr("version") = std::string(qat::BuildVersion());
  m.attr("git_commit") = std::string(qat::BuildGitCommit());
  qat::py::AddTa(m);
  qat::py::AddData(m);
  qat::py::AddApp(m);
}

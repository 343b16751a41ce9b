#include "qat/models/xgboost.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <string_view>

#include "qat/core/strings.h"

namespace qat::models {
namespace {

// XGBGetLastError() as a user may read it: its first meaningful line, without the
// "[12:34:56] /path/to/src/learner.cc:1059: " prefix, and never the native stack trace
// ("Stack trace:" and "[bt] (0) ..." lines) that XGBoost appends; escaped and bounded
// like every quoted input (it can echo bytes of a bad model file).
std::string LastXgbError() {
  const char* raw = XGBGetLastError();
  std::string_view rest = raw != nullptr ? std::string_view(raw) : std::string_view();
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    std::string_view line = Trim(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (line.starts_with("Stack trace") || line.starts_with("[bt]")) break;
    // "[hh:mm:ss] "
    if (line.size() > 10 && line[0] == '[' && line[9] == ']') line = Trim(line.substr(10));
    // "/path/file.cc:123: "
    const std::size_t colon = line.find(": ");
    if (colon != std::string_view::npos) {
      std::string_view head = line.substr(0, colon);
      const std::size_t last = head.rfind(':');
      if (last != std::string_view::npos && last + 1 < head.size() && head.find(' ') == std::string_view::npos &&
          std::all_of(head.begin() + static_cast<std::ptrdiff_t>(last) + 1, head.end(),
                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
        line = Trim(line.substr(colon + 2));
      }
    }
    if (!line.empty()) return PrintableText(line, 240);
  }
  return "unknown error (XGBoost gave no message)";
}

Error XgbError(const char* call) { return Fail("XGBoost {}: {}", call, LastXgbError()); }

}  // namespace

Result<DMatrix> DMatrix::FromDense(std::span<const float> values, std::size_t rows, std::size_t cols) {
  if (values.size() != rows * cols) {
    return Fail("DMatrix: {} values for {} rows x {} columns", values.size(), rows, cols);
  }
  DMatrixHandle handle = nullptr;
  if (XGDMatrixCreateFromMat(values.data(), rows, cols, std::nanf(""), &handle) != 0) {
    return XgbError("XGDMatrixCreateFromMat");
  }
  return DMatrix(handle);
}

DMatrix& DMatrix::operator=(DMatrix&& other) noexcept {
  if (this != &other) {
    if (handle_) XGDMatrixFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

DMatrix::~DMatrix() {
  if (handle_) XGDMatrixFree(handle_);
}

Status DMatrix::SetLabels(std::span<const float> labels) {
  if (XGDMatrixSetFloatInfo(handle_, "label", labels.data(), labels.size()) != 0) {
    return XgbError("XGDMatrixSetFloatInfo(label)");
  }
  return Ok();
}

Status DMatrix::SetWeights(std::span<const float> weights) {
  if (XGDMatrixSetFloatInfo(handle_, "weight", weights.data(), weights.size()) != 0) {
    return XgbError("XGDMatrixSetFloatInfo(weight)");
  }
  return Ok();
}

Result<Booster> Booster::Create(const DMatrix& train) {
  BoosterHandle handle = nullptr;
  DMatrixHandle cache[] = {train.handle()};
  if (XGBoosterCreate(cache, 1, &handle) != 0) return XgbError("XGBoosterCreate");
  return Booster(handle);
}

Result<Booster> Booster::Load(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Fail(ErrorCode::kNotFound, "{}: model file not found", path.string());
  BoosterHandle handle = nullptr;
  if (XGBoosterCreate(nullptr, 0, &handle) != 0) return XgbError("XGBoosterCreate");
  Booster booster(handle);
  if (XGBoosterLoadModel(handle, path.c_str()) != 0) {
    return Fail("{}: cannot load model: {}", path.string(), LastXgbError());
  }
  // A loaded model predicts a few rows (a forecast, a watchlist's signals): one thread. With
  // OpenMP's default team, 45 one-row predictions spent 45% of 'qtrader signals' spin-waiting.
  QAT_RETURN_IF_ERROR(booster.SetParam("nthread", "1"));
  return booster;
}

Booster& Booster::operator=(Booster&& other) noexcept {
  if (this != &other) {
    if (handle_) XGBoosterFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

Booster::~Booster() {
  if (handle_) XGBoosterFree(handle_);
}

Status Booster::SetParam(const std::string& name, const std::string& value) {
  if (XGBoosterSetParam(handle_, name.c_str(), value.c_str()) != 0) {
    return Fail("XGBoost parameter {}={}: {}", name, value, LastXgbError());
  }
  return Ok();
}

Status Booster::UpdateOneIter(int iteration, const DMatrix& train) {
  if (XGBoosterUpdateOneIter(handle_, iteration, train.handle()) != 0) {
    return XgbError("XGBoosterUpdateOneIter");
  }
  return Ok();
}

Status Booster::BoostOneIter(const DMatrix& train, std::span<float> gradient, std::span<float> hessian) {
  if (gradient.size() != hessian.size()) return Fail("BoostOneIter: gradient/hessian sizes differ");
  if (XGBoosterBoostOneIter(handle_, train.handle(), gradient.data(), hessian.data(),
                            gradient.size()) != 0) {
    return XgbError("XGBoosterBoostOneIter");
  }
  return Ok();
}

Result<std::vector<float>> Booster::Predict(const DMatrix& data, bool output_margin) const {
  bst_ulong length = 0;
  const float* result = nullptr;
  if (XGBoosterPredict(handle_, data.handle(), output_margin ? 1 : 0, 0, 0, &length, &result) != 0) {
    return XgbError("XGBoosterPredict");
  }
  return std::vector<float>(result, result + length);
}

Result<Booster> Booster::Slice(int rounds) const {
  if (rounds < 1) return Fail("Booster::Slice: rounds must be >= 1 (got {})", rounds);
  BoosterHandle out = nullptr;
  if (XGBoosterSlice(handle_, 0, rounds, 1, &out) != 0) return XgbError("XGBoosterSlice");
  return Booster(out);
}

Status Booster::SaveJson(const std::filesystem::path& path) const {
  QAT_ASSIGN_OR_RETURN(std::string json, ToJson());
  std::ofstream out(path, std::ios::binary);
  if (!out) return Fail("{}: cannot write model", path.string());
  out << json;
  out.close();
  if (!out) return Fail(ErrorCode::kIo, "{}: write failed (disk full?)", path.string());
  return Ok();
}

Result<std::string> Booster::ToJson() const {
  bst_ulong length = 0;
  const char* bytes = nullptr;
  if (XGBoosterSaveModelToBuffer(handle_, R"({"format": "json"})", &length, &bytes) != 0) {
    return XgbError("XGBoosterSaveModelToBuffer");
  }
  return std::string(bytes, length);
}

std::string XGBoostVersionString() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

bool XGBoostHasCuda() {
  const char* info = nullptr;
  if (XGBuildInfo(&info) != 0 || info == nullptr) return false;
  const std::string text(info);
  const auto at = text.find("\"USE_CUDA\"");
  if (at == std::string::npos) return false;
  const auto value = text.find_first_not_of(" :", at + 10);
  return value != std::string::npos && text.compare(value, 4, "true") == 0;
}

}  // namespace qat::models

// RAII wrappers over XGBoost's C API (Debian's 1.7.4: only xgboost/c_api.h is usable).
// Every call's failure becomes a qat::Error carrying XGBGetLastError()'s text.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "qat/core/result.h"

namespace qat::models {

// A dense row-major float matrix with optional labels and weights. NaN marks a missing value.
class DMatrix {
 public:
  static Result<DMatrix> FromDense(std::span<const float> values, std::size_t rows, std::size_t cols);
  DMatrix(DMatrix&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  DMatrix& operator=(DMatrix&& other) noexcept;
  DMatrix(const DMatrix&) = delete;
  DMatrix& operator=(const DMatrix&) = delete;
  ~DMatrix();

  Status SetLabels(std::span<const float> labels);
  Status SetWeights(std::span<const float> weights);
  void* handle() const { return handle_; }

 private:
  explicit DMatrix(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

class Booster {
 public:
  // A booster to be trained on `train` (XGBoost caches it).
  static Result<Booster> Create(const DMatrix& train);
  // Loads a model written by SaveJson (or any XGBoost model file), set to predict on one thread.
  static Result<Booster> Load(const std::filesystem::path& path);
  // An empty booster (no model) to be assigned to.
  Booster() = default;
  Booster(Booster&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Booster& operator=(Booster&& other) noexcept;
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;
  ~Booster();

  Status SetParam(const std::string& name, const std::string& value);
  // One boosting round with the booster's own objective.
  Status UpdateOneIter(int iteration, const DMatrix& train);
  // One boosting round with caller-supplied gradients (custom objectives).
  Status BoostOneIter(const DMatrix& train, std::span<float> gradient, std::span<float> hessian);
  // Predictions: for multi:softprob, rows x classes probabilities (row-major).
  // `output_margin` returns raw margins instead (option_mask 1).
  Result<std::vector<float>> Predict(const DMatrix& data, bool output_margin = false) const;
  // The first `rounds` boosting rounds as a new booster (XGBoosterSlice).
  Result<Booster> Slice(int rounds) const;
  Status SaveJson(const std::filesystem::path& path) const;
  // The model as JSON text (what SaveJson writes).
  Result<std::string> ToJson() const;

 private:
  explicit Booster(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

// "1.7.4"
std::string XGBoostVersionString();

// Whether the linked XGBoost was built with CUDA (from XGBuildInfo's USE_CUDA).
bool XGBoostHasCuda();

}  // namespace qat::models

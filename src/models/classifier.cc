#include "qat/models/classifier.h"

#include <fmt/format.h>

namespace qat::models {

Result<Booster> TrainClassifier(std::span<const float> x, std::size_t cols, std::span<const float> y,
                                int classes, const ClassifierParams& p) {
  if (cols == 0 || x.size() != y.size() * cols) {
    return Fail("classifier: {} values for {} labels x {} columns", x.size(), y.size(), cols);
  }
  QAT_ASSIGN_OR_RETURN(auto train, DMatrix::FromDense(x, y.size(), cols));
  QAT_RETURN_IF_ERROR(train.SetLabels(y));
  QAT_ASSIGN_OR_RETURN(auto booster, Booster::Create(train));
  std::vector<std::pair<std::string, std::string>> params = {{"objective", "multi:softprob"},
                                                             {"num_class", std::to_string(classes)}};
  for (auto& setting : XGBoostParams(p)) params.push_back(std::move(setting));
  params.emplace_back("eval_metric", "mlogloss");
  for (const auto& [name, value] : params) QAT_RETURN_IF_ERROR(booster.SetParam(name.c_str(), value));
  for (int round = 0; round < p.rounds; ++round) QAT_RETURN_IF_ERROR(booster.UpdateOneIter(round, train));
  return booster;
}

Result<std::vector<float>> PredictProbabilities(const Booster& booster, std::span<const float> x,
                                                std::size_t cols) {
  QAT_ASSIGN_OR_RETURN(auto data, DMatrix::FromDense(x, x.size() / cols, cols));
  return booster.Predict(data);
}

Result<ClassifierFold> TrainAndTestClassifier(const Dataset& ds, const std::vector<std::size_t>& train,
                                              const std::vector<std::size_t>& test,
                                              const ClassifierParams& params) {
  ClassifierFold f;
  std::vector<float> train_y;
  for (std::size_t i : train) train_y.push_back(ds.y[i]);
  for (std::size_t i : test) {
    f.test_y.push_back(ds.y[i]);
    f.test_returns.push_back(ds.forward_return[i]);
  }
  QAT_ASSIGN_OR_RETURN(auto booster, TrainClassifier(ds.Rows(train), ds.cols, train_y,
                                                             labels::kNumActions, params));
  QAT_ASSIGN_OR_RETURN(f.probabilities, PredictProbabilities(booster, ds.Rows(test), ds.cols));
  f.report = EvaluateClassifier(f.probabilities, f.test_y, f.test_returns, ClassPriorOf(train_y));
  return f;
}

}  // namespace qat::models

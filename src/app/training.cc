#include "qat/app/training.h"

#include "qat/core/file_set.h"
#include "qat/models/model_set.h"
#include "qat/reports/manifest.h"

namespace qat::app {

Result<TrainReport> TrainAndPublish(store::Database& db, const TrainRequest& r, const pipeline::Progress& progress) {
  const auto& config = r.config;
  QAT_ASSIGN_OR_RETURN(auto set, FileSetWriter::Begin(models::ModelSetDir(r.model_dir, config.labels.horizon)));
  TrainReport report;
  QAT_ASSIGN_OR_RETURN(report.result, pipeline::RunTraining(db, config, progress));
  for (const auto& s : report.result.series) report.symbols_used += s.skipped.empty() ? 1 : 0;
  report.results = report.result.ToJson(config);
  report.results["manifest"] =
      reports::MakeManifest(report.result.inputs, config.ToJson(), config.classifier.seed, r.now);
  const auto& final_models = report.result.final_models;
  QAT_ASSIGN_OR_RETURN(report.files, models::WriteModelSet(pipeline::FinalModelSchema(report.result, config),
                                                           final_models.classifier, final_models.quantiles,
                                                           report.results, set));
  report.set_dir = set.target();
  auto run_id = pipeline::LogTrainingRun(db, config, report.results, r.model_dir, report.files, r.now);
  if (!run_id.ok()) return run_id.error().WithContext("logging the training run");
  report.run_id = *run_id;
  return report;
}

}  // namespace qat::app

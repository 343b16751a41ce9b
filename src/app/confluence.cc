#include "qat/app/confluence.h"

#include <algorithm>

#include <fmt/format.h>

#include "qat/core/file_set.h"
#include "qat/core/json.h"
#include "qat/core/files.h"
#include "qat/features/features.h"
#include "qat/store/actions.h"

namespace qat::app {

std::filesystem::path ConfluenceDir(const std::filesystem::path& model_dir, int horizon) {
  return model_dir / fmt::format("confluence_{}bar", horizon);
}
std::string ConfluenceFileName(int horizon) { return fmt::format("confluence_{}bar.json", horizon); }

namespace {
std::string EvaluationFileName(int horizon) { return fmt::format("confluence_evaluation_{}bar.json", horizon); }
}  // namespace

Result<SymbolInputs> LoadSymbolBars(store::Database& db, const std::string& symbol, std::optional<Days> as_of) {
  SymbolInputs in;
  signals::SymbolData& d = in.data;
  d.symbol = symbol;
  data::AdjustOptions options;
  options.as_of = as_of;
  QAT_ASSIGN_OR_RETURN(d.daily, store::LoadAdjustedDaily(db, symbol, options));
  if (d.daily.empty()) {
    return as_of ? Fail(ErrorCode::kNotFound, "{}: no daily bars stored on or before {}", symbol, FormatDate(*as_of))
                 : Fail(ErrorCode::kNotFound, "{}: no daily bars stored", symbol);
  }
  auto hourly = store::LoadAdjustedBars(db, {.symbol = symbol, .interval = data::Interval::k1h}, options);
  if (hourly.ok() && !hourly->empty()) {
    d.hourly = std::move(*hourly);
  } else if (!hourly.ok() && hourly.error().code != ErrorCode::kNotFound) {
    return hourly.error();
  }
  return in;
}

Status ComputeSymbolFeatures(SymbolInputs& in, const features::MarketContext& context) {
  QAT_ASSIGN_OR_RETURN(in.features, features::ComputeFeatures(in.data.daily, context));
  for (const char* name : {"rsi_14", "volume_ratio_20"}) {
    const auto* column = in.features.Find(name);
    if (column == nullptr) return Fail("feature {} is not registered", name);
    (std::string(name) == "rsi_14" ? in.data.rsi : in.data.volume_ratio) = *column;
  }
  return Ok();
}

Result<SymbolInputs> LoadSymbolInputs(store::Database& db, const std::string& symbol, std::optional<Days> as_of,
                                      const features::MarketContext& context) {
  QAT_ASSIGN_OR_RETURN(auto in, LoadSymbolBars(db, symbol, as_of));
  QAT_RETURN_IF_ERROR(ComputeSymbolFeatures(in, context));
  return in;
}

Result<signals::ConfluenceFit> RunConfluence(store::Database& db, const ConfluenceRequest& r,
                                             const std::function<void(const std::string&)>& progress) {
  if (r.symbols.empty()) return Fail(ErrorCode::kInvalidInput, "confluence: no symbols given");
  std::optional<data::BarSeries> market;
  if (!r.market.empty()) {
    auto m = store::LoadAdjustedDaily(db, r.market);
    if (!m.ok() || m->empty()) {
      return Fail(ErrorCode::kNotFound, "market {}: no daily bars stored (import it, or pass another --market)",
                  r.market);
    }
    market = std::move(*m);
  }
  std::optional<patterns::MarketRegimes> regimes;
  if (market) regimes = patterns::RegimesOf(*market);
  std::vector<signals::SymbolFrames> frames;
  for (const auto& symbol : r.symbols) {
    QAT_ASSIGN_OR_RETURN(const auto inputs, LoadSymbolInputs(db, symbol, std::nullopt));
    const signals::SymbolData& data = inputs.data;
    QAT_ASSIGN_OR_RETURN(auto f, signals::BuildFrames(data, market ? &*market : nullptr, r.config.timeframes,
                                                      r.config.horizon, regimes ? &*regimes : nullptr));
    if (progress) {
      std::string have;
      for (auto tf : r.config.timeframes) {
        const auto slot = static_cast<std::size_t>(tf);
        have += fmt::format(" {}:{}", signals::TimeframeName(tf), f.records[slot] ? "yes" : "no");
      }
      progress(fmt::format("{}: {} daily bars;{}", symbol, data.daily.size(), have));
    }
    frames.push_back(std::move(f));
  }
  return signals::FitConfluence(frames, r.market, r.config, progress);
}

Result<std::filesystem::path> PublishConfluence(const signals::ConfluenceFit& fit,
                                                const std::filesystem::path& model_dir) {
  const int h = fit.model.horizon;
  QAT_ASSIGN_OR_RETURN(auto set, FileSetWriter::Begin(ConfluenceDir(model_dir, h)));
  QAT_RETURN_IF_ERROR(set.Write(ConfluenceFileName(h), fit.model.ToJson().dump() + "\n"));
  QAT_RETURN_IF_ERROR(set.Write(EvaluationFileName(h), fit.evaluation.ToJson().dump(2) + "\n"));
  QAT_RETURN_IF_ERROR(set.Commit());
  return ConfluenceDir(model_dir, h);
}

Result<signals::ConfluenceModel> ReadConfluence(const std::filesystem::path& model_dir, int horizon) {
  const auto dir = ConfluenceDir(model_dir, horizon);
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    return Fail(ErrorCode::kNotFound, "{}: no confluence model for horizon {} (run 'qtrader confluence fit' first)",
                dir.string(), horizon);
  }
  QAT_RETURN_IF_ERROR(VerifyFileSet(dir));
  const auto path = dir / ConfluenceFileName(horizon);
  QAT_ASSIGN_OR_RETURN(const std::string text, ReadWholeFile(path));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Fail(ErrorCode::kCorrupt, "{}: not valid JSON", path.string());
  QAT_ASSIGN_OR_RETURN(auto model, signals::ConfluenceModel::FromJson(j, path.string()));
  if (model.horizon != horizon) {
    return Fail(ErrorCode::kCorrupt, "{}: a model for horizon {}, expected {}", path.string(), model.horizon, horizon);
  }
  return model;
}

Result<GivenConfluence> ScoreGivenConfluence(const GivenConfluenceRequest& r) {
  QAT_ASSIGN_OR_RETURN(auto model, ReadConfluence(r.model_dir, r.horizon));
  const signals::ConfluenceScorer scorer(model);
  GivenConfluence out;
  std::vector<signals::GivenTimeframe> used;
  for (const auto& g : r.timeframes) {
    if (std::find(model.timeframes.begin(), model.timeframes.end(), g.timeframe) == model.timeframes.end()) {
      out.ignored.push_back(fmt::format("{}: the confluence model was fitted without it", TimeframeName(g.timeframe)));
    } else {
      used.push_back(g);
    }
  }
  QAT_ASSIGN_OR_RETURN(out.confluence, scorer.ScoreGiven(used, r.context));
  out.base_rate = model.base_rate;
  return out;
}

nlohmann::json GivenConfluence::ToJson(const signals::ContextValues& context) const {
  const auto& c = confluence;
  nlohmann::json per = nlohmann::json::array();
  for (const auto& tf : c.timeframes) per.push_back(tf.ToJson());
  nlohmann::json terms = nlohmann::json::object();
  for (const auto& term : c.context) terms[term.term] = {{"bucket", term.bucket}, {"llr", term.llr}};
  return {{"direction", signals::DirectionName(c.direction)},
          {"final_score", c.final_score},
          {"probability", c.probability},
          {"confidence", c.Confidence()},
          {"base_rate", base_rate},
          {"abstained", c.abstained},
          {"plain_sum_probability", c.plain_sum},
          {"per_timeframe", per},
          {"ignored", ignored},
          {"context",
           {{"rsi", JsonNumber(context.rsi)},
            {"volume_ratio", JsonNumber(context.volume_ratio)},
            {"regime", features::TrendRegimeName(context.trend)},
            {"vol_regime", features::VolRegimeName(context.vol)},
            {"terms", terms}}}};
}

}  // namespace qat::app

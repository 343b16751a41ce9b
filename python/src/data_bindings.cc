// qtrader._core: bars in and out (CSV through the library's validating reader, the store's
// adjusted bars), import, fetch, and features (of a stored symbol, or of bars given as arrays).
#include <cmath>
#include <filesystem>
#include <string>

#include "common.h"
#include "qat/app/features.h"
#include "qat/app/fetch.h"
#include "qat/app/ingest.h"
#include "qat/app/paths.h"
#include "qat/core/clock.h"
#include "qat/core/time.h"
#include "qat/data/bar_series.h"
#include "qat/data/csv.h"
#include "qat/data/symbol.h"
#include "qat/features/features.h"
#include "qat/store/actions.h"
#include "qat/store/bars.h"
#include "qat/store/store.h"

namespace qat::py {
namespace {

std::string Symbol(const std::string& text, const char* what) {
  auto valid = data::ValidateSymbol(text);
  if (!valid.ok()) Throw(valid.error().WithContext(what));
  return *valid;
}

data::Interval IntervalOf(const std::string& text) {
  auto interval = data::ParseInterval(text);
  if (!interval.ok()) Throw(Error{"interval: " + interval.error().message, ErrorCode::kInvalidInput});
  return *interval;
}

std::optional<Days> DateOf(const std::optional<std::string>& text, const char* what) {
  if (!text || text->empty()) return std::nullopt;
  auto day = ParseDate(*text);
  if (!day.ok()) Throw(Error{std::string(what) + ": " + day.error().message, ErrorCode::kInvalidInput});
  return *day;
}

// A missing input file is NotFoundError (the reader reports it as a failure to open).
void RequireFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) Throw(Error{path + ": no such file", ErrorCode::kNotFound});
}

store::Database OpenExisting(const std::string& db) {
  return Unwrap(store::OpenStore(app::ResolveDbPath(db), store::OpenMode::kExisting));
}

// A series as {symbol, interval, start (int64 seconds), available, open, high, low, close,
// adj_close, volume}: the columns are the series' own vectors, moved into numpy.
pyb::dict SeriesToDict(data::BarSeries&& s) {
  pyb::dict out;
  out["symbol"] = s.symbol;
  out["interval"] = std::string(data::IntervalName(s.interval));
  out["start"] = ToArray(std::move(s.start));
  out["available"] = ToArray(std::move(s.available));
  out["open"] = ToArray(std::move(s.open));
  out["high"] = ToArray(std::move(s.high));
  out["low"] = ToArray(std::move(s.low));
  out["close"] = ToArray(std::move(s.close));
  out["adj_close"] = ToArray(std::move(s.adj_close));
  out["volume"] = ToArray(std::move(s.volume));
  return out;
}

using InInt64 = pyb::array_t<std::int64_t, pyb::array::c_style | pyb::array::forcecast>;

// Daily bars from arrays: `day` the session dates as days since 1970-01-01, ascending.
data::BarSeries DailyFromArrays(const std::string& symbol, const InInt64& day, const InArray& open,
                                const InArray& high, const InArray& low, const InArray& close,
                                const InArray& adj_close, const InArray& volume) {
  if (day.ndim() != 1) ThrowInvalid("dates: expected a 1-D array");
  const std::size_t n = static_cast<std::size_t>(day.shape(0));
  auto o = Span(open, "open"), h = Span(high, "high"), l = Span(low, "low"), c = Span(close, "close"),
       a = Span(adj_close, "adj_close"), v = Span(volume, "volume");
  for (auto col : {o, h, l, c, a, v}) {
    if (col.size() != n) ThrowInvalid(symbol + ": the bar columns and the dates differ in length");
  }
  data::BarSeries s;
  s.symbol = symbol;
  s.interval = data::Interval::k1d;
  s.Reserve(n);
  const std::int64_t* d = day.data();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && d[i] <= d[i - 1]) {
      ThrowInvalid(fmt::format("{}: dates must be strictly increasing ({} after {})", symbol,
                               FormatDate(static_cast<Days>(d[i])), FormatDate(static_cast<Days>(d[i - 1]))));
    }
    data::Bar bar;
    bar.start = static_cast<Timestamp>(d[i]) * kSecondsPerDay;
    bar.available = data::AvailableTime(data::Interval::k1d, bar.start);
    bar.open = o[i];
    bar.high = h[i];
    bar.low = l[i];
    bar.close = c[i];
    bar.adj_close = a[i];
    bar.volume = v[i];
    s.Append(bar);
  }
  return s;
}

pyb::dict FrameToDict(features::FeatureFrame&& frame) {
  pyb::dict columns;
  for (std::size_t j = 0; j < frame.names.size(); ++j) columns[pyb::str(frame.names[j])] = ToArray(std::move(frame.columns[j]));
  return columns;
}

pyb::dict OutcomeToDict(const app::SymbolOutcome& o) {
  pyb::dict d;
  d["symbol"] = o.symbol;
  d["interval"] = std::string(data::IntervalName(o.interval));
  d["ok"] = o.ok;
  d["up_to_date"] = o.up_to_date;
  d["provider"] = o.provider;
  d["message"] = o.message;
  d["bars"] = o.bars;
  d["new_bars"] = o.bar_stats.inserted;
  d["updated_bars"] = o.bar_stats.updated;
  d["unchanged_bars"] = o.bar_stats.unchanged;
  d["splits"] = o.splits;
  d["dividends"] = o.dividends;
  d["first"] = o.first;
  d["last"] = o.last;
  d["notes"] = o.notes;
  d["description"] = app::DescribeOutcome(o);
  return d;
}

}  // namespace

void AddData(pyb::module_& m) {
  m.def("default_paths", [] {
    pyb::dict d;
    d["home"] = app::DataHome().string();
    d["db"] = app::ResolveDbPath("").string();
    d["model_dir"] = app::ResolveModelDir("").string();
    return d;
  });

  m.def("read_csv", [](const std::string& path, const std::string& symbol, const std::string& interval,
                       bool repair_ohlc) {
    RequireFile(path);
    data::CsvReadOptions options;
    options.symbol = symbol;
    if (!interval.empty()) options.interval = IntervalOf(interval);
    options.repair_ohlc = repair_ohlc;
    Result<data::CsvReadResult> read = [&] {
      pyb::gil_scoped_release gil;
      return data::ReadBarsCsvFile(path, options);
    }();
    auto r = Unwrap(std::move(read));
    pyb::dict out = SeriesToDict(std::move(r.series));
    out["warnings"] = r.warnings;
    return out;
  }, pyb::arg("path"), pyb::arg("symbol") = "", pyb::arg("interval") = "", pyb::arg("repair_ohlc") = false);

  m.def("store_bars", [](const std::string& db, const std::string& symbol, const std::string& interval,
                         bool adjusted) {
    const std::string sym = Symbol(symbol, "symbol");
    const data::Interval iv = IntervalOf(interval);
    Result<data::BarSeries> bars = [&]() -> Result<data::BarSeries> {
      pyb::gil_scoped_release gil;
      QAT_ASSIGN_OR_RETURN(auto database, store::OpenStore(app::ResolveDbPath(db), store::OpenMode::kExisting));
      store::BarQuery query{sym, iv, std::nullopt, std::nullopt};
      return adjusted ? store::LoadAdjustedBars(database, query) : store::LoadBars(database, query);
    }();
    auto series = Unwrap(std::move(bars));
    if (series.empty()) Throw(Error{fmt::format("{} {}: no bars stored", sym, interval), ErrorCode::kNotFound});
    return SeriesToDict(std::move(series));
  }, pyb::arg("db"), pyb::arg("symbol"), pyb::arg("interval") = "1d", pyb::arg("adjusted") = true);

  m.def("list_series", [](const std::string& db) {
    auto database = OpenExisting(db);
    auto list = Unwrap(store::ListSeries(database));
    pyb::list out;
    for (const auto& s : list) {
      pyb::dict d;
      d["symbol"] = s.symbol;
      d["interval"] = std::string(data::IntervalName(s.interval));
      d["bars"] = s.bars;
      d["first"] = s.first;
      d["last"] = s.last;
      d["sources"] = s.sources;
      out.append(d);
    }
    return out;
  }, pyb::arg("db"));

  m.def("import_csv", [](const std::string& db, const std::string& symbol, const std::string& input,
                         const std::string& interval, const std::string& actions, const std::string& basis,
                         const std::optional<std::string>& adjusted_through, const std::string& source,
                         bool repair_ohlc, bool replace) {
    if (input.empty() && actions.empty()) ThrowInvalid("import: give a bars file, an actions file or both");
    if (!input.empty()) RequireFile(input);
    if (!actions.empty()) RequireFile(actions);
    auto parsed_basis = data::ParsePriceBasis(basis);
    if (!parsed_basis.ok()) Throw(Error{"basis: " + parsed_basis.error().message, ErrorCode::kInvalidInput});
    app::ImportRequest request{Symbol(symbol, "symbol"), IntervalOf(interval), input, actions, *parsed_basis,
                               std::nullopt, source, repair_ohlc, replace, SystemClock().Now()};
    request.adjusted_through = DateOf(adjusted_through, "adjusted_through");
    if (request.adjusted_through && *parsed_basis == data::PriceBasis::kRaw) {
      ThrowInvalid("adjusted_through goes with basis split or split-dividend");
    }
    Result<app::ImportReport> imported = [&] {
      pyb::gil_scoped_release gil;
      return app::ImportCsv(app::ResolveDbPath(db), request);
    }();
    auto r = Unwrap(std::move(imported));
    pyb::dict d;
    d["symbol"] = request.symbol;
    d["interval"] = std::string(data::IntervalName(request.interval));
    d["bars"] = r.write.bars.size();
    d["first"] = r.write.bars.empty() ? std::string() : FormatDate(r.write.bars.DayAt(0));
    d["last"] = r.write.bars.empty() ? std::string() : FormatDate(r.write.bars.DayAt(r.write.bars.size() - 1));
    d["source"] = r.write.origin.source;
    d["basis"] = std::string(data::PriceBasisName(r.write.origin.basis));
    d["actions"] = r.write.actions.size();
    d["new_bars"] = r.written.bars.inserted;
    d["updated_bars"] = r.written.bars.updated;
    d["unchanged_bars"] = r.written.bars.unchanged;
    d["replaced_bars"] = r.written.replaced;
    d["overlap_sessions"] = r.written.overlap_sessions;
    d["warnings"] = r.warnings;
    d["quality_issues"] = r.write.bars.empty() ? std::vector<std::string>{} : data::FormatIssues(r.quality);
    return d;
  }, pyb::arg("db"), pyb::arg("symbol"), pyb::arg("input"), pyb::arg("interval") = "1d", pyb::arg("actions") = "",
     pyb::arg("basis") = "split", pyb::arg("adjusted_through") = std::nullopt, pyb::arg("source") = "",
     pyb::arg("repair_ohlc") = false, pyb::arg("replace") = false);

  m.def("fetch", [](const std::string& db, const std::vector<std::string>& symbols, const std::string& provider,
                    const std::string& interval, const std::optional<std::string>& start,
                    const std::optional<std::string>& end, bool replace, const std::string& base_url,
                    bool repair_ohlc) {
    app::FetchPlan plan;
    for (const auto& s : symbols) plan.symbols.push_back(Symbol(s, "symbols"));
    if (plan.symbols.empty()) ThrowInvalid("fetch: no symbols given");
    // A name the providers do not know is bad input (the library fails it before the store is
    // opened, with this message).
    if (provider != "auto" && provider != "yahoo" && provider != "stooq" && provider != "alphavantage" &&
        provider != "finnhub") {
      ThrowInvalid("unknown provider '" + provider + "' (expected yahoo, stooq, alphavantage, finnhub or auto)");
    }
    plan.providers = app::ProvidersFor(provider);
    plan.interval = IntervalOf(interval);
    plan.start = DateOf(start, "start");
    plan.end = DateOf(end, "end");
    plan.replace = replace;
    Result<std::vector<app::SymbolOutcome>> outcomes = [&] {
      pyb::gil_scoped_release gil;
      return app::FetchIntoStore(app::ResolveDbPath(db), plan, {base_url, repair_ohlc}, {});
    }();
    pyb::list out;
    for (const auto& o : Unwrap(std::move(outcomes))) out.append(OutcomeToDict(o));
    return out;
  }, pyb::arg("db"), pyb::arg("symbols"), pyb::arg("provider") = "auto", pyb::arg("interval") = "1d",
     pyb::arg("start") = std::nullopt, pyb::arg("end") = std::nullopt, pyb::arg("replace") = false,
     pyb::arg("base_url") = "", pyb::arg("repair_ohlc") = false);

  m.def("feature_registry", [] {
    pyb::list out;
    for (const auto& spec : features::FeatureRegistry()) {
      pyb::dict d;
      d["name"] = spec.name;
      d["description"] = spec.description;
      d["inputs"] = spec.inputs;
      d["lookback"] = spec.lookback;
      out.append(d);
    }
    return out;
  });

  m.def("stored_features", [](const std::string& db, const std::string& symbol, const std::string& market,
                              const std::string& vix) {
    app::StoredFeaturesRequest request;
    request.symbol = Symbol(symbol, "symbol");
    if (!market.empty()) request.market = Symbol(market, "market");
    if (!vix.empty()) request.vix = Symbol(vix, "vix");
    Result<app::StoredFeatures> stored = [&]() -> Result<app::StoredFeatures> {
      pyb::gil_scoped_release gil;
      QAT_ASSIGN_OR_RETURN(auto database, store::OpenStore(app::ResolveDbPath(db), store::OpenMode::kExisting));
      return app::ComputeStoredFeatures(database, request);
    }();
    auto r = Unwrap(std::move(stored));
    pyb::dict out;
    out["missing_context"] = r.missing_context;
    out["columns"] = FrameToDict(std::move(r.frame));
    out["bars"] = SeriesToDict(std::move(r.bars));
    return out;
  }, pyb::arg("db"), pyb::arg("symbol"), pyb::arg("market") = "", pyb::arg("vix") = "");

  // Features of daily bars given as arrays (day numbers and OHLCV), with optional market and
  // VIX bars in the same form: features::ComputeFeatures, what `qtrader features --input` runs.
  m.def("compute_features", [](const pyb::dict& bars, const std::optional<pyb::dict>& market,
                               const std::optional<pyb::dict>& vix, int max_age_days) {
    auto series_of = [](const pyb::dict& d) {
      return DailyFromArrays(d["symbol"].cast<std::string>(), d["day"].cast<InInt64>(), d["open"].cast<InArray>(),
                             d["high"].cast<InArray>(), d["low"].cast<InArray>(), d["close"].cast<InArray>(),
                             d["adj_close"].cast<InArray>(), d["volume"].cast<InArray>());
    };
    const data::BarSeries s = series_of(bars);
    std::optional<data::BarSeries> m_bars, v_bars;
    if (market) m_bars = series_of(*market);
    if (vix) v_bars = series_of(*vix);
    features::MarketContext context{m_bars ? &*m_bars : nullptr, v_bars ? &*v_bars : nullptr, max_age_days};
    Result<features::FeatureFrame> frame = [&] {
      pyb::gil_scoped_release gil;
      return features::ComputeFeatures(s, context);
    }();
    return FrameToDict(Unwrap(std::move(frame)));
  }, pyb::arg("bars"), pyb::arg("market") = std::nullopt, pyb::arg("vix") = std::nullopt,
     pyb::arg("max_age_days") = features::kDefaultContextMaxAgeDays);
}

}  // namespace qat::py

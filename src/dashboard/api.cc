// The dashboard's JSON API: routing, parameter checks and one handler per endpoint, each a
// call into the application layer over a store opened read-only (OpenMode::kReadOnly).
#include "qat/dashboard/api.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "qat/app/backtest.h"
#include "qat/app/forecast.h"
#include "qat/app/paper.h"
#include "qat/app/patterns.h"
#include "qat/app/signals.h"
#include "qat/core/file_set.h"
#include "qat/core/files.h"
#include "qat/core/json.h"
#include "qat/core/strings.h"
#include "qat/data/calendar.h"
#include "qat/data/interval.h"
#include "qat/data/symbol.h"
#include "qat/models/model_set.h"
#include "qat/monitor/monitor.h"
#include "qat/patterns/stored_stats.h"
#include "qat/signals/timeframe.h"
#include "qat/store/actions.h"
#include "qat/store/bars.h"
#include "qat/store/paper.h"
#include "qat/store/store.h"

namespace qat::dashboard {
namespace {

using nlohmann::json;

// A handler's failure: its HTTP status, code and message.
struct HttpError {
  int status;
  std::string code, message;
};
template <typename T>
using Answer = std::variant<T, HttpError>;

HttpError BadRequest(std::string message) { return {400, "bad_request", std::move(message)}; }

// An Error of the library as an HTTP error: not found -> 404, invalid input -> 400, else 500.
HttpError FromError(const Error& error) {
  switch (error.code) {
    case ErrorCode::kNotFound:
      return {404, "not_found", error.message};
    case ErrorCode::kInvalidInput:
      return {400, "bad_request", error.message};
    default:
      return {500, "failed", error.message};
  }
}

ApiResponse Respond(const HttpError& e) { return ErrorResponse(e.status, e.code, e.message); }

// The query parameters of one endpoint: each must be one of `allowed`; typed getters answer 400
// naming the parameter and an excerpt of the value.
class Params {
 public:
  Params(const std::map<std::string, std::string>& params, std::initializer_list<const char*> allowed)
      : params_(params) {
    for (const auto& [name, value] : params) {
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; })) {
        std::string names;
        for (const char* a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
        error_ = BadRequest(fmt::format("unknown parameter {} (this endpoint takes: {})", Excerpt(name),
                                        names.empty() ? "none" : names));
        return;
      }
    }
  }
  const std::optional<HttpError>& error() const { return error_; }

  std::optional<std::string> Text(const char* name) const {
    auto it = params_.find(name);
    if (it == params_.end() || it->second.empty()) return std::nullopt;
    return it->second;
  }
  // An integer in [lo, hi], `fallback` when absent.
  Answer<int> Int(const char* name, int fallback, int lo, int hi) const {
    auto text = Text(name);
    if (!text) return fallback;
    int value = 0;
    const char* end = text->data() + text->size();
    auto [p, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || p != end || value < lo || value > hi) {
      return BadRequest(fmt::format("{}: must be a whole number in [{}, {}] (got {})", name, lo, hi, Excerpt(*text)));
    }
    return value;
  }
  Answer<std::string> Symbol(const char* name) const {
    auto text = Text(name);
    if (!text) return BadRequest(fmt::format("{}: required", name));
    auto symbol = data::ValidateSymbol(*text);
    if (!symbol.ok()) return BadRequest(fmt::format("{}: {}", name, symbol.error().message));
    return *symbol;
  }
  // One of `choices` (exact), `fallback` when absent.
  Answer<std::string> Choice(const char* name, const std::string& fallback,
                             std::initializer_list<const char*> choices) const {
    auto text = Text(name);
    if (!text) return fallback;
    for (const char* c : choices) {
      if (*text == c) return *text;
    }
    std::string names;
    for (const char* c : choices) names += (names.empty() ? "" : ", ") + std::string(c);
    return BadRequest(fmt::format("{}: must be one of {} (got {})", name, names, Excerpt(*text)));
  }

 private:
  const std::map<std::string, std::string>& params_;
  std::optional<HttpError> error_;
};

template <typename T>
const HttpError* ErrorOf(const Answer<T>& a) {
  return std::get_if<HttpError>(&a);
}
#define QAT_PARAM(var, expr)                        \
  auto var##_answer = (expr);                       \
  if (auto* e = ErrorOf(var##_answer)) return *e;   \
  auto var = std::get<0>(std::move(var##_answer))
#define QAT_TRY(var, expr)                          \
  auto var##_result = (expr);                       \
  if (!var##_result.ok()) return FromError(var##_result.error()); \
  auto var = std::move(var##_result).value()

Timestamp Now(const ApiConfig& config) {
  if (config.now) return config.now();
  return static_cast<Timestamp>(std::time(nullptr));
}

// "2024-03-22" for daily and weekly bars, "2024-03-22 10:30 America/New_York" style otherwise.
std::string FormatBarTime(data::Interval interval, Timestamp start) {
  if (interval == data::Interval::k1d || interval == data::Interval::k1wk) return FormatDate(static_cast<Days>(start / 86400));
  return FormatTimestampNewYork(start);
}

json NumberOrNull(double x) { return JsonNumber(x); }

// A CSV the application layer wrote (header, then rows) as [{column: value}]: numbers where a
// cell parses whole as one, text otherwise, null when empty.
json CsvRows(const std::string& text) {
  json rows = json::array();
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& l) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream s(l);
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    if (!l.empty() && l.back() == ',') cells.push_back("");
    return cells;
  };
  if (!std::getline(in, line)) return rows;
  header = split(line);
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto cells = split(line);
    json row = json::object();
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      if (cell.empty()) {
        row[header[i]] = nullptr;
        continue;
      }
      double value = 0;
      auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (ec == std::errc() && p == cell.data() + cell.size()) {
        row[header[i]] = value;
      } else {
        row[header[i]] = cell;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- what every symbol page reads again: the cells and the adjusted bars ----

// A file as it is now: "size:modification time (ns)", "-1:0" when it cannot be read.
std::string FileStamp(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  const auto time = ec ? std::filesystem::file_time_type{} : std::filesystem::last_write_time(file, ec);
  return fmt::format("{}:{}", ec ? -1 : static_cast<long long>(size), static_cast<long long>(time.time_since_epoch().count()));
}

// The store's files as they are now: the database and its WAL. Any commit changes one of them,
// so an answer cached under a stamp is the answer the store gives while the stamp holds.
std::string StoreStamp(const std::filesystem::path& db) {
  return FileStamp(db) + ";" + FileStamp(db.string() + "-wal");
}

// The model set as it is now: every file under the model folder with its stamp ("none" when
// there is no folder). Retraining, a confluence fit or a deleted set changes it, so answers
// that read the models are cached under it as well as the store's stamp.
std::string ModelSetStamp(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code fe;
    if (it->is_regular_file(fe)) files.push_back(it->path().string() + ":" + FileStamp(it->path()));
  }
  if (files.empty()) return "none";
  std::sort(files.begin(), files.end());
  return fmt::format("{}", fmt::join(files, ";"));
}

// Read-only results of the library kept while the store's stamp holds (per store path), so a
// symbol page viewed again does not reload thousands of cells and the whole series, and the
// Overview does not recompute every signal and the monitor. Bounded: emptied past 64 entries.
class ReadCache {
 public:
  static ReadCache& Instance() {
    static ReadCache cache;
    return cache;
  }
  template <typename T, typename Load>
  Result<std::shared_ptr<const T>> Get(const std::filesystem::path& db, const std::string& key, Load&& load) {
    const std::string stamp = StoreStamp(db);
    const std::string full = db.string() + "\n" + key;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = entries_.find(full);
      if (it != entries_.end() && it->second.stamp == stamp) return std::static_pointer_cast<const T>(it->second.value);
    }
    QAT_ASSIGN_OR_RETURN(T value, load());
    auto shared = std::make_shared<const T>(std::move(value));
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() > 64) entries_.clear();
    entries_[full] = {stamp, shared};
    return std::shared_ptr<const T>(shared);
  }

 private:
  struct Entry {
    std::string stamp;
    std::shared_ptr<const void> value;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

Result<std::shared_ptr<const std::vector<patterns::CellStats>>> CachedCells(store::Database& db, const char* span) {
  return ReadCache::Instance().Get<std::vector<patterns::CellStats>>(
      db.path(), std::string("cells/") + span, [&] { return patterns::LoadCells(db, span); });
}

// The stored series (symbol, interval, range): read by the symbols list, the default signal
// symbols and a missing series' 404 (a GROUP BY over every bar: about 40 ms on the test store
// of 44,000 bars, where a kept answer takes 2 ms).
Result<std::shared_ptr<const std::vector<store::SeriesSummary>>> CachedSeries(store::Database& db) {
  return ReadCache::Instance().Get<std::vector<store::SeriesSummary>>(db.path(), "series",
                                                                      [&] { return store::ListSeries(db); });
}

// ---- /api/symbols ----

Answer<json> Symbols(store::Database& db, const Params& p, const ApiConfig& config) {
  QAT_TRY(series_ptr, CachedSeries(db));
  const auto& series = *series_ptr;
  const Days today = NewYorkDay(Now(config));
  json out = {{"today", FormatDate(today)}, {"series", json::array()}, {"symbols", json::array()}};
  std::map<std::string, json> by_symbol;
  std::vector<std::string> order;
  for (const auto& s : series) {
    const std::string interval(data::IntervalName(s.interval));
    json row = {{"symbol", s.symbol},
                {"interval", interval},
                {"bars", s.bars},
                {"first", FormatBarTime(s.interval, s.first)},
                {"last", FormatBarTime(s.interval, s.last)},
                {"sources", s.sources}};
    out["series"].push_back(row);
    if (!by_symbol.count(s.symbol)) {
      order.push_back(s.symbol);
      by_symbol[s.symbol] = {{"symbol", s.symbol}, {"timeframes", json::array()}, {"last_daily", nullptr},
                             {"daily_bars", 0}, {"stale_sessions", nullptr}};
    }
    json& sym = by_symbol[s.symbol];
    if (s.interval == data::Interval::k1d) {
      sym["timeframes"].push_back("1d");
      sym["timeframes"].push_back("1w");
      sym["last_daily"] = FormatDate(static_cast<Days>(s.last / 86400));
      sym["daily_bars"] = s.bars;
      sym["stale_sessions"] = monitor::SessionsAfter(static_cast<Days>(s.last / 86400), today);
    } else if (s.interval == data::Interval::k1h) {
      sym["timeframes"].push_back("1h");
      sym["timeframes"].push_back("4h");
    }
  }
  for (const auto& name : order) {
    json sym = by_symbol[name];
    // The chart's order of timeframes.
    std::vector<std::string> tf = sym["timeframes"].get<std::vector<std::string>>();
    std::vector<std::string> sorted;
    for (const char* t : {"1h", "4h", "1d", "1w"}) {
      if (std::find(tf.begin(), tf.end(), t) != tf.end()) sorted.push_back(t);
    }
    sym["timeframes"] = sorted;
    out["symbols"].push_back(sym);
  }
  (void)p;
  return out;
}

// ---- /api/bars ----

// The stored pattern events of a symbol on a timeframe: (bar start, pattern, signed output).
struct StoredEvent {
  Timestamp start;
  std::string pattern;
  int output;
};
Result<std::vector<StoredEvent>> LoadEvents(store::Database& db, const std::string& symbol,
                                           const std::string& timeframe) {
  QAT_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT start, pattern, output FROM pattern_events "
                                             "WHERE symbol = ? AND timeframe = ? ORDER BY start, pattern"));
  stmt.Bind(1, symbol).Bind(2, timeframe);
  std::vector<StoredEvent> events;
  while (true) {
    QAT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    events.push_back({stmt.ColumnInt(0), stmt.ColumnText(1), static_cast<int>(stmt.ColumnInt(2))});
  }
  return events;
}

json CellSummary(const patterns::CellStats& c) {
  return {{"n", c.n},
          {"win_rate", NumberOrNull(c.win_rate)},
          {"win_rate_lo", NumberOrNull(c.win_rate_lo)},
          {"win_rate_hi", NumberOrNull(c.win_rate_hi)},
          {"mean_return", NumberOrNull(c.mean_return)},
          {"excess_return", NumberOrNull(c.excess_return)},
          {"q_value", NumberOrNull(c.q_value)},
          {"status", std::string(patterns::EdgeStatusName(c.status))}};
}

Result<data::BarSeries> LoadTimeframe(store::Database& db, const std::string& symbol, signals::Timeframe tf) {
  using signals::Timeframe;
  if (tf == Timeframe::k1d || tf == Timeframe::k1w) {
    QAT_ASSIGN_OR_RETURN(auto daily, store::LoadAdjustedDaily(db, symbol));
    if (tf == Timeframe::k1d) return daily;
    return signals::DeriveTimeframe(daily, Timeframe::k1w);
  }
  QAT_ASSIGN_OR_RETURN(auto hourly, store::LoadAdjustedBars(db, {.symbol = symbol, .interval = data::Interval::k1h}));
  if (tf == Timeframe::k1h) return hourly;
  return signals::DeriveTimeframe(hourly, Timeframe::k4h);
}

Answer<json> Bars(store::Database& db, const Params& p) {
  QAT_PARAM(symbol, p.Symbol("symbol"));
  QAT_PARAM(tf_name, p.Choice("timeframe", "1d", {"1h", "4h", "1d", "1w"}));
  QAT_PARAM(horizon, p.Int("horizon", 5, 1, 21));
  QAT_PARAM(limit, p.Int("limit", 0, 0, 1000000));  // 0: every bar
  const auto tf = *signals::ParseTimeframe(tf_name);
  auto loaded = ReadCache::Instance().Get<data::BarSeries>(
      db.path(), "bars/" + symbol + "/" + tf_name, [&] { return LoadTimeframe(db, symbol, tf); });
  if (!loaded.ok()) {
    // The loaders say "no ... stored" without a code of their own: a missing series is a 404.
    auto listed = CachedSeries(db);
    bool stored = false;
    if (listed.ok()) {
      const auto want = tf == signals::Timeframe::k1d || tf == signals::Timeframe::k1w ? data::Interval::k1d
                                                                                         : data::Interval::k1h;
      for (const auto& s : **listed) stored = stored || (s.symbol == symbol && s.interval == want);
    }
    if (!stored) return HttpError{404, "not_found", fmt::format("no {} bars stored for {}", tf_name, symbol)};
    return FromError(loaded.error());
  }
  const data::BarSeries& all_bars = **loaded;
  const std::size_t begin =
      limit > 0 && all_bars.size() > static_cast<std::size_t>(limit) ? all_bars.size() - limit : 0;
  const data::BarSeries bars = begin == 0 ? all_bars : all_bars.Slice(begin, all_bars.size());

  json time = json::array(), open = json::array(), high = json::array(), low = json::array(),
       close = json::array(), volume = json::array();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    time.push_back(bars.start[i]);
    open.push_back(NumberOrNull(bars.open[i]));
    high.push_back(NumberOrNull(bars.high[i]));
    low.push_back(NumberOrNull(bars.low[i]));
    close.push_back(NumberOrNull(bars.close[i]));
    volume.push_back(NumberOrNull(bars.volume[i]));
  }
  json out = {{"symbol", symbol},
              {"timeframe", tf_name},
              {"horizon", horizon},
              {"basis", "split-adjusted (store::LoadAdjustedBars)"},
              {"bars", {{"time", time}, {"open", open}, {"high", high}, {"low", low}, {"close", close},
                        {"volume", volume}}}};

  // Pattern events on these bars, columnar: events.time[i] and events.kind[i], an index into
  // `kinds` ({pattern, direction, cell}: the edge of the (ALL, ALL) cell at the horizon, null
  // when none is stored). 20,000 events of 61 patterns stay a few hundred kilobytes.
  QAT_TRY(events, LoadEvents(db, symbol, tf_name));
  QAT_TRY(cells_ptr, CachedCells(db, app::kSpanAll));
  const auto& cells = *cells_ptr;
  std::unordered_map<std::string, const patterns::CellStats*> cell_of;
  for (const auto& c : cells) {
    if (c.timeframe == tf_name && c.horizon == horizon && c.regime == "ALL" && c.vol_regime == "ALL") {
      cell_of[c.pattern + "/" + c.direction] = &c;
    }
  }
  std::unordered_map<std::string, int> kind_of;
  json kinds = json::array(), event_time = json::array(), event_kind = json::array();
  const Timestamp first = bars.empty() ? 0 : bars.start.front();
  for (const auto& e : events) {
    if (e.start < first || e.output == 0) continue;
    const std::string direction = e.output > 0 ? "bullish" : "bearish";
    const std::string key = e.pattern + "/" + direction;
    auto [k, fresh] = kind_of.try_emplace(key, static_cast<int>(kinds.size()));
    if (fresh) {
      auto it = cell_of.find(key);
      kinds.push_back({{"pattern", e.pattern},
                       {"direction", direction},
                       {"cell", it == cell_of.end() ? json(nullptr) : CellSummary(*it->second)}});
    }
    event_time.push_back(e.start);
    event_kind.push_back(k->second);
  }
  out["kinds"] = std::move(kinds);
  out["events"] = {{"time", std::move(event_time)}, {"kind", std::move(event_kind)}};
  out["patterns_built"] = !cells.empty();
  return out;
}

// ---- /api/forecast ----

Answer<json> ForecastOf(store::Database& db, const Params& p, const ApiConfig& config) {
  QAT_PARAM(symbol, p.Symbol("symbol"));
  QAT_PARAM(horizon, p.Int("horizon", 5, 1, 21));
  QAT_TRY(forecast, app::Forecast(db, {.model_dir = config.model_dir, .symbol = symbol, .horizon = horizon}));
  json out = forecast.ToJson();
  // The sessions the steps fall on (the exchange calendar after the price bar), for the chart.
  json times = json::array();
  Days day = forecast.price_day;
  for (std::size_t s = 0; s < forecast.levels.size(); ++s) {
    day = data::NextSession(day);
    times.push_back(static_cast<Timestamp>(day) * 86400);
  }
  out["step_times"] = times;
  return out;
}

// ---- /api/signals ----

// Every stored daily series not starting with '^' (those are context, like ^VIX).
Result<std::vector<std::string>> DefaultSignalSymbols(store::Database& db) {
  QAT_ASSIGN_OR_RETURN(auto series, CachedSeries(db));
  std::vector<std::string> out;
  for (const auto& s : *series) {
    if (s.interval == data::Interval::k1d && !s.symbol.empty() && s.symbol[0] != '^') out.push_back(s.symbol);
  }
  return out;
}

Answer<json> Signals(store::Database& db, const Params& p, const ApiConfig& config) {
  QAT_PARAM(horizon, p.Int("horizon", 5, 1, 21));
  app::SignalsRequest request;
  if (auto list = p.Text("symbols")) {
    auto symbols = data::ParseSymbolList(*list);
    if (!symbols.ok()) return BadRequest("symbols: " + symbols.error().message);
    if (symbols->size() > 200) return BadRequest("symbols: at most 200");
    request.symbols = *symbols;
  } else {
    QAT_TRY(symbols, DefaultSignalSymbols(db));
    request.symbols = symbols;
  }
  if (request.symbols.empty()) return HttpError{404, "not_found", "no daily series stored"};
  request.model_dir = config.model_dir;
  request.horizon = horizon;
  request.jobs = 1;
  const std::string key = fmt::format("signals/{}/{}/{}", horizon, fmt::join(request.symbols, ","),
                                      ModelSetStamp(config.model_dir));
  QAT_TRY(report, ReadCache::Instance().Get<json>(db.path(), key, [&]() -> Result<json> {
    QAT_ASSIGN_OR_RETURN(auto computed, app::ComputeSignals(db, request));
    return computed.ToJson();
  }));
  return *report;
}

// ---- /api/patterns ----

Answer<json> Patterns(store::Database& db, const Params& p) {
  QAT_PARAM(timeframe, p.Choice("timeframe", "1d", {"1h", "4h", "1d", "1w"}));
  QAT_PARAM(horizon, p.Int("horizon", 5, 1, 63));
  QAT_PARAM(regime, p.Choice("regime", "ALL", {"ALL", "BULL", "BEAR", "SIDEWAYS", "UNKNOWN"}));
  QAT_PARAM(vol_regime, p.Choice("vol_regime", "ALL", {"ALL", "LOW", "NORMAL", "HIGH", "UNKNOWN"}));
  QAT_PARAM(status, p.Choice("status", "", {"STRONG", "MODERATE", "WEAK", "NO_EDGE", "INSUFFICIENT_DATA"}));
  QAT_PARAM(min_n, p.Int("min_n", 1, 1, 1000000));
  QAT_TRY(all_ptr, CachedCells(db, app::kSpanAll));
  QAT_TRY(recent_ptr, CachedCells(db, app::kSpanRecent));
  const auto& all = *all_ptr;
  const auto& recent = *recent_ptr;
  auto keep = [&](const patterns::CellStats& c) {
    return c.timeframe == timeframe && c.horizon == horizon && c.regime == regime && c.vol_regime == vol_regime;
  };
  std::unordered_map<std::string, const patterns::CellStats*> recent_of;
  for (const auto& c : recent) {
    if (keep(c)) recent_of[c.pattern + "/" + c.direction] = &c;
  }
  json cells = json::array();
  std::set<int> horizons;
  for (const auto& c : all) {
    horizons.insert(c.horizon);
    if (!keep(c) || c.n < min_n) continue;
    if (!status.empty() && patterns::EdgeStatusName(c.status) != status) continue;
    json row = app::ToJson(c);
    auto r = recent_of.find(c.pattern + "/" + c.direction);
    row["recent"] = r == recent_of.end() ? json(nullptr) : CellSummary(*r->second);
    cells.push_back(std::move(row));
  }
  return json{{"timeframe", timeframe}, {"horizon", horizon},      {"regime", regime},
              {"vol_regime", vol_regime}, {"status", status},      {"min_n", min_n},
              {"horizons", horizons},   {"stored", !all.empty()}, {"cells", cells}};
}

// ---- /api/models ----

Answer<json> Models(store::Database& db, const Params& p, const ApiConfig& config) {
  QAT_PARAM(horizon, p.Int("horizon", 5, 1, 21));
  json out = {{"horizon", horizon}, {"model_dir", config.model_dir.string()}, {"results", nullptr},
              {"problem", nullptr}, {"runs", json::array()}};
  const auto dir = models::ModelSetDir(config.model_dir, horizon);
  auto verified = VerifyFileSet(dir);
  if (!verified.ok()) {
    out["problem"] = verified.error().message;
  } else {
    auto text = ReadWholeFile(dir / models::ResultsFileName(horizon));
    if (!text.ok()) {
      out["problem"] = text.error().message;
    } else {
      auto parsed = json::parse(*text, nullptr, false);
      if (parsed.is_discarded()) {
        out["problem"] = (dir / models::ResultsFileName(horizon)).string() + ": not JSON";
      } else {
        out["results"] = std::move(parsed);
      }
    }
  }
  QAT_TRY(stmt, db.Prepare("SELECT id, created_at, horizon, symbols, metrics, data_sha256, git_commit, model_dir "
                           "FROM training_runs WHERE horizon = ? ORDER BY id DESC LIMIT 50"));
  stmt.Bind(1, static_cast<std::int64_t>(horizon));
  while (true) {
    QAT_TRY(row, stmt.Step());
    if (!row) break;
    auto metrics = json::parse(stmt.ColumnText(4), nullptr, false);
    out["runs"].push_back({{"id", stmt.ColumnInt(0)},
                           {"created_at", FormatTimestampUtc(stmt.ColumnInt(1))},
                           {"horizon", stmt.ColumnInt(2)},
                           {"symbols", stmt.ColumnText(3)},
                           {"metrics", metrics.is_discarded() ? json(nullptr) : metrics},
                           {"data_sha256", stmt.ColumnText(5)},
                           {"git_commit", stmt.ColumnText(6)},
                           {"model_dir", stmt.ColumnText(7)}});
  }
  return out;
}

// ---- /api/backtests, /api/backtest ----

Answer<json> Backtests(store::Database& db, const Params&) {
  QAT_TRY(stmt, db.Prepare("SELECT id, created_at, strategy, config, data_sha256, sessions, sharpe_per_session, "
                           "metrics FROM backtest_runs ORDER BY id DESC LIMIT 200"));
  json runs = json::array();
  while (true) {
    QAT_TRY(row, stmt.Step());
    if (!row) break;
    auto config = json::parse(stmt.ColumnText(3), nullptr, false);
    auto metrics = json::parse(stmt.ColumnText(7), nullptr, false);
    runs.push_back({{"id", stmt.ColumnInt(0)},
                    {"created_at", FormatTimestampUtc(stmt.ColumnInt(1))},
                    {"strategy", stmt.ColumnText(2)},
                    {"config", config.is_discarded() ? json(nullptr) : config},
                    {"data_sha256", stmt.ColumnText(4)},
                    {"sessions", stmt.ColumnInt(5)},
                    {"sharpe_per_session", NumberOrNull(stmt.ColumnDouble(6))},
                    {"metrics", metrics.is_discarded() ? json(nullptr) : metrics}});
  }
  return json{{"runs", runs}};
}

// One recorded run again (record_trial off: nothing is written), for its equity, drawdown and
// trades, which the log does not keep. Runs of strategies that need bars only.
Answer<json> BacktestRun(store::Database& db, const Params& p) {
  QAT_PARAM(id, p.Int("id", 0, 1, 2000000000));
  if (id == 0) return BadRequest("id: required");
  QAT_TRY(stmt, db.Prepare("SELECT config FROM backtest_runs WHERE id = ?"));
  stmt.Bind(1, static_cast<std::int64_t>(id));
  QAT_TRY(row, stmt.Step());
  if (!row) return HttpError{404, "not_found", fmt::format("no backtest run {}", id)};
  auto config = json::parse(stmt.ColumnText(0), nullptr, false);
  if (config.is_discarded() || !config.is_object()) {
    return HttpError{500, "failed", fmt::format("backtest run {}: its stored configuration is not JSON", id)};
  }
  app::BacktestRequest request;
  try {
    request.strategy = config.at("strategy").get<std::string>();
    if (request.strategy != "sma-cross" && request.strategy != "buy-and-hold") {
      return HttpError{422, "not_replayable",
                       fmt::format("backtest run {} ({}): the dashboard replays sma-cross and buy-and-hold runs only; "
                                   "run 'qtrader backtest' for this one's equity",
                                   id, request.strategy)};
    }
    request.symbols = config.at("symbols").get<std::vector<std::string>>();
    auto start = ParseDate(config.at("start").get<std::string>());
    auto end = ParseDate(config.at("end").get<std::string>());
    if (!start.ok() || !end.ok()) return HttpError{500, "failed", "stored start or end is not a date"};
    request.start = *start;
    request.end = *end;
    request.per_symbol = config.value("per_symbol", false);
    if (config.contains("sma")) {
      request.fast = config["sma"].at("fast").get<int>();
      request.slow = config["sma"].at("slow").get<int>();
    }
  } catch (const json::exception& e) {
    return HttpError{500, "failed", fmt::format("backtest run {}: stored configuration: {}", id, e.what())};
  }
  QAT_TRY(engine, app::EngineConfigFromJson(config));
  request.engine = engine;
  request.record_trial = false;
  QAT_TRY(report, app::RunBacktest(db, request));
  json out = report.ToJson();
  out["run_id"] = id;
  out["equity"] = CsvRows(app::EquityCsv(report));
  out["trades"] = CsvRows(app::TradesCsv(report.result.run));
  return out;
}

// ---- /api/paper ----

Answer<json> Paper(store::Database& db, const Params&) {
  QAT_TRY(names, store::ListPaperAccounts(db));
  json accounts = json::array();
  for (const auto& name : names) {
    QAT_TRY(status, app::PaperAccountStatus(db, name));
    QAT_TRY(equity, app::PaperEquityCsv(db, name));
    QAT_TRY(fills, app::PaperFillsCsv(db, name));
    accounts.push_back({{"status", status.ToJson()}, {"equity", CsvRows(equity)}, {"fills", CsvRows(fills)}});
  }
  return json{{"accounts", accounts}};
}

Answer<ApiResponse> PaperOrdersCsv(store::Database& db, const Params& p) {
  auto name = p.Text("account");
  if (!name) return BadRequest("account: required");
  if (name->size() > 200) return BadRequest("account: too long");
  QAT_TRY(status, app::PaperAccountStatus(db, *name));
  ApiResponse response;
  response.text = app::BrokerOrdersCsv(status.orders);
  response.content_type = "text/csv; charset=utf-8";
  return response;
}

// ---- /api/monitor ----

Answer<json> Monitor(store::Database& db, const Params& p, const ApiConfig& config) {
  QAT_PARAM(horizon, p.Int("horizon", 5, 1, 21));
  monitor::MonitorRequest request;
  request.model_dir = config.model_dir;
  request.horizon = horizon;
  request.evaluation_day = NewYorkDay(Now(config));
  const std::string key = fmt::format("monitor/{}/{}/{}", horizon, request.evaluation_day,
                                      ModelSetStamp(config.model_dir));
  QAT_TRY(report, ReadCache::Instance().Get<json>(db.path(), key, [&]() -> Result<json> {
    QAT_ASSIGN_OR_RETURN(auto computed, monitor::RunMonitor(db, request));
    return computed.ToJson();
  }));
  return *report;
}

}  // namespace

ApiResponse ErrorResponse(int status, std::string code, std::string message) {
  ApiResponse r;
  r.status = status;
  r.body = {{"error", {{"code", std::move(code)}, {"message", std::move(message)}}}};
  return r;
}

const std::vector<std::string>& ApiPaths() {
  static const std::vector<std::string> paths = {"/api/symbols",  "/api/bars",      "/api/forecast",
                                                 "/api/signals",  "/api/patterns",  "/api/models",
                                                 "/api/backtests", "/api/backtest", "/api/paper",
                                                 "/api/paper/orders.csv", "/api/monitor"};
  return paths;
}

Api::Api(ApiConfig config) : config_(std::move(config)) {}

Status Api::Check() const {
  QAT_ASSIGN_OR_RETURN(auto db, store::OpenStore(config_.db, store::OpenMode::kReadOnly));
  (void)db;
  return Ok();
}

ApiResponse Api::Handle(const ApiRequest& request) const {
  const auto& paths = ApiPaths();
  if (std::find(paths.begin(), paths.end(), request.path) == paths.end()) {
    return ErrorResponse(404, "not_found", fmt::format("no API endpoint {} (see docs/dashboard.md)",
                                                       Excerpt(request.path)));
  }
  if (request.method != "GET") {
    return ErrorResponse(405, "method_not_allowed",
                         fmt::format("{}: the dashboard is read-only; only GET is answered", request.path));
  }
  const std::string& path = request.path;
  auto db = store::OpenStore(config_.db, store::OpenMode::kReadOnly);
  if (!db.ok()) return Respond(FromError(db.error()));

  auto run = [&](std::initializer_list<const char*> allowed, auto&& handler) -> ApiResponse {
    Params params(request.params, allowed);
    if (params.error()) return Respond(*params.error());
    try {
      auto answer = handler(params);
      if (auto* e = ErrorOf(answer)) return Respond(*e);
      using T = std::decay_t<decltype(std::get<0>(answer))>;
      if constexpr (std::is_same_v<T, ApiResponse>) {
        return std::get<0>(std::move(answer));
      } else {
        ApiResponse r;
        r.body = std::get<0>(std::move(answer));
        return r;
      }
    } catch (const std::exception& e) {
      return ErrorResponse(500, "failed", PrintableText(e.what(), 400));
    }
  };
  if (path == "/api/symbols") return run({}, [&](const Params& p) { return Symbols(*db, p, config_); });
  if (path == "/api/bars") {
    return run({"symbol", "timeframe", "horizon", "limit"}, [&](const Params& p) { return Bars(*db, p); });
  }
  if (path == "/api/forecast") {
    return run({"symbol", "horizon"}, [&](const Params& p) { return ForecastOf(*db, p, config_); });
  }
  if (path == "/api/signals") {
    return run({"symbols", "horizon"}, [&](const Params& p) { return Signals(*db, p, config_); });
  }
  if (path == "/api/patterns") {
    return run({"timeframe", "horizon", "regime", "vol_regime", "status", "min_n"},
               [&](const Params& p) { return Patterns(*db, p); });
  }
  if (path == "/api/models") return run({"horizon"}, [&](const Params& p) { return Models(*db, p, config_); });
  if (path == "/api/backtests") return run({}, [&](const Params& p) { return Backtests(*db, p); });
  if (path == "/api/backtest") return run({"id"}, [&](const Params& p) { return BacktestRun(*db, p); });
  if (path == "/api/paper") return run({}, [&](const Params& p) { return Paper(*db, p); });
  if (path == "/api/paper/orders.csv") {
    return run({"account"}, [&](const Params& p) { return PaperOrdersCsv(*db, p); });
  }
  return run({"horizon"}, [&](const Params& p) { return Monitor(*db, p, config_); });
}

}  // namespace qat::dashboard

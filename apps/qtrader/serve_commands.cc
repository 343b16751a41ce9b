// serve: the local, read-only web dashboard (docs/dashboard.md) over the store and the models.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include <pthread.h>

#include "commands.h"
#include "paths.h"
#include "qat/dashboard/api.h"
#include "qat/dashboard/server.h"
#include "qat/store/store.h"

namespace qat::cli {
namespace {

struct ServeOptions {
  std::string db, model_dir, bind = "127.0.0.1";
  int port = 8080, threads = 8;
  bool allow_remote = false;
};

int RunServe(const ServeOptions& o) {
  if (!dashboard::IsLoopback(o.bind) && !o.allow_remote) {
    return Usage(Fail(ErrorCode::kInvalidInput,
                      "--bind {}: not a loopback address; the dashboard has no login, so anyone who can reach "
                      "{} could read your store and models. Add --allow-remote to do it anyway",
                      o.bind, o.bind));
  }
  dashboard::ApiConfig config;
  config.db = ResolveDbPath(o.db);
  config.model_dir = o.model_dir.empty() ? DataHome() / "models" : std::filesystem::path(o.model_dir);
  dashboard::Api api(config);
  if (auto checked = api.Check(); !checked.ok()) return Report(checked.error());

  // SIGINT and SIGTERM are taken by a waiting thread (sigwait), which stops the server: the
  // workers finish the requests they hold and the process exits 0.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  dashboard::ServerOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.threads = o.threads;
  dashboard::Server server(std::move(api), options);
  auto port = server.Bind();
  if (!port.ok()) return Report(port.error());
  if (!dashboard::IsLoopback(o.bind)) {
    std::fprintf(stderr,
                 "warning: listening on %s, not only on this machine: the dashboard has no login and no TLS; "
                 "anyone who reaches port %d can read the store and the models\n",
                 o.bind.c_str(), *port);
  }
  const std::string host = o.bind.find(':') != std::string::npos ? "[" + o.bind + "]" : o.bind;
  std::printf("qtrader dashboard (read-only) at http://%s:%d/\n  store:  %s\n  models: %s\nCtrl-C stops it.\n",
              host == "0.0.0.0" ? "127.0.0.1" : host.c_str(), *port, config.db.c_str(), config.model_dir.c_str());
  std::fflush(stdout);

  Status served = Ok();
  std::atomic<bool> finished{false};
  std::thread serving([&] {
    served = server.Run();
    finished = true;
  });
  while (!finished) {
    timespec wait{0, 200 * 1000 * 1000};
    const int sig = sigtimedwait(&stop_signals, nullptr, &wait);
    if (sig == SIGINT || sig == SIGTERM) break;
  }
  server.Stop();
  serving.join();
  if (!served.ok()) return Report(served.error());
  std::printf("stopped\n");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand("serve", "Local read-only web dashboard: charts, patterns, models, backtests, paper");
  serve->add_option("--port", o->port, "TCP port (0: any free port, printed)")->capture_default_str()->check(
      CLI::Range(0, 65535));
  serve->add_option("--bind", o->bind, "Address to listen on (a loopback address unless --allow-remote)")
      ->capture_default_str();
  serve->add_flag("--allow-remote", o->allow_remote,
                  "Allow --bind to a non-loopback address (no login, no TLS: anyone who reaches it reads your data)");
  AddDbOption(serve, o->db);
  serve->add_option("--model-dir", o->model_dir, "Model directory for forecasts and signals (default $QTRADER_HOME/models)");
  serve->add_option("--threads", o->threads, "Worker threads answering requests")->capture_default_str()->check(
      CLI::Range(1, 256));
  serve->footer(
      "Opens the store read-only (SQLite read-only mode: nothing the dashboard does can change it)\n"
      "and serves, from files built into this binary (no internet needed):\n"
      "  #/overview          the store's series and staleness, tonight's signals, paper accounts, monitor\n"
      "  #/symbol/SPY        candles and volume, pattern markers with their edge, the forecast's\n"
      "                      quantile fan, a live plan's stop and target; 1h/4h/1d/1w where stored\n"
      "  #/patterns          pattern cells: sortable, filterable, Wilson intervals, q-values, edge decay\n"
      "  #/models            walk-forward folds, coverage, reliability, pinball losses\n"
      "  #/backtests         recorded runs; equity, drawdown and trades of one\n"
      "  #/paper             accounts: positions, orders (CSV), fills, equity since inception\n"
      "and the JSON API under /api/ (docs/dashboard.md). Example, after 'qtrader demo':\n"
      "  qtrader serve --db ~/.local/share/qtrader/runs/demo-<time>/store.db\n"
      "then open http://127.0.0.1:8080/ in a browser. Ctrl-C stops it.");
  serve->callback([o] { CommandExitCode() = RunServe(*o); });
}

}  // namespace qat::cli

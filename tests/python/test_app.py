"""The seed's examples and the module's functions on the bundled real data, each checked
against the CLI's output for the same inputs (pattern edge, training metrics, forecast,
monitor recommendations, backtest, paper account)."""

import copy
import json
import sqlite3

import numpy as np
import pytest

import qtrader
from conftest import cli_json, run_cli

# Small trainings keep the suite quick (as tests/cli/model_commands_test.cc does): 3 symbols,
# a 365-day window, 5 boosting rounds.
TRAIN_SYMBOLS = ["AAPL", "SPY", "MSFT"]
TRAIN_ARGS = dict(lookback_days=365, rounds=5, seed=7)
CLI_TRAIN = ["--symbols", ",".join(TRAIN_SYMBOLS), "--lookback-days", "365", "--rounds", "5", "--seed", "7", "--quiet"]


def without_run_stamps(results):
    """Training results less what differs between two runs of the same training: when it ran."""
    r = copy.deepcopy(results)
    r["manifest"].pop("created_at", None)
    return r


@pytest.fixture(scope="module")
def patterns_built(home, db):
    lines = []
    built = qtrader.build_pattern_stats(["SPY", "AAPL", "MSFT"], db=db, market="SPY", progress=lines.append)
    assert len(lines) == 3 and built["cells"] > 0
    return built


def test_pattern_stats_engine_get_pattern_edge_equals_the_cli(home, db, patterns_built):
    engine = qtrader.PatternStatsEngine(db=db)
    edge = engine.get_pattern_edge("CDLHAMMER", context={"regime": "BULL"})
    cli = cli_json("patterns", "edge", "CDLHAMMER", "--regime", "BULL", "--json", "--db", db, home=home)
    cli = cli if isinstance(cli, list) else [cli]
    bullish = [c for c in cli if c["requested"]["direction"] == "bullish"][0]
    assert edge.data == bullish
    assert edge.win_rate == bullish["cell"]["win_rate"]
    assert edge.sharpe_ratio == bullish["cell"]["sharpe"]
    assert edge.status == bullish["cell"]["status"]
    assert edge.n == bullish["cell"]["n"] and edge.n > 0
    assert edge.ci == (bullish["cell"]["win_rate_lo"], bullish["cell"]["win_rate_hi"])
    assert edge.fallback_reason == bullish["fallback_reason"]
    assert edge.to_dict()["cell"]["n"] == edge.n
    # Every answer of the function form equals the CLI's.
    assert [a.data for a in qtrader.pattern_edge("cdlhammer", regime="BULL", db=db)] == cli


def test_top_edges_and_bad_pattern(home, db, patterns_built):
    top = qtrader.top_edges(min_n=10, limit=5, db=db)
    cli = cli_json("patterns", "top", "--min-n", "10", "--limit", "5", "--json", "--db", db, home=home)
    assert len(top) == len(cli) > 0
    for column in ("pattern", "direction", "regime", "vol_regime", "n", "win_rate", "q_value", "status"):
        assert list(top[column]) == [c[column] for c in cli], column
    with pytest.raises(ValueError, match="CDLNOTAPATTERN"):
        qtrader.pattern_edge("CDLNOTAPATTERN", db=db)


@pytest.fixture(scope="module")
def cli_models(home, db):
    models = home / "cli_models"
    run_cli("train", *CLI_TRAIN, "--model-dir", models, "--db", db, home=home)
    return models


def test_quantile_forecaster_trains_and_predicts_as_the_cli(home, db, cli_models):
    df = qtrader.bars("AAPL", db=db)
    forecaster = qtrader.QuantileForecaster(db=db, model_dir=home / "qf_models", symbols=["SPY", "MSFT"],
                                            **TRAIN_ARGS)
    training = forecaster.train(df, qtrader.InstitutionalFeatureEngineer(), horizon="5bar")
    cli_results = json.loads((cli_models / "5bar" / "training_results_5bar.json").read_text())
    assert without_run_stamps(training.results) == without_run_stamps(cli_results)
    assert training.accuracy == cli_results["oos"]["accuracy"]
    forecast = forecaster.predict_with_uncertainty(df)
    cli = cli_json("forecast", "--symbol", "AAPL", "--json", "--model-dir", cli_models, "--db", db, home=home)
    assert forecast.data == cli
    assert forecast.current_price == cli["price"]
    assert forecast.q10[-1] == cli["levels"][-1]["q10"]
    assert forecast.q50[-1] == cli["levels"][-1]["q50"]
    assert forecast.q90[-1] == cli["levels"][-1]["q90"]
    assert forecast.q10[-1] <= forecast.q50[-1] <= forecast.q90[-1]
    assert forecast.prob_up == cli["prob_up"] and 0 < forecast.prob_up < 1
    assert len(forecast.q10) == 5 and list(forecast.fan().columns) == ["q10", "q25", "q50", "q75", "q90"]


def test_colab_pro_trainer_says_there_is_no_gpu_and_trains_as_the_cli(home, db, cli_models, capsys):
    trainer = qtrader.ColabProTrainer(tickers=TRAIN_SYMBOLS, swing_horizon="5bar", lookback_days=365,
                                      model_dir=home / "colab_models", use_gpu=True, db=db, rounds=5, seed=7)
    result = trainer.run_full_training_pipeline()
    out = capsys.readouterr().out
    assert "no GPU" in out and "training on the CPU" in out and "fold 1/12" in out
    cli_results = json.loads((cli_models / "5bar" / "training_results_5bar.json").read_text())
    assert without_run_stamps(result.results) == without_run_stamps(cli_results)
    assert result.set_dir.endswith("colab_models/5bar")
    assert sorted(p.name for p in (home / "colab_models" / "5bar").iterdir()) == sorted(
        p.name for p in (cli_models / "5bar").iterdir())
    assert all(p.split("/")[-1] in {q.name for q in (cli_models / "5bar").iterdir()} for p in result.files)


def test_forecast_function_and_missing_model_set(home, db, cli_models, tmp_path):
    f = qtrader.forecast("MSFT", db=db, model_dir=cli_models)
    assert f.data == cli_json("forecast", "--symbol", "MSFT", "--json", "--model-dir", cli_models, "--db", db,
                              home=home)
    with pytest.raises(FileNotFoundError):
        qtrader.forecast("MSFT", db=db, model_dir=tmp_path / "no_models")


def test_training_logger_logs_and_recommends_as_the_monitor(home, db, cli_models):
    logger = qtrader.TrainingLogger(db=db, model_dir=cli_models)
    row = logger.log_model_training("ai_recommender_v2", metrics={"accuracy": 0.67, "sharpe": 1.8})
    with sqlite3.connect(db) as con:
        name, metrics = con.execute("SELECT model_dir, metrics FROM training_runs WHERE id = ?", (row,)).fetchone()
    assert name == "ai_recommender_v2" and json.loads(metrics) == {"accuracy": 0.67, "sharpe": 1.8}
    recs = logger.generate_improvement_recommendations(as_of="2026-07-21")
    cli = cli_json("monitor", "--as-of", "2026-07-21", "--json", "--model-dir", cli_models, "--db", db, home=home)
    assert logger.last_report == cli
    assert recs == [{k: r[k] for k in ("action", "reason", "priority", "evidence")} for r in cli["recommendations"]]
    assert recs, "SPY's bars end in 2024: at least a REFRESH_DATA"
    assert all(set(r) >= {"action", "reason", "priority"} for r in recs)


def test_backtest_equals_the_cli(home, db):
    result = qtrader.backtest(["SPY", "QQQ"], strategy="sma-cross", db=db, start="2015-01-02", end="2020-12-31",
                              record_trial=False)
    cli = cli_json("backtest", "--symbols", "SPY,QQQ", "--start", "2015-01-02", "--end", "2020-12-31",
                   "--no-record", "--json", "--db", db, home=home)
    for r in (result.report, cli):
        r["manifest"].pop("created_at", None)
    assert result.report == cli
    assert result.measures == cli["measures"] and result.buy_and_hold == cli["buy_and_hold"]
    assert result.equity.index[0].strftime("%Y-%m-%d") >= "2015-01-02" and "equity" in result.equity.columns
    assert len(result.fills) > 0
    with pytest.raises(ValueError):
        qtrader.backtest(["SPY"], strategy="no-such-strategy", db=db, record_trial=False)
    with pytest.raises(ValueError, match="unknown key"):
        qtrader.backtest(["SPY"], db=db, engine={"cash": 1}, record_trial=False)


def test_paper_account_is_the_one_the_cli_reads(home, db):
    status = qtrader.paper_init("py", ["SPY", "QQQ"], db=db, as_of="2023-01-03", engine={"initial_cash": 10000})
    assert status["account"] == "py" and status["config"]["symbols"] == ["SPY", "QQQ"]
    assert status["config"]["initial_cash"] == 10000
    run = qtrader.paper_run("py", db=db, as_of="2023-03-31")
    assert len(run["done"]) > 50
    assert qtrader.paper_status("py", db=db) == cli_json("paper", "status", "--account", "py", "--json", "--db", db,
                                                        home=home)
    fills = qtrader.paper_fills("py", db=db)
    cli_fills = run_cli("paper", "history", "--account", "py", "--db", db, home=home).stdout
    assert len(fills) == len(cli_fills.strip().splitlines()) - 1
    equity = qtrader.paper_equity("py", db=db)
    cli_equity = run_cli("paper", "history", "--account", "py", "--equity", "--db", db, home=home).stdout
    assert len(equity) == len(cli_equity.strip().splitlines()) - 1 > 50
    with pytest.raises(FileNotFoundError):
        qtrader.paper_status("nobody", db=db)


def test_help_teaches():
    doc = qtrader.train.__doc__
    for words in ("walk-forward", "lookback_days", "TrainResult", "GIL"):
        assert words in doc
    for f in (qtrader.forecast, qtrader.backtest, qtrader.pattern_edge, qtrader.features, qtrader.fetch,
              qtrader.signals, qtrader.paper_run, qtrader.monitor):
        assert f.__doc__ and len(f.__doc__) > 100, f.__name__


def test_confluence_engine_and_signals_equal_the_cli(home, db, cli_models):
    fit = qtrader.fit_confluence(["SPY", "AAPL", "MSFT"], db=db, model_dir=cli_models, timeframes=["1d", "1w"],
                                 bootstrap=10)
    evaluation = cli_json("confluence", "evaluate", "--quiet", "--json", "--bootstrap", "10", "--timeframes", "1d,1w",
                          "--symbols", "SPY,AAPL,MSFT", "--model-dir", cli_models, "--db", db, home=home)
    assert fit["evaluation"] == evaluation and fit["dir"].endswith("confluence_5bar")
    cli = cli_json("signals", "--symbols", "AAPL,MSFT", "--as-of", "2024-03-15", "--json", "--model-dir", cli_models,
                   "--db", db, home=home)
    assert qtrader.signals(["AAPL", "MSFT"], db=db, model_dir=cli_models, as_of="2024-03-15") == cli
    engine = qtrader.ConfluenceEngine(db=db, model_dir=cli_models)
    score = engine.calculate_confluence("AAPL", as_of="2024-03-15")
    expected = [s for s in cli["signals"] if s["symbol"] == "AAPL"][0]
    assert score.to_dict() == expected
    assert (score.final_score, score.direction, score.confidence) == (
        expected["final_score"], expected["direction"], expected["confidence"])
    assert score.timeframes_used == ["1d", "1w"]
    # The seed's hand-written form: the patterns and the context the CLI read for AAPL that day,
    # given by hand, score the same evidence (each pattern's cell and llr), the same context
    # terms and, when every timeframe's regimes are the context's, the same fused answer.
    given = {t["timeframe"]: [{"name": p["name"], "confidence": 0.5, "direction": p["direction"].upper()}
                              for p in t["patterns"]] for t in expected["per_timeframe"] if t["available"]}
    ctx = expected["context"]
    by_hand = engine.calculate_confluence(given, {"rsi": ctx["rsi"], "volume_ratio": ctx["volume_ratio"],
                                                  "regime": ctx["regime"], "vol_regime": ctx["vol_regime"]})
    assert by_hand.context["terms"] == ctx["terms"]
    same_regimes = True
    for cli_tf, hand_tf in zip(expected["per_timeframe"], by_hand.per_timeframe):
        assert cli_tf["timeframe"] == hand_tf["timeframe"]
        if (cli_tf["regime"], cli_tf["vol_regime"]) != (ctx["regime"], ctx["vol_regime"]):
            same_regimes = False
            continue
        assert hand_tf["patterns"] == cli_tf["patterns"] and hand_tf["log_odds"] == cli_tf["log_odds"]
    if same_regimes:
        assert (by_hand.final_score, by_hand.direction, by_hand.probability) == (
            expected["final_score"], expected["direction"], expected["probability"])
    # The seed's example as written: its 1h patterns are listed as ignored (this model was
    # fitted on 1d and 1w), its 1d hammer is scored in the BULL context.
    seed = engine.calculate_confluence(
        {"1d": [{"name": "CDLHAMMER", "confidence": 0.7, "direction": "BULLISH"}],
         "1h": [{"name": "CDLHAMMER", "confidence": 0.8, "direction": "BULLISH"}]},
        {"rsi": 28, "volume_ratio": 2.1, "regime": "BULL"})
    assert seed.direction in ("BULLISH", "BEARISH", "NEUTRAL") and 0 < seed.confidence < 1
    assert seed.signal["ignored"] == ["1h: the confluence model was fitted without it"]
    hammer = seed.per_timeframe[0]["patterns"][0]
    assert hammer["name"] == "CDLHAMMER" and hammer["direction"] == "bullish"
    assert seed.context["terms"]["rsi"]["bucket"] == "<30" and seed.context["regime"] == "BULL"
    with pytest.raises(ValueError, match="CDLNOPE"):
        engine.calculate_confluence({"1d": [{"name": "CDLNOPE", "direction": "BULLISH"}]}, {})


def test_long_calls_release_the_gil(home, db):
    import threading
    import time
    lines = []
    done = threading.Event()

    def work():
        try:
            qtrader.train(TRAIN_SYMBOLS, db=db, model_dir=home / "gil_models", progress=lines.append, **TRAIN_ARGS)
        finally:
            done.set()

    worker = threading.Thread(target=work)
    ticks = [time.perf_counter()]
    worker.start()
    while not done.is_set():
        time.sleep(0.005)
        ticks.append(time.perf_counter())
    worker.join()
    # Training holds no GIL: this thread kept running every few milliseconds throughout.
    assert ticks[-1] - ticks[0] > 0.3 and len(ticks) > 20
    assert max(b - a for a, b in zip(ticks, ticks[1:])) < 0.25
    assert any("fold 1/12" in line for line in lines)


def test_a_raising_progress_callback_is_raised_after_the_call(home, db):
    def boom(line):
        raise KeyboardInterrupt("stop")  # what Ctrl-C in a callback looks like

    with pytest.raises(KeyboardInterrupt):
        qtrader.build_pattern_stats(["SPY"], db=db, market="SPY", progress=boom)

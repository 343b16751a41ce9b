"""The seed's classes, as its Python examples use them (docs/python.md, ../shared/docs/SEED.md),
over the qtrader functions: no second implementation. Each takes ``db=`` (default: the user's
store, as the CLI) and, where models are involved, ``model_dir=``.

What differs from the seed, and why:

* Everything reads the store: training and pattern statistics use the symbols' stored,
  split-adjusted bars (import or fetch them first), as the CLI does.
* ``QuantileForecaster.train(df, feature_engineer)`` trains on the stored bars of the symbol
  the DataFrame names (``df.attrs['symbol']``, set by ``qtrader.bars``/``read_csv``); the
  features are always the library's 78 registered ones, which is what
  ``InstitutionalFeatureEngineer`` computes.
* ``use_gpu=True`` says there is no GPU build and trains on the CPU.
* Feature names: the seed's names map to the registry's (``SEED_FEATURE_NAMES``); the only
  one that differs is ``correlation_spy`` -> ``corr_spy_63``, added as an alias column.
"""

from __future__ import annotations

import re
import sys
from typing import Optional, Sequence

import pandas as pd

from . import _core

# The seed's feature names -> the registry's (docs/features.md).
SEED_FEATURE_NAMES = {
    "rsi_14_percentile": "rsi_14_percentile",
    "rsi_momentum": "rsi_momentum",
    "volume_acceleration": "volume_acceleration",
    "correlation_spy": "corr_spy_63",
    "trend_regime_bull": "trend_regime_bull",
    "rsi_x_volume": "rsi_x_volume",
}


def _horizon(h) -> int:
    """'5bar' -> 5 (the seed's horizon names), or an int."""
    if isinstance(h, int):
        return h
    m = re.fullmatch(r"\s*(\d+)\s*(bar|bars|d)?\s*", str(h))
    if not m:
        raise _core.InvalidInputError(f"horizon {h!r}: expected a number of bars such as '5bar'")
    return int(m.group(1))


def _symbol_of(df_or_symbol) -> str:
    if isinstance(df_or_symbol, str):
        return df_or_symbol
    symbol = getattr(df_or_symbol, "attrs", {}).get("symbol")
    if not symbol:
        raise _core.InvalidInputError(
            "the DataFrame names no symbol: use qtrader.bars(symbol) or qtrader.read_csv(path), or set "
            "df.attrs['symbol'] to a stored symbol")
    return str(symbol)


class PatternStatsEngine:
    """The seed's pattern statistics engine over the store's pattern cells
    (``qtrader patterns build`` / ``edge``)::

        engine = PatternStatsEngine(db="my.db")
        engine.build(["SPY", "AAPL"], market="SPY")      # once, and after new bars
        edge = engine.get_pattern_edge("CDLHAMMER", context={"regime": "BULL"})
        edge.win_rate, edge.sharpe_ratio, edge.status, edge.n, edge.q_value, edge.ci, edge.fallback_reason
    """

    def __init__(self, db=None, horizon: int = 5, timeframe: str = "1d", min_n: int = 30):
        self.db = db
        self.horizon = horizon
        self.timeframe = timeframe
        self.min_n = min_n

    def build(self, symbols, market: Optional[str] = None, **kwargs) -> dict:
        """Updates the stored events and cells of ``symbols`` (qtrader.build_pattern_stats)."""
        from . import build_pattern_stats
        return build_pattern_stats(symbols, db=self.db, market=market, **kwargs)

    def get_pattern_edge(self, pattern: str, context: Optional[dict] = None, horizon: Optional[int] = None,
                         timeframe: Optional[str] = None):
        """The edge of ``pattern`` in ``context`` ({'regime': BULL|BEAR|SIDEWAYS|ALL,
        'vol_regime': LOW|NORMAL|HIGH|ALL, 'direction': 'bullish'|'bearish'}). Without a
        direction the bullish answer is returned when the pattern has bullish events, else
        the bearish one; ``.fallback_reason`` says when a broader cell answered."""
        from . import pattern_edge
        context = context or {}
        answers = pattern_edge(pattern, regime=str(context.get("regime", "ALL")),
                               vol_regime=str(context.get("vol_regime", context.get("volatility", "ALL"))),
                               direction=context.get("direction"), horizon=horizon or self.horizon,
                               timeframe=timeframe or self.timeframe, min_n=self.min_n, db=self.db)
        for a in answers:
            if a.direction == "bullish":
                return a
        return answers[0]


class QuantileForecaster:
    """The seed's quantile forecaster over ``qtrader train`` and ``qtrader forecast``::

        df = qtrader.bars("AAPL", db="my.db")
        forecaster = QuantileForecaster(db="my.db", model_dir="models")
        forecaster.train(df, InstitutionalFeatureEngineer(), horizon="5bar")
        forecast = forecaster.predict_with_uncertainty(df)
        forecast.current_price, forecast.q10[-1], forecast.q50[-1], forecast.q90[-1], forecast.prob_up

    ``train`` trains the classifier and the five quantile models (q10..q90) on the stored
    bars of the DataFrame's symbol (plus ``symbols``), with the market and VIX context, and
    publishes the set to ``model_dir``; ``predict_with_uncertainty`` forecasts from the
    symbol's latest stored bar. ``q10`` etc. are price levels for steps 1..h.
    """

    def __init__(self, db=None, model_dir=None, symbols: Sequence[str] = (), lookback_days: int = 730,
                 rounds: Optional[int] = None, seed: int = 42, jobs: Optional[int] = None):
        self.db = db
        self.model_dir = model_dir
        self.symbols = list(symbols)
        self.lookback_days = lookback_days
        self.rounds = rounds
        self.seed = seed
        self.jobs = jobs
        self.horizon = 5
        self.training = None

    def train(self, df, feature_engineer=None, horizon="5bar"):
        """Trains and publishes the model set; returns the TrainResult (also ``.training``)."""
        from . import train
        if feature_engineer is not None and not isinstance(feature_engineer, InstitutionalFeatureEngineer):
            raise _core.InvalidInputError(
                "feature_engineer: the models train on the library's registered features "
                "(InstitutionalFeatureEngineer); another engineer cannot be used")
        self.horizon = _horizon(horizon)
        symbol = _symbol_of(df).upper()
        symbols = [symbol] + [s for s in self.symbols if s.upper() != symbol]
        self.training = train(symbols, db=self.db, model_dir=self.model_dir, horizon=self.horizon,
                              lookback_days=self.lookback_days, seed=self.seed, rounds=self.rounds, jobs=self.jobs)
        return self.training

    def predict_with_uncertainty(self, df):
        """The Forecast of the DataFrame's (or the named) symbol from its latest stored bar."""
        from . import forecast
        return forecast(_symbol_of(df), db=self.db, model_dir=self.model_dir, horizon=self.horizon)


class InstitutionalFeatureEngineer:
    """The seed's feature engineer: the library's 78 registered features (docs/features.md)
    of a daily bars DataFrame, with the market (SPY) and VIX context joined on availability::

        fe = InstitutionalFeatureEngineer()
        features = fe.engineer(stock_df, spy_df=spy_data, vix_series=vix_data)

    The columns are the registry's names (``qtrader features``) plus the seed's names that
    differ (``SEED_FEATURE_NAMES``: correlation_spy = corr_spy_63), as aliases.
    """

    feature_names = SEED_FEATURE_NAMES

    def engineer(self, stock_df: pd.DataFrame, spy_df: Optional[pd.DataFrame] = None, vix_series=None,
                 max_age_days: int = 5) -> pd.DataFrame:
        from . import compute_features
        frame = compute_features(stock_df, market=spy_df, vix=vix_series, max_age_days=max_age_days)
        for seed_name, name in SEED_FEATURE_NAMES.items():
            if seed_name not in frame.columns:
                frame[seed_name] = frame[name]
        return frame


class TrainingLogger:
    """The seed's training logger over the store's training_runs log and ``qtrader monitor``::

        logger = TrainingLogger(db="my.db", model_dir="models")
        logger.log_model_training("ai_recommender_v2", metrics={"accuracy": 0.67, "sharpe": 1.8})
        recs = logger.generate_improvement_recommendations()  # [{'action', 'reason', 'priority', 'evidence'}]

    The recommendations come from the monitor of the published model set of ``horizon``:
    RETRAIN (HIGH) when the recent accuracy or log loss is significantly worse than the
    out-of-sample figures training promised, RETRAIN (MEDIUM) on age or drift, RECALIBRATE,
    REFRESH_DATA, HALT (with an equity curve). ``.last_report`` holds the whole report.
    """

    def __init__(self, db=None, model_dir=None, horizon: int = 5):
        self.db = db
        self.model_dir = model_dir
        self.horizon = _horizon(horizon)
        self.last_report = None

    def log_model_training(self, name: str, metrics: dict) -> int:
        from . import log_model_training
        return log_model_training(name, metrics, db=self.db)

    def generate_improvement_recommendations(self, as_of: Optional[str] = None, equity=None, **kwargs) -> list:
        from . import monitor
        self.last_report = monitor(db=self.db, model_dir=self.model_dir, horizon=self.horizon, as_of=as_of,
                                   equity=equity, **kwargs)
        return [{"action": r["action"], "reason": r["reason"], "priority": r["priority"], "evidence": r["evidence"]}
                for r in self.last_report["recommendations"]]


class ColabProTrainer:
    """The seed's training pipeline, on this machine's CPU (``qtrader train``)::

        trainer = ColabProTrainer(tickers=['SPY', 'QQQ', 'AAPL', 'MSFT', 'GOOGL', 'TSLA'],
                                  swing_horizon='5bar', lookback_days=730, model_dir='models', use_gpu=True)
        result = trainer.run_full_training_pipeline()

    Writes our artifacts to MODEL_DIR/<h>bar/ (swing_model_<h>bar.json, quantile_<h>bar_q10..q90.json,
    feature_schema_<h>bar.json, training_results_<h>bar.json, SHA256SUMS) instead of the seed's
    .pkl files, and returns the TrainResult. XGBoost from Debian (1.7.4) has no CUDA: with
    ``use_gpu=True`` it says so and trains on the CPU.
    """

    def __init__(self, tickers: Sequence[str] = ("SPY", "QQQ", "AAPL", "MSFT", "GOOGL", "TSLA"),
                 swing_horizon="5bar", lookback_days: int = 730, model_dir=None, use_gpu: bool = False, db=None,
                 rounds: Optional[int] = None, seed: int = 42, jobs: Optional[int] = None, verbose: bool = True):
        self.tickers = list(tickers)
        self.horizon = _horizon(swing_horizon)
        self.lookback_days = lookback_days
        self.model_dir = model_dir
        self.use_gpu = use_gpu
        self.db = db
        self.rounds = rounds
        self.seed = seed
        self.jobs = jobs
        self.verbose = verbose
        self.result = None

    def run_full_training_pipeline(self):
        from . import train
        out = sys.stdout if self.verbose else None
        if self.use_gpu and out:
            print("use_gpu=True: this build has no GPU support (Debian's XGBoost 1.7.4 has no CUDA); "
                  "training on the CPU", file=out)
        progress = (lambda line: print("  " + line, file=out)) if out else None
        self.result = train(self.tickers, db=self.db, model_dir=self.model_dir, horizon=self.horizon,
                            lookback_days=self.lookback_days, seed=self.seed, rounds=self.rounds, jobs=self.jobs,
                            progress=progress)
        if out:
            o = self.result.oos
            print(f"out of sample: accuracy {o['accuracy']:.3f} (majority class {o['baseline_accuracy']:.3f}), "
                  f"directional {o['directional_accuracy']:.3f}; log loss {o['log_loss']:.4f} "
                  f"(class prior {o['baseline_log_loss']:.4f})", file=out)
            print(f"wrote {len(self.result.files)} files to {self.result.set_dir}", file=out)
        return self.result


class ConfluenceScore:
    """The confluence of one symbol at a session's close (from ``qtrader signals``)."""

    def __init__(self, signal: dict):
        self.symbol = signal["symbol"]
        self.as_of = signal["as_of"]
        self.final_score = signal["final_score"]  # fused log-odds over the base rate
        self.direction = signal["direction"]  # BULLISH, BEARISH, NEUTRAL
        self.confidence = signal["confidence"]  # P(the direction)
        self.probability = signal["probability"]  # P(up at the horizon)
        self.base_rate = signal["base_rate"]
        self.abstained = signal["abstained"]
        self.timeframes_used = signal["timeframes_used"]
        self.per_timeframe = signal["per_timeframe"]
        self.context = signal["context"]
        self.signal = signal

    def to_dict(self) -> dict:
        return dict(self.signal)

    def __repr__(self):
        return (f"ConfluenceScore({self.symbol} {self.as_of}: final_score={self.final_score:.3f}, "
                f"direction={self.direction}, confidence={self.confidence:.3f})")


class ConfluenceEngine:
    """The seed's multi-timeframe confluence over the published confluence model
    (``qtrader confluence fit``, then ``qtrader signals``)::

        engine = ConfluenceEngine(db="my.db", model_dir="models")
        score = engine.calculate_confluence("AAPL", as_of="2024-03-15")
        score.final_score, score.direction, score.confidence

    The patterns of each timeframe (1h, 4h, 1d, 1w) and the context (RSI, volume ratio, the
    market's regimes) are read from the symbol's stored bars as of the session's close, each
    pattern weighed by its measured edge, and fused by the fitted, calibrated combiner.

    The seed's hand-written form works too::

        score = engine.calculate_confluence(
            {'1d': [{'name': 'CDLHAMMER', 'confidence': 0.7, 'direction': 'BULLISH'}],
             '1h': [{'name': 'CDLHAMMER', 'confidence': 0.8, 'direction': 'BULLISH'}]},
            {'rsi': 28, 'volume_ratio': 2.1, 'regime': 'BULL'})

    Each pattern is scored as if it fired on its timeframe's last bar in the context's regimes
    (``vol_regime`` optional, default UNKNOWN), weighed by what its cell measured; the seed's
    per-pattern ``confidence`` is ignored (the measured edge replaces it). A model timeframe
    not given counts as no pattern.
    """

    def __init__(self, db=None, model_dir=None, horizon: int = 5):
        self.db = db
        self.model_dir = model_dir
        self.horizon = _horizon(horizon)

    def fit(self, symbols, **kwargs) -> dict:
        """Fits and publishes the combiner (qtrader.fit_confluence)."""
        from . import fit_confluence
        return fit_confluence(symbols, db=self.db, model_dir=self.model_dir, horizon=self.horizon, **kwargs)

    def _given(self, patterns_by_tf: dict, context: dict) -> ConfluenceScore:
        directions = {"BULLISH": 1, "BULL": 1, "BEARISH": -1, "BEAR": -1}
        given = {}
        for tf, patterns in patterns_by_tf.items():
            given[tf] = []
            for p in patterns:
                d = str(p.get("direction", "BULLISH")).upper()
                if d not in directions:
                    raise _core.InvalidInputError(f"{tf} {p.get('name')}: direction must be BULLISH or BEARISH, got {d}")
                given[tf].append((str(p["name"]).upper(), directions[d]))
        nan = float("nan")
        result = _core.confluence_given(
            model_dir="" if self.model_dir is None else str(self.model_dir), horizon=self.horizon,
            patterns_by_tf=given, rsi=float(context.get("rsi", nan)),
            volume_ratio=float(context.get("volume_ratio", nan)),
            regime=str(context.get("regime", "UNKNOWN")).upper(),
            vol_regime=str(context.get("vol_regime", "UNKNOWN")).upper())
        result.update({"symbol": None, "as_of": None,
                       "timeframes_used": [t["timeframe"] for t in result["per_timeframe"] if t["available"]]})
        return ConfluenceScore(result)

    def calculate_confluence(self, symbol, context=None, as_of: Optional[str] = None,
                             timeframes: Sequence[str] = ()) -> ConfluenceScore:
        from . import signals
        if isinstance(symbol, dict):
            return self._given(symbol, context or {})
        if context is not None:
            raise _core.InvalidInputError(
                "calculate_confluence: a context goes with patterns given by hand (a dict of timeframes); "
                "a stored symbol's context is read from its bars")
        report = signals([symbol], db=self.db, model_dir=self.model_dir, as_of=as_of, timeframes=timeframes,
                         horizon=self.horizon)
        if not report["signals"]:
            raise _core.NotFoundError("; ".join(report["skipped"]) or f"{symbol}: no signal")
        return ConfluenceScore(report["signals"][0])

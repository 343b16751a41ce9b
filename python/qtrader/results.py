"""Result types of the qtrader module: dataclasses over the library's one JSON form of each
answer (the same JSON the CLI prints with --json). Every one has ``to_dict()``; the complete
JSON is kept in ``.data``."""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np
import pandas as pd


class _Result:
    def to_dict(self) -> dict:
        """The result as plain Python objects (dicts, lists, numbers, strings)."""
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            out[f.name] = _plain(value)
        return out


def _plain(value):
    if isinstance(value, _Result):
        return value.to_dict()
    if isinstance(value, pd.DataFrame):
        return value.reset_index().to_dict(orient="list")
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _nan(x):
    return float("nan") if x is None else x


@dataclass
class PatternCell(_Result):
    """One cell of the pattern statistics engine: a pattern's events in one direction,
    timeframe, horizon and (trend regime, volatility regime) context, and their outcomes."""

    pattern: str
    direction: str
    timeframe: str
    horizon: int
    regime: str
    vol_regime: str
    n: int
    wins: int
    win_rate: float
    win_rate_ci: tuple  # Wilson 95% interval
    mean_return: float
    median_return: float
    sharpe: float
    ic: float
    excess_return: float
    t_stat: float
    p_value: float
    q_value: float  # Benjamini-Hochberg over every cell tested
    status: str  # STRONG, MODERATE, WEAK, NO_EDGE, INSUFFICIENT_DATA
    shrunk_win_rate: float
    data: dict = field(repr=False)

    @classmethod
    def from_json(cls, j: dict) -> "PatternCell":
        return cls(
            pattern=j["pattern"], direction=j["direction"], timeframe=j["timeframe"], horizon=j["horizon"],
            regime=j["regime"], vol_regime=j["vol_regime"], n=j["n"], wins=j["wins"],
            win_rate=_nan(j["win_rate"]), win_rate_ci=(_nan(j["win_rate_lo"]), _nan(j["win_rate_hi"])),
            mean_return=_nan(j["mean_return"]), median_return=_nan(j["median_return"]),
            sharpe=_nan(j["sharpe"]), ic=_nan(j["ic"]), excess_return=_nan(j["excess_return"]),
            t_stat=_nan(j["t_stat"]), p_value=_nan(j["p_value"]), q_value=_nan(j["q_value"]),
            status=j["status"], shrunk_win_rate=_nan(j["shrunk_win_rate"]), data=j)

    @property
    def sharpe_ratio(self) -> float:
        """The seed's name for ``sharpe`` (per-event mean over standard deviation)."""
        return self.sharpe

    @property
    def ci(self) -> tuple:
        return self.win_rate_ci


@dataclass
class PatternEdge(_Result):
    """The edge of a pattern in a context (``qtrader patterns edge``): the cell that answers,
    falling back from the exact (regime, vol regime) cell to (regime, ALL) and (ALL, ALL)
    when a cell holds fewer than ``min_n`` events, and the same context in the recent window
    (edge decay)."""

    pattern: str
    direction: str
    regime: str  # asked
    vol_regime: str  # asked
    answered_by: str  # "REGIME/VOL" of the cell used
    exact: bool
    fallback_reason: str
    below_min_n: bool
    cell: PatternCell
    recent: Optional[PatternCell]
    data: dict = field(repr=False)

    @classmethod
    def from_json(cls, j: dict) -> "PatternEdge":
        q = j["requested"]
        return cls(pattern=q["pattern"], direction=q["direction"], regime=q["regime"], vol_regime=q["vol_regime"],
                   answered_by=j["answered_by"], exact=j["exact"], fallback_reason=j["fallback_reason"],
                   below_min_n=j["below_min_n"], cell=PatternCell.from_json(j["cell"]),
                   recent=PatternCell.from_json(j["recent"]) if j["recent"] else None, data=j)

    # The seed's fields, read off the answering cell.
    @property
    def win_rate(self) -> float:
        return self.cell.win_rate

    @property
    def sharpe_ratio(self) -> float:
        return self.cell.sharpe

    @property
    def status(self) -> str:
        return self.cell.status

    @property
    def n(self) -> int:
        return self.cell.n

    @property
    def q_value(self) -> float:
        return self.cell.q_value

    @property
    def ci(self) -> tuple:
        return self.cell.win_rate_ci

    @property
    def fallback_used(self) -> bool:
        return not self.exact


QUANTILES = ("q10", "q25", "q50", "q75", "q90")


@dataclass
class Forecast(_Result):
    """A forecast from a published model set (``qtrader forecast``): the return quantiles at
    the horizon, the price levels of each quantile for steps 1..h (``q10[-1]`` is the price at
    the horizon's 10% quantile), P(up) and the class probabilities."""

    symbol: str
    horizon: int
    price_date: str
    current_price: float
    model_as_of: str
    return_quantiles: dict
    q10: np.ndarray
    q25: np.ndarray
    q50: np.ndarray
    q75: np.ndarray
    q90: np.ndarray
    prob_up: float
    prob_up_raw: float
    class_probabilities: dict
    context_missing: list
    data: dict = field(repr=False)

    @classmethod
    def from_json(cls, j: dict) -> "Forecast":
        levels = {q: np.array([step[q] for step in j["levels"]], dtype=np.float64) for q in QUANTILES}
        return cls(symbol=j["symbol"], horizon=j["horizon"], price_date=j["price_date"], current_price=j["price"],
                   model_as_of=j["model_as_of"], return_quantiles=j["return_quantiles"], prob_up=j["prob_up"],
                   prob_up_raw=j["prob_up_raw"], class_probabilities=j["class_probabilities"],
                   context_missing=j["context_missing"], data=j, **levels)

    def fan(self) -> pd.DataFrame:
        """The price levels as a DataFrame: one row per step 1..h, columns q10..q90."""
        return pd.DataFrame({q: getattr(self, q) for q in QUANTILES},
                            index=pd.RangeIndex(1, self.horizon + 1, name="step"))


@dataclass
class TrainResult(_Result):
    """A training run (``qtrader train``): the published model set and its out-of-sample
    figures (``results`` is training_results_<h>bar.json, manifest included)."""

    set_dir: str
    files: list
    run_id: int
    symbols_used: int
    final_symbols: list
    oos: dict  # pooled out-of-sample figures: accuracy, baseline_accuracy, log_loss, ...
    results: dict = field(repr=False)

    @property
    def accuracy(self) -> float:
        return self.oos["accuracy"]

    @property
    def directional_accuracy(self) -> float:
        return self.oos["directional_accuracy"]


def _csv_frame(text: str, date_column: str = "date") -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(text))
    for column in frame.columns:
        if column.endswith("date"):
            frame[column] = pd.to_datetime(frame[column])
    if date_column in frame.columns:
        frame = frame.set_index(date_column)
    return frame


@dataclass
class BacktestResult(_Result):
    """A backtest (``qtrader backtest``): the measures beside buy-and-hold of the same symbols,
    the equity curve, trades and fills, and the full report (``report``, the CLI's --json)."""

    strategy: str
    symbols: list
    start: str
    end: str
    measures: dict
    buy_and_hold: dict
    equity: pd.DataFrame = field(repr=False)
    trades: pd.DataFrame = field(repr=False)
    fills: pd.DataFrame = field(repr=False)
    report: dict = field(repr=False)
    tearsheet_html: str = field(repr=False)

    @classmethod
    def from_core(cls, raw: dict) -> "BacktestResult":
        r = raw["report"]
        return cls(strategy=r["strategy"], symbols=r["symbols"], start=r["start"], end=r["end"],
                   measures=r["measures"], buy_and_hold=r["buy_and_hold"],
                   equity=_csv_frame(raw["equity_csv"]), trades=_csv_frame(raw["trades_csv"], date_column=""),
                   fills=_csv_frame(raw["fills_csv"], date_column=""), report=r,
                   tearsheet_html=raw["tearsheet_html"])


@dataclass
class FetchOutcome(_Result):
    """One symbol of a fetch: which provider answered, what was written, or why it failed."""

    symbol: str
    interval: str
    ok: bool
    up_to_date: bool
    provider: str
    message: str
    bars: int
    new_bars: int
    updated_bars: int
    unchanged_bars: int
    splits: int
    dividends: int
    notes: list
    description: str


@dataclass
class ImportResult(_Result):
    """An import (``qtrader import``): what was written and the stored series' quality."""

    symbol: str
    interval: str
    bars: int
    first: str
    last: str
    source: str
    basis: str
    actions: int
    new_bars: int
    updated_bars: int
    unchanged_bars: int
    replaced_bars: int
    overlap_sessions: int
    warnings: list
    quality_issues: list

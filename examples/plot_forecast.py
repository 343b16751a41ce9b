"""Notebook-style example: the bundled data in a store, candlestick patterns on a chart, and
the quantile forecast as a fan, written to a PNG with matplotlib.

Run it from the repository root after `make build`:

    PYTHONPATH=build/release/python /usr/bin/python3 examples/plot_forecast.py --out /tmp/aapl.png

Each "cell" below is what one would type into Jupyter. It trains a small model set (5 boosting
rounds, a 365-day window) so it runs in seconds; drop `rounds=5` for the real defaults.
"""

import argparse
import pathlib
import tempfile

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import qtrader  # noqa: E402
import qtrader.ta as talib  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[1]

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--out", default="forecast.png", help="PNG to write")
parser.add_argument("--workdir", default=None, help="where the store and models go (default: a temporary folder)")
parser.add_argument("--symbol", default="AAPL")
parser.add_argument("--bars", type=int, default=90, help="bars shown")
args = parser.parse_args()
work = pathlib.Path(args.workdir or tempfile.mkdtemp(prefix="qtrader-example-"))
db, models = work / "qtrader.db", work / "models"

# %% 1. The bundled daily bars into a store (data/PROVENANCE.md says where they come from).
for symbol in ("SPY", "AAPL", "MSFT"):
    qtrader.import_csv(symbol, REPO / "data" / "daily" / f"{symbol}.csv", db=db)
qtrader.import_csv("^VIX", REPO / "data" / "macro" / "VIX.csv", db=db, repair_ohlc=True)
bars = qtrader.bars(args.symbol, db=db)
print(f"{args.symbol}: {len(bars)} bars, {bars.index[0].date()} .. {bars.index[-1].date()}")

# %% 2. Candlestick patterns with TA-Lib's calls, on the shown window.
view = bars.iloc[-args.bars:]
marks = {name: getattr(talib, name)(bars["open"], bars["high"], bars["low"], bars["close"]).iloc[-args.bars:]
         for name in ("CDLHAMMER", "CDLENGULFING", "CDLDOJI", "CDLSHOOTINGSTAR")}
for name, signal in marks.items():
    print(f"{name}: {int((signal != 0).sum())} in the last {args.bars} bars")

# %% 3. A model set and the forecast from the last bar: q10..q90 price levels for steps 1..5.
qtrader.train(["SPY", "AAPL", "MSFT"], db=db, model_dir=models, lookback_days=365, rounds=5)
forecast = qtrader.forecast(args.symbol, db=db, model_dir=models)
print(f"{args.symbol} close {forecast.current_price:.2f} on {forecast.price_date}: "
      f"q10 {forecast.q10[-1]:.2f}  q50 {forecast.q50[-1]:.2f}  q90 {forecast.q90[-1]:.2f}  "
      f"prob_up {forecast.prob_up:.1%}")

# %% 4. The chart: candles, pattern marks, the fan after the last bar.
fig, ax = plt.subplots(figsize=(12, 6))
x = np.arange(len(view))
up = view["close"].to_numpy() >= view["open"].to_numpy()
for colour, rows in (("#2e7d32", up), ("#c62828", ~up)):
    ax.vlines(x[rows], view["low"].to_numpy()[rows], view["high"].to_numpy()[rows], color=colour, linewidth=1)
    bottom = np.minimum(view["open"], view["close"]).to_numpy()[rows]
    height = np.abs(view["close"] - view["open"]).to_numpy()[rows]
    ax.bar(x[rows], np.maximum(height, 1e-9), bottom=bottom, width=0.6, color=colour)
styles = {"CDLHAMMER": ("^", "#1565c0"), "CDLENGULFING": ("D", "#6a1b9a"), "CDLDOJI": ("o", "#ef6c00"),
          "CDLSHOOTINGSTAR": ("v", "#37474f")}
span = float(view["high"].max() - view["low"].min())
for name, signal in marks.items():
    hit = signal.to_numpy() != 0
    if hit.any():
        marker, colour = styles[name]
        bullish = signal.to_numpy()[hit] > 0
        y = np.where(bullish, view["low"].to_numpy()[hit] - 0.02 * span, view["high"].to_numpy()[hit] + 0.02 * span)
        ax.scatter(x[hit], y, marker=marker, color=colour, s=40, label=f"{name} ({int(hit.sum())})", zorder=3)
steps = np.arange(len(view) - 1, len(view) + forecast.horizon)
level = lambda q: np.concatenate([[forecast.current_price], getattr(forecast, q)])
ax.fill_between(steps, level("q10"), level("q90"), color="#1565c0", alpha=0.15, label="q10..q90")
ax.fill_between(steps, level("q25"), level("q75"), color="#1565c0", alpha=0.30, label="q25..q75")
ax.plot(steps, level("q50"), color="#1565c0", linewidth=1.5, label="q50")
ticks = x[:: max(1, len(view) // 8)]
ax.set_xticks(ticks, [view.index[i].strftime("%Y-%m-%d") for i in ticks], rotation=30)
ax.set_xlim(-1, steps[-1] + 1)
ax.set_title(f"{args.symbol}: last {args.bars} sessions, candlestick patterns and the {forecast.horizon}-bar "
             f"quantile forecast (prob_up {forecast.prob_up:.0%}; model trained through {forecast.model_as_of})")
ax.set_ylabel("price (split-adjusted)")
ax.grid(alpha=0.3)
ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
fig.savefig(args.out, dpi=100)
print(f"wrote {args.out}")

"""qtrader.ta: TA-Lib's signatures, and every column equal to `qtrader ta` on bundled files."""

import inspect

import numpy as np
import pandas as pd
import pytest

import qtrader
import qtrader.ta as talib
from conftest import daily, run_cli

FILES = ("SPY", "AAPL", "TSLA", "GLD", "BA", "YHOO")

# Each `qtrader ta` real column as a call of qtrader.ta with the table's parameters.
REAL = {
    "SMA": lambda b: talib.SMA(b.close, timeperiod=20),
    "EMA": lambda b: talib.EMA(b.close, timeperiod=20),
    "RSI": lambda b: talib.RSI(b.close),
    "ATR": lambda b: talib.ATR(b.high, b.low, b.close),
    "NATR": lambda b: talib.NATR(b.high, b.low, b.close),
    "MACD_macd": lambda b: talib.MACD(b.close)[0],
    "MACD_signal": lambda b: talib.MACD(b.close)[1],
    "MACD_hist": lambda b: talib.MACD(b.close)[2],
    "BBANDS_upper": lambda b: talib.BBANDS(b.close, timeperiod=20)[0],
    "BBANDS_middle": lambda b: talib.BBANDS(b.close, timeperiod=20)[1],
    "BBANDS_lower": lambda b: talib.BBANDS(b.close, timeperiod=20)[2],
    "ADX": lambda b: talib.ADX(b.high, b.low, b.close),
    "PLUS_DI": lambda b: talib.PLUS_DI(b.high, b.low, b.close),
    "MINUS_DI": lambda b: talib.MINUS_DI(b.high, b.low, b.close),
    "CCI": lambda b: talib.CCI(b.high, b.low, b.close),
    "MFI": lambda b: talib.MFI(b.high, b.low, b.close, b.volume),
    "OBV": lambda b: talib.OBV(b.close, b.volume),
    "STOCH_slowk": lambda b: talib.STOCH(b.high, b.low, b.close)[0],
    "STOCH_slowd": lambda b: talib.STOCH(b.high, b.low, b.close)[1],
    "WILLR": lambda b: talib.WILLR(b.high, b.low, b.close),
    "ROC": lambda b: talib.ROC(b.close),
    "MOM": lambda b: talib.MOM(b.close),
    "AROONOSC": lambda b: talib.AROONOSC(b.high, b.low),
    "TRANGE": lambda b: talib.TRANGE(b.high, b.low, b.close),
}


def same(a, b):
    """Equal bit for bit, NaN where the other is NaN."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


@pytest.mark.parametrize("symbol", FILES)
def test_every_column_equals_the_cli_ta_output(symbol, tmp_path):
    out = tmp_path / "ta.csv"
    run_cli("ta", "--input", daily(symbol), "--output", out, home=tmp_path)
    cli = pd.read_csv(out, index_col="date", parse_dates=["date"], float_precision="round_trip")
    bars = qtrader.read_csv(daily(symbol))
    arrays = {c: bars[c].to_numpy() for c in ("open", "high", "low", "close", "volume")}
    b = type("Bars", (), arrays)
    assert list(cli.index) == list(bars.index)
    assert len(cli.columns) == 85
    checked = 0
    for column in cli.columns:
        expected = cli[column].to_numpy()
        if column.startswith("CDL"):
            got = getattr(talib, column)(b.open, b.high, b.low, b.close)
            assert got.dtype == np.int32
            defined = ~np.isnan(expected)
            assert np.array_equal(got[defined], expected[defined].astype(np.int32)), column
            assert not got[~defined].any(), column  # 0 during the warm-up, which the CLI leaves empty
        else:
            assert same(REAL[column](b), expected), f"{symbol} {column}"
        checked += 1
    assert checked == 85
    # The whole table at once, as `qtrader ta` writes it.
    table = talib.table(bars)
    assert list(table.columns) == list(cli.columns)
    for column in cli.columns:
        assert same(table[column].to_numpy(), cli[column].to_numpy()), column


def test_talib_signatures_and_defaults():
    assert str(inspect.signature(talib.RSI)) == "(real, timeperiod=14)"
    assert str(inspect.signature(talib.CDLHAMMER)) == "(open, high, low, close)"
    assert str(inspect.signature(talib.CDLMORNINGSTAR)) == "(open, high, low, close, penetration=0.3)"
    assert str(inspect.signature(talib.MACD)) == "(real, fastperiod=12, slowperiod=26, signalperiod=9)"
    assert str(inspect.signature(talib.BBANDS)) == "(real, timeperiod=5, nbdevup=2.0, nbdevdn=2.0, matype=0)"
    assert len(talib.PATTERNS) == 61
    assert "CDLHAMMER" in talib.get_functions() and "RSI" in talib.get_functions()
    close = qtrader.read_csv(daily("SPY"))["close"].to_numpy()
    assert same(talib.RSI(close), talib.RSI(close, timeperiod=14))
    macd = talib.MACD(close)
    assert isinstance(macd, tuple) and len(macd) == 3
    assert all(isinstance(x, np.ndarray) and x.dtype == np.float64 and len(x) == len(close) for x in macd)
    assert np.isnan(macd[0][:33]).all() and not np.isnan(macd[0][33:]).any()  # lookback 25 + 8


def test_series_in_series_out_and_lists():
    bars = qtrader.read_csv(daily("AAPL"))
    rsi = talib.RSI(bars["close"])
    assert isinstance(rsi, pd.Series) and rsi.index.equals(bars.index)
    assert same(rsi.to_numpy(), talib.RSI(bars["close"].to_numpy()))
    upper, middle, lower = talib.BBANDS(bars["close"], timeperiod=20)
    assert isinstance(upper, pd.Series) and (upper.dropna() >= lower.dropna()).all()
    assert same(talib.SMA(list(bars["close"][:50]), timeperiod=5), talib.SMA(bars["close"].to_numpy()[:50], 5))
    # A strided view and int arrays are converted, with the same numbers.
    close = bars["close"].to_numpy()
    doubled = np.repeat(close, 2)[::2]
    assert not doubled.flags["C_CONTIGUOUS"] or doubled.base is not None
    assert same(talib.EMA(doubled, 10), talib.EMA(close, 10))


def test_bad_input_raises_with_the_library_message():
    close = np.linspace(1, 2, 50)
    with pytest.raises(ValueError, match=r"RSI: period must be in \[2, 100000\], got 1"):
        talib.RSI(close, timeperiod=1)
    with pytest.raises(qtrader.InvalidInputError) as e:
        talib.ATR(close, close[:-1], close)
    assert e.value.code == "invalid_input" and "differ in length" in str(e.value)
    with pytest.raises(ValueError, match="penetration"):
        talib.CDLMORNINGSTAR(close, close, close, close, penetration=0.5)
    with pytest.raises(ValueError, match="1-D"):
        talib.SMA(np.ones((3, 3)))
    with pytest.raises(ValueError):
        talib.MA(close, 10, matype=7)  # MAMA: not in the library
    # Too short for the lookback: all NaN, as TA-Lib.
    assert np.isnan(talib.RSI(close[:10])).all()


def test_outputs_are_the_librarys_buffers_handed_over_without_a_copy():
    close = qtrader.read_csv(daily("SPY"))["close"].to_numpy()
    rsi = talib.RSI(close)
    # The array does not own its memory: it views the library's vector, kept alive by a capsule.
    assert not rsi.flags.owndata and rsi.base is not None and rsi.flags.c_contiguous
    macd, signal, hist = talib.MACD(close)
    assert not hist.flags.owndata
    hammer = talib.CDLHAMMER(close, close, close, close)
    assert hammer.dtype == np.int32 and not hammer.flags.owndata
    del close  # the outputs stay valid after the input is gone
    assert np.isfinite(rsi[-1]) and np.isfinite(hist[-1])

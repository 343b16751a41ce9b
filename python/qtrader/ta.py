"""Technical analysis with TA-Lib's Python signatures: ``import qtrader.ta as talib``.

Every indicator and candlestick pattern the qtrader library has (the 61 patterns and the
indicators of ``qat/ta/indicators.h``), with TA-Lib's names, parameter names and defaults::

    import qtrader.ta as talib
    rsi = talib.RSI(close)                          # timeperiod=14
    macd, signal, hist = talib.MACD(close)          # 12, 26, 9
    upper, middle, lower = talib.BBANDS(close, timeperiod=20)
    hammer = talib.CDLHAMMER(open, high, low, close)  # int32: 100, -100, 0 (+-80, +-200)

Inputs are numpy arrays, pandas Series or lists. A C-contiguous float64 numpy array is read in
place (no copy); anything else is converted once. Outputs are new numpy arrays (float64 for
indicators, NaN during TA-Lib's warm-up; int32 for patterns), or pandas Series with the input's
index when the first input is a Series. The numbers are the ones ``qtrader ta`` writes: the
library matches TA-Lib 0.6 bit for bit on the bundled daily files (docs/ta.md).

Not available (not in the library): TA-Lib's other functions (e.g. SAR, KAMA, T3, TRIMA, MAMA
as an MA type, Hilbert transforms), and pattern ``penetration`` values other than the default.
Arrays of 2048 bars or more are computed with the GIL released.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _core

__all__ = []  # filled below

# TA-Lib's MA_Type codes.
class MA_Type:
    SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, MAMA, T3 = range(9)


def _arr(x):
    if type(x) is np.ndarray:
        return x
    if isinstance(x, pd.Series):
        return x.to_numpy(dtype=np.float64)
    return np.asarray(x, dtype=np.float64)


def _wrap(result, like):
    if isinstance(like, pd.Series):
        if isinstance(result, tuple):
            return tuple(pd.Series(r, index=like.index) for r in result)
        return pd.Series(result, index=like.index, name=None)
    return result


def _export(fn):
    __all__.append(fn.__name__)
    return fn


# ---- overlap studies ----

@_export
def SMA(real, timeperiod=30):
    """Simple moving average. Lookback timeperiod-1."""
    return _wrap(_core.ta_SMA(_arr(real), timeperiod), real)


@_export
def EMA(real, timeperiod=30):
    """Exponential moving average seeded with the SMA of the first timeperiod values."""
    return _wrap(_core.ta_EMA(_arr(real), timeperiod), real)


@_export
def WMA(real, timeperiod=30):
    """Linearly weighted moving average."""
    return _wrap(_core.ta_WMA(_arr(real), timeperiod), real)


@_export
def DEMA(real, timeperiod=30):
    """Double exponential moving average."""
    return _wrap(_core.ta_DEMA(_arr(real), timeperiod), real)


@_export
def TEMA(real, timeperiod=30):
    """Triple exponential moving average."""
    return _wrap(_core.ta_TEMA(_arr(real), timeperiod), real)


@_export
def MA(real, timeperiod=30, matype=0):
    """Moving average of a TA-Lib MA type (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA; others raise)."""
    return _wrap(_core.ta_MA(_arr(real), timeperiod, int(matype)), real)


@_export
def BBANDS(real, timeperiod=5, nbdevup=2.0, nbdevdn=2.0, matype=0):
    """Bollinger bands -> (upperband, middleband, lowerband)."""
    return _wrap(_core.ta_BBANDS(_arr(real), timeperiod, float(nbdevup), float(nbdevdn), int(matype)), real)


# ---- momentum ----

@_export
def RSI(real, timeperiod=14):
    """Relative strength index (Wilder smoothing). Lookback timeperiod."""
    return _wrap(_core.ta_RSI(_arr(real), timeperiod), real)


@_export
def MACD(real, fastperiod=12, slowperiod=26, signalperiod=9):
    """MACD -> (macd, macdsignal, macdhist). Lookback (slowperiod-1) + (signalperiod-1)."""
    return _wrap(_core.ta_MACD(_arr(real), fastperiod, slowperiod, signalperiod), real)


@_export
def PPO(real, fastperiod=12, slowperiod=26, matype=0):
    """Percentage price oscillator."""
    return _wrap(_core.ta_PPO(_arr(real), fastperiod, slowperiod, int(matype)), real)


@_export
def ROC(real, timeperiod=10):
    """Rate of change ((x / x[-timeperiod]) - 1) * 100."""
    return _wrap(_core.ta_ROC(_arr(real), timeperiod), real)


@_export
def MOM(real, timeperiod=10):
    """Momentum x - x[-timeperiod]."""
    return _wrap(_core.ta_MOM(_arr(real), timeperiod), real)


@_export
def STOCHRSI(real, timeperiod=14, fastk_period=5, fastd_period=3, fastd_matype=0):
    """Stochastic RSI -> (fastk, fastd)."""
    return _wrap(_core.ta_STOCHRSI(_arr(real), timeperiod, fastk_period, fastd_period, int(fastd_matype)), real)


@_export
def ADX(high, low, close, timeperiod=14):
    """Average directional movement index. Lookback 2*timeperiod-1."""
    return _wrap(_core.ta_ADX(_arr(high), _arr(low), _arr(close), timeperiod), high)


@_export
def ADXR(high, low, close, timeperiod=14):
    """Average directional movement index rating."""
    return _wrap(_core.ta_ADXR(_arr(high), _arr(low), _arr(close), timeperiod), high)


@_export
def PLUS_DI(high, low, close, timeperiod=14):
    """Plus directional indicator."""
    return _wrap(_core.ta_PLUS_DI(_arr(high), _arr(low), _arr(close), timeperiod), high)


@_export
def MINUS_DI(high, low, close, timeperiod=14):
    """Minus directional indicator."""
    return _wrap(_core.ta_MINUS_DI(_arr(high), _arr(low), _arr(close), timeperiod), high)


@_export
def CCI(high, low, close, timeperiod=14):
    """Commodity channel index."""
    return _wrap(_core.ta_CCI(_arr(high), _arr(low), _arr(close), timeperiod), high)


@_export
def WILLR(high, low, close, timeperiod=14):
    """Williams' %R."""
    return _wrap(_core.ta_WILLR(_arr(high), _arr(low), _arr(close), timeperiod), high)


@_export
def MFI(high, low, close, volume, timeperiod=14):
    """Money flow index."""
    return _wrap(_core.ta_MFI(_arr(high), _arr(low), _arr(close), _arr(volume), timeperiod), high)


@_export
def STOCH(high, low, close, fastk_period=5, slowk_period=3, slowk_matype=0, slowd_period=3, slowd_matype=0):
    """Slow stochastic -> (slowk, slowd)."""
    return _wrap(_core.ta_STOCH(_arr(high), _arr(low), _arr(close), fastk_period, slowk_period, int(slowk_matype),
                                slowd_period, int(slowd_matype)), high)


@_export
def STOCHF(high, low, close, fastk_period=5, fastd_period=3, fastd_matype=0):
    """Fast stochastic -> (fastk, fastd)."""
    return _wrap(_core.ta_STOCHF(_arr(high), _arr(low), _arr(close), fastk_period, fastd_period,
                                 int(fastd_matype)), high)


@_export
def AROON(high, low, timeperiod=14):
    """Aroon -> (aroondown, aroonup)."""
    return _wrap(_core.ta_AROON(_arr(high), _arr(low), timeperiod), high)


@_export
def AROONOSC(high, low, timeperiod=14):
    """Aroon oscillator."""
    return _wrap(_core.ta_AROONOSC(_arr(high), _arr(low), timeperiod), high)


@_export
def ULTOSC(high, low, close, timeperiod1=7, timeperiod2=14, timeperiod3=28):
    """Ultimate oscillator."""
    return _wrap(_core.ta_ULTOSC(_arr(high), _arr(low), _arr(close), timeperiod1, timeperiod2, timeperiod3), high)


@_export
def BOP(open, high, low, close):
    """Balance of power."""
    return _wrap(_core.ta_BOP(_arr(open), _arr(high), _arr(low), _arr(close)), open)


# ---- volatility ----

@_export
def TRANGE(high, low, close):
    """True range. Lookback 1."""
    return _wrap(_core.ta_TRANGE(_arr(high), _arr(low), _arr(close)), high)


@_export
def ATR(high, low, close, timeperiod=14):
    """Average true range (Wilder)."""
    return _wrap(_core.ta_ATR(_arr(high), _arr(low), _arr(close), timeperiod), high)


@_export
def NATR(high, low, close, timeperiod=14):
    """Normalized average true range (ATR / close * 100)."""
    return _wrap(_core.ta_NATR(_arr(high), _arr(low), _arr(close), timeperiod), high)


@_export
def STDDEV(real, timeperiod=5, nbdev=1.0):
    """Population standard deviation times nbdev."""
    return _wrap(_core.ta_STDDEV(_arr(real), timeperiod, float(nbdev)), real)


# ---- volume ----

@_export
def OBV(close, volume):
    """On-balance volume (TA-Lib's OBV(real, volume))."""
    return _wrap(_core.ta_OBV(_arr(close), _arr(volume)), close)


@_export
def AD(high, low, close, volume):
    """Chaikin accumulation/distribution line."""
    return _wrap(_core.ta_AD(_arr(high), _arr(low), _arr(close), _arr(volume)), high)


@_export
def ADOSC(high, low, close, volume, fastperiod=3, slowperiod=10):
    """Chaikin A/D oscillator."""
    return _wrap(_core.ta_ADOSC(_arr(high), _arr(low), _arr(close), _arr(volume), fastperiod, slowperiod), high)


# ---- the 61 candlestick patterns ----

# TA-Lib's optional `penetration` input and its default; the library implements the default.
_PENETRATION = {
    "CDLABANDONEDBABY": 0.3, "CDLDARKCLOUDCOVER": 0.5, "CDLEVENINGDOJISTAR": 0.3, "CDLEVENINGSTAR": 0.3,
    "CDLMATHOLD": 0.5, "CDLMORNINGDOJISTAR": 0.3, "CDLMORNINGSTAR": 0.3,
}

_PATTERN_DOC = """{name}(open, high, low, close{extra}) -> int32 array

TA-Lib's {name} candlestick pattern with TA-Lib's default candle settings: +100 bullish,
-100 bearish (+-80 for the weaker form of CDLENGULFING/CDLHARAMI/CDLHARAMICROSS, +-200 for
the CDLHIKKAKE confirmations), 0 where it does not fire and during the warm-up. The rules are
written at the top of src/ta/patterns/ in the qtrader sources."""


def _make_pattern(name):
    compute = getattr(_core, "ta_" + name)
    if name in _PENETRATION:
        default = _PENETRATION[name]

        def pattern(open, high, low, close, penetration=default):
            if penetration != default:
                raise ValueError(f"{name}: only TA-Lib's default penetration {default} is implemented, "
                                 f"got {penetration}")
            return _wrap(compute(_arr(open), _arr(high), _arr(low), _arr(close)), open)
        extra = f", penetration={default}"
    else:
        def pattern(open, high, low, close):
            return _wrap(compute(_arr(open), _arr(high), _arr(low), _arr(close)), open)
        extra = ""
    pattern.__name__ = pattern.__qualname__ = name
    pattern.__doc__ = _PATTERN_DOC.format(name=name, extra=extra)
    return pattern


PATTERNS = tuple(_core.ta_pattern_names)
for _name in PATTERNS:
    globals()[_name] = _make_pattern(_name)
    __all__.append(_name)
del _name

INDICATORS = tuple(n for n in __all__ if n not in PATTERNS)


def get_functions():
    """Every function this module has (TA-Lib's talib.get_functions())."""
    return list(INDICATORS) + list(PATTERNS)


def table(bars: pd.DataFrame, only=None) -> pd.DataFrame:
    """The ``qtrader ta`` table of a bars DataFrame (open, high, low, close, volume columns): the
    85 columns (61 patterns, then SMA/EMA 20, RSI 14, ATR/NATR 14, MACD 12/26/9, BBANDS 20/2/2,
    ADX/PLUS_DI/MINUS_DI/CCI/MFI 14, OBV, STOCH 5/3/3, WILLR 14, ROC/MOM 10, AROONOSC 14,
    TRANGE) with the same index; ``only`` as ``--only`` ("RSI,MACD,CDLHAMMER" or a list).
    Undefined cells (the warm-up) are NaN for reals and for patterns (the CLI leaves them
    empty), so pattern columns are float64 here."""
    if only is not None and not isinstance(only, str):
        only = ",".join(only)
    cols = _core.ta_outputs(*(_arr(bars[c]) for c in ("open", "high", "low", "close", "volume")), only or "")
    data = {}
    for name, first_defined, values in cols:
        values = values.astype(np.float64, copy=values.dtype != np.float64)
        values[:first_defined] = np.nan
        data[name] = values
    return pd.DataFrame(data, index=bars.index)


__all__ += ["MA_Type", "PATTERNS", "INDICATORS", "get_functions", "table"]

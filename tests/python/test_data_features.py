"""Bars in and out, import, fetch errors, and features equal to `qtrader features`."""

import io
import os
import sqlite3

import numpy as np
import pandas as pd
import pytest

import qtrader
from conftest import DATA, daily, run_cli


def read_cli_csv(text):
    return pd.read_csv(io.StringIO(text), index_col="date", parse_dates=["date"], float_precision="round_trip")


def frames_equal(got: pd.DataFrame, expected: pd.DataFrame):
    assert list(got.columns) == list(expected.columns)
    assert got.index.equals(expected.index)
    for c in expected.columns:
        a, b = got[c].to_numpy(dtype=np.float64), expected[c].to_numpy(dtype=np.float64)
        assert np.all((a == b) | (np.isnan(a) & np.isnan(b))), c


def test_read_csv_is_the_file_with_a_datetime_index():
    bars = qtrader.read_csv(daily("SPY"))
    raw = pd.read_csv(daily("SPY"), index_col="date", parse_dates=["date"])
    assert isinstance(bars.index, pd.DatetimeIndex) and bars.index.name == "date"
    assert bars.attrs["symbol"] == "SPY" and bars.attrs["interval"] == "1d"
    assert bars.index.equals(raw.index)
    for c in ("open", "high", "low", "close", "adj_close", "volume"):
        assert np.array_equal(bars[c].to_numpy(), raw[c].to_numpy(dtype=np.float64)), c
    assert bars["close"].to_numpy().dtype == np.float64


def test_read_csv_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "BAD.csv"
    bad.write_text("date,open,high,low,close,volume\n2024-01-02,10,9,11,10,100\n")
    with pytest.raises(qtrader.QtraderError, match=r"BAD.csv:2"):
        qtrader.read_csv(bad)
    with pytest.raises(FileNotFoundError):
        qtrader.read_csv(tmp_path / "missing.csv")


def test_store_bars_and_listing(db):
    spy = qtrader.bars("SPY", db=db)
    assert spy.attrs["symbol"] == "SPY" and len(spy) > 7000
    raw = qtrader.bars("SPY", db=db, adjusted=False)
    csv = qtrader.read_csv(daily("SPY"))
    assert raw.index.equals(csv.index) and np.array_equal(raw["close"].to_numpy(), csv["close"].to_numpy())
    listing = qtrader.list_series(db=db)
    assert set(listing["symbol"]) == {"SPY", "QQQ", "AAPL", "MSFT", "^VIX"}


def test_missing_store_symbol_and_bad_symbol_raise_the_right_exceptions(tmp_path, db):
    with pytest.raises(FileNotFoundError) as e:
        qtrader.bars("SPY", db=tmp_path / "nope.db")
    assert e.value.code == "not_found" and "nope.db" in str(e.value)
    with pytest.raises(qtrader.NotFoundError, match="NVDA"):
        qtrader.bars("NVDA", db=db)
    with pytest.raises(ValueError):
        qtrader.bars("not a symbol!", db=db)


def test_import_csv_writes_a_store_the_cli_reads(tmp_path):
    store = tmp_path / "s.db"
    r = qtrader.import_csv("AAPL", daily("AAPL"), db=store)
    assert isinstance(r, qtrader.ImportResult) and r.bars == r.new_bars > 9000 and r.symbol == "AAPL"
    again = qtrader.import_csv("AAPL", daily("AAPL"), db=store)
    assert again.new_bars == 0 and again.unchanged_bars == r.bars
    listed = run_cli("symbols", "--db", store, home=tmp_path).stdout
    assert "AAPL" in listed
    assert r.to_dict()["bars"] == r.bars


def test_default_store_is_the_clis(tmp_path, monkeypatch):
    monkeypatch.setenv("QTRADER_HOME", str(tmp_path))
    assert qtrader.default_db() == str(tmp_path / "qtrader.db")
    assert qtrader.default_model_dir() == str(tmp_path / "models")
    qtrader.import_csv("GLD", daily("GLD"))  # db=None: the default store
    assert os.path.exists(tmp_path / "qtrader.db")
    assert "GLD" in run_cli("symbols", home=tmp_path).stdout


def test_fetch_reports_a_failed_provider_per_symbol(tmp_path, monkeypatch):
    monkeypatch.setenv("QTRADER_HTTP_RETRIES", "0")  # a closed port: no point in retrying
    out = qtrader.fetch(["SPY"], db=tmp_path / "f.db", provider="yahoo", base_url="http://127.0.0.1:9",
                        start="2024-01-02", end="2024-01-31")
    assert len(out) == 1 and isinstance(out[0], qtrader.FetchOutcome)
    assert not out[0].ok and out[0].message
    with pytest.raises(ValueError):
        qtrader.fetch(["SPY"], db=tmp_path / "f.db", provider="nosuchprovider")


def test_stored_features_equal_the_cli(home, db):
    cli = read_cli_csv(run_cli("features", "--symbol", "AAPL", "--db", db, home=home).stdout)
    got = qtrader.features("AAPL", db=db)
    assert len(got.columns) == 78
    frames_equal(got, cli)
    registry = qtrader.feature_registry()
    assert list(registry["name"]) == list(got.columns)


def test_feature_engineer_on_dataframes_equals_the_cli(tmp_path):
    cli = read_cli_csv(run_cli("features", "--input", daily("MSFT"), "--market", daily("SPY"), "--vix",
                               DATA / "macro" / "VIX.csv", home=tmp_path).stdout)
    stock = qtrader.read_csv(daily("MSFT"))
    spy = qtrader.read_csv(daily("SPY"))
    vix = qtrader.read_csv(DATA / "macro" / "VIX.csv", symbol="VIX", repair_ohlc=True)
    frames_equal(qtrader.compute_features(stock, market=spy, vix=vix), cli)
    # The seed's call: the same columns plus the seed's names that differ, as aliases.
    fe = qtrader.InstitutionalFeatureEngineer()
    features = fe.engineer(stock, spy_df=spy, vix_series=vix)
    assert features.shape[1] >= 50
    frames_equal(features[cli.columns], cli)
    for name in ("rsi_14_percentile", "rsi_momentum", "volume_acceleration", "correlation_spy",
                 "trend_regime_bull", "rsi_x_volume"):
        assert name in features.columns, name
    assert np.array_equal(features["correlation_spy"].to_numpy(), features["corr_spy_63"].to_numpy(), equal_nan=True)
    assert features["corr_spy_63"].notna().sum() > 5000
    # A VIX given as a Series of closes (the seed's vix_series) gives the VIX features too.
    from_series = fe.engineer(stock, spy_df=spy, vix_series=vix["close"])
    assert np.array_equal(from_series["vix_level"].to_numpy(), features["vix_level"].to_numpy(), equal_nan=True)


def test_feature_engineer_refuses_unordered_dates():
    stock = qtrader.read_csv(daily("MSFT")).iloc[::-1]
    with pytest.raises(ValueError, match="strictly increasing"):
        qtrader.compute_features(stock)

"""Fixtures of the qtrader module's tests: the CLI built beside the module (QTRADER_CLI, set by
ctest; else <PYTHONPATH>/../bin/qtrader) and stores built from the bundled real data
(data/daily, data/macro) in temporary folders. The tests never read ../shared."""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "data"


def _cli_path():
    if os.environ.get("QTRADER_CLI"):
        return os.environ["QTRADER_CLI"]
    import qtrader
    return str(pathlib.Path(qtrader.__file__).resolve().parents[2] / "bin" / "qtrader")


CLI = _cli_path()


def run_cli(*args, home, check=True):
    """Runs the qtrader CLI with QTRADER_HOME=home; returns the CompletedProcess."""
    env = dict(os.environ, QTRADER_HOME=str(home))
    proc = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"qtrader {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def cli_json(*args, home):
    return json.loads(run_cli(*args, home=home).stdout)


def daily(symbol):
    return DATA / "daily" / f"{symbol}.csv"


STORE_SYMBOLS = ("SPY", "QQQ", "AAPL", "MSFT")


@pytest.fixture(scope="session")
def home(tmp_path_factory):
    """A QTRADER_HOME whose store holds SPY, QQQ, AAPL, MSFT (daily) and ^VIX, imported by the CLI."""
    path = tmp_path_factory.mktemp("home")
    for s in STORE_SYMBOLS:
        run_cli("import", "--symbol", s, "--input", daily(s), home=path)
    run_cli("import", "--symbol", "^VIX", "--input", DATA / "macro" / "VIX.csv", "--repair-ohlc", home=path)
    return path


@pytest.fixture(scope="session")
def db(home):
    return str(home / "qtrader.db")

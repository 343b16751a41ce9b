"""examples/plot_forecast.py runs as a user runs it and writes a PNG."""

import os
import subprocess
import sys

from conftest import REPO


def test_example_writes_the_chart(tmp_path):
    out = tmp_path / "chart.png"
    proc = subprocess.run([sys.executable, str(REPO / "examples" / "plot_forecast.py"), "--out", str(out),
                           "--workdir", str(tmp_path / "work")], capture_output=True, text=True,
                          env=dict(os.environ, MPLCONFIGDIR=str(tmp_path / "mpl")))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "prob_up" in proc.stdout and "CDLHAMMER" in proc.stdout
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000

#!/usr/bin/python3
"""Trains the matrix exported by bench_train_bench with Python xgboost (Debian's
python3-xgboost, the same 1.7.4 library), with the same parameters as our C++ pipeline:
the multi:softprob classifier and the five pinball-loss quantile boosters (custom objective,
base_score 0, target standardised by the same offset and scale). Prints the median of
several runs of each, in milliseconds.

    ./build/release/bin/bench_train_bench            # writes /tmp/qat_train_matrix.*
    /usr/bin/python3 bench/xgboost_python.py [/tmp/qat_train_matrix] [--runs 5]
"""
import json
import statistics
import sys
import time

import numpy as np
import xgboost as xgb


def load(path):
    header = json.load(open(path + ".json"))
    rows, cols = header["rows"], header["cols"]
    x = np.fromfile(path + ".x", dtype=np.float32).reshape(rows, cols)
    y = np.fromfile(path + ".y", dtype=np.float32)
    r = np.fromfile(path + ".r", dtype=np.float64)
    assert len(y) == rows and len(r) == rows
    return header, x, y, r


def train_classifier(header, x, y):
    p = header["classifier"]
    dtrain = xgb.DMatrix(x, label=y, missing=np.nan, nthread=p["threads"])
    params = {
        "objective": "multi:softprob", "num_class": 3, "tree_method": "hist",
        "max_depth": p["max_depth"], "max_bin": p["max_bin"], "eta": p["eta"], "subsample": p["subsample"],
        "colsample_bytree": p["colsample_bytree"], "min_child_weight": p["min_child_weight"],
        "nthread": p["threads"], "seed": p["seed"], "eval_metric": "mlogloss",
    }
    return xgb.train(params, dtrain, num_boost_round=p["rounds"])


def type7_quantile(values, tau):
    return float(np.quantile(values, tau))  # linear interpolation, as EmpiricalQuantile


def train_quantiles(header, x, r):
    p = header["quantiles"]
    scale = float(np.std(r, ddof=1))
    dtrain = xgb.DMatrix(x, missing=np.nan, nthread=p["threads"])
    boosters = []
    for tau in p["levels"]:
        offset = type7_quantile(r, tau)
        z = ((r - offset) / scale).astype(np.float32)

        def pinball(margin, _dtrain, z=z, tau=tau):
            grad = np.where(z > margin, -tau, 1.0 - tau).astype(np.float32)
            return grad, np.ones_like(grad)

        params = {
            "objective": "reg:squarederror", "base_score": 0, "tree_method": "hist",
            "max_depth": p["max_depth"], "max_bin": p["max_bin"], "eta": p["eta"], "subsample": p["subsample"],
            "colsample_bytree": p["colsample_bytree"], "min_child_weight": p["min_child_weight"],
            "lambda": p["lambda"], "nthread": p["threads"], "seed": p["seed"],
        }
        boosters.append(xgb.train(params, dtrain, num_boost_round=p["rounds"], obj=pinball))
    return boosters


def median_ms(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times), times


def main():
    args = [a for a in sys.argv[1:]]
    runs = 5
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    path = args[0] if args else "/tmp/qat_train_matrix"
    header, x, y, r = load(path)
    print(f"python xgboost {xgb.__version__}, matrix {header['rows']} x {header['cols']}, {runs} runs each")
    med, times = median_ms(lambda: train_classifier(header, x, y), runs)
    print(f"classifier ({header['classifier']['rounds']} rounds): median {med:.1f} ms  "
          f"runs {', '.join(f'{t:.1f}' for t in times)}")
    med, times = median_ms(lambda: train_quantiles(header, x, r), runs)
    print(f"quantiles (5 x {header['quantiles']['rounds']} rounds): median {med:.1f} ms  "
          f"runs {', '.join(f'{t:.1f}' for t in times)}")


if __name__ == "__main__":
    main()

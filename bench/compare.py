#!/usr/bin/env python3
"""Runs each benchmark of `folio-bench` and its peer (PyTorch, scikit-learn) back to back in one run, at
the same thread count, and prints a Markdown table of both sides with ratios (> 1.0: ours is better).

Usage (from the package root, after `swift build -c release --product folio-bench`):
    python3 bench/compare.py [--threads 2] [--rounds 1] [ops] [lm] [tsne]

Every side runs with OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set to --threads. With several rounds the
sides alternate and the table shows the median of each key, followed by each round's values and the ratio
of each round's pair (run back to back). The machine's load average is printed beside each round, because a
shared machine skews absolute figures (the ratios less so).
"""
import argparse
import os
import statistics
import subprocess
import sys

SUITES = {
    "ops": [
        ([".build/release/folio-bench", "ops"], "ours"),
        ([sys.executable, "bench/pytorch_ops.py"], "peer"),
        ([sys.executable, "bench/pytorch_conv.py"], "peer"),
    ],
    "lm": [
        ([".build/release/folio-bench", "lm"], "ours"),
        ([sys.executable, "bench/pytorch_lm.py"], "peer"),
    ],
    "tsne": [
        ([".build/release/folio-bench", "tsne"], "ours"),
        ([sys.executable, "bench/tsne_sklearn.py"], "peer"),
    ],
}

# How to read a key: "higher" (throughput), "lower" (time), "closer" (quality, compared as a ratio).
def direction(key):
    if key.endswith(("_ms", "_seconds")):
        return "lower"
    if key.endswith(("_gflops", "_per_s")):
        return "higher"
    if key.endswith("_kl"):
        return "lower"
    return None


def run(command, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    values = {}
    for line in done.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip()
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("suites", nargs="*", default=["ops", "lm", "tsne"], choices=sorted(SUITES))
    args = parser.parse_args()

    samples = {"ours": {}, "peer": {}}
    info = {}
    for round_index in range(args.rounds):
        for suite in args.suites:
            for command, side in SUITES[suite]:
                load = os.getloadavg()[0]
                values = run(command, args.threads)
                print(f"# round {round_index + 1} {side:4} load {load:5.2f}  {' '.join(command[-2:])}", file=sys.stderr)
                for key, value in values.items():
                    try:
                        number = float(value)
                    except ValueError:
                        info[f"{side} {key}"] = value
                        continue
                    if direction(key):
                        samples[side].setdefault(key, []).append(number)
                    else:
                        info[f"{side} {key}"] = value

    print(f"| key | threads | ours | peer | ratio (> 1: ours better) |")
    print(f"|---|---|---|---|---|")
    for key in samples["ours"]:
        if key not in samples["peer"]:
            continue
        ours = statistics.median(samples["ours"][key])
        peer = statistics.median(samples["peer"][key])
        ratio = ours / peer if direction(key) == "higher" else peer / ours
        print(f"| `{key}` | {args.threads} | {ours:.4g} | {peer:.4g} | {ratio:.2f} |")
    if args.rounds > 1:
        # Each round's pair ran back to back, so its ratio is the least skewed by a change in the machine's speed.
        for key in samples["ours"]:
            if key not in samples["peer"]:
                continue
            pairs = list(zip(samples["ours"][key], samples["peer"][key]))
            ratios = [o / p if direction(key) == "higher" else p / o for o, p in pairs]
            print(f"<!-- rounds {key}: ours {' '.join(f'{o:.4g}' for o, _ in pairs)}; "
                  f"peer {' '.join(f'{p:.4g}' for _, p in pairs)}; ratio per round {' '.join(f'{r:.2f}' for r in ratios)} -->")
    for key, value in sorted(info.items()):
        print(f"<!-- {key}={value} -->")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""End to end on the real Penn Treebank: `train-lm` beside pytorch/examples' word_language_model
`main.py` (a copy kept outside this repository, passed as --peer), one epoch each at the same flags and
thread count, alternating sides, and prints a Markdown table: the epoch's training time, validation
perplexity and peak resident memory of both sides, and the time ratio (> 1: ours faster).

Usage (from the package root, after `swift build -c release --product train-lm` and
`.build/release/folio data fetch ptb`):
    python3 bench/compare_end_to_end.py --peer ../shared/bench/pytorch_examples_main.py [--threads 2]
        [--only 1x50,3x100,2x200-tied]

Both sides get OMP_NUM_THREADS and OPENBLAS_NUM_THREADS = --threads. The ratio is of the whole
command's wall time (reading the corpus, one epoch of training, validation, test), the same work on
both sides; each side's own epoch time is shown too (ours includes the validation pass, as main.py's
"end of epoch" line does; the peer script's train_seconds does not).
"""
import argparse
import os
import re
import subprocess
import sys
import time

CONFIGS = {
    "1x50": ["--model", "LSTM", "--emsize", "50", "--nhid", "50", "--nlayers", "1", "--dropout", "0"],
    "3x100": ["--model", "LSTM", "--emsize", "100", "--nhid", "100", "--nlayers", "3", "--dropout", "0"],
    "2x200-tied": ["--model", "LSTM", "--emsize", "200", "--nhid", "200", "--nlayers", "2", "--dropout", "0.2", "--tied"],
}


def resident_mb(pid):
    """VmRSS of pid and its descendants (the program under /usr/bin/time), in MB; 0 when gone."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as status:
                total += next((int(l.split()[1]) for l in status if l.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as children:
                stack += [int(c) for c in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            pass
    return total / 1024


def timed(command, threads):
    """Runs command under /usr/bin/time -v; returns (output, wall seconds, peak RSS in MB, resident MB
    sampled every 0.5 s), so that a growing resident size over the run shows."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    start = time.monotonic()
    process = subprocess.Popen(["/usr/bin/time", "-v"] + command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    samples = []
    reader = __import__("threading").Thread(target=lambda: samples.append(process.communicate()))
    reader.start()
    trace = []
    while reader.is_alive():
        trace.append(resident_mb(process.pid))
        reader.join(0.5)
    wall = time.monotonic() - start
    out, err = samples[0]
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-2000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    return out + err, wall, int(peak.group(1)) / 1024 if peak else float("nan"), [t for t in trace if t > 0]


def quarter_and_end(trace):
    """Resident MB a quarter into the run and at its last sample: flat means about equal."""
    return (trace[len(trace) // 4], trace[-1]) if trace else (float("nan"), float("nan"))


def ours(flags, data, threads):
    output, wall, rss, trace = timed([".build/release/train-lm", "--data", data, "--epochs", "1"] + flags, threads)
    epoch = re.search(r"end of epoch +1 \| time: +([\d.]+)s \| valid loss +[\d.]+ \| valid ppl +([\d.]+)", output)
    return {"epoch_s": float(epoch.group(1)), "valid_ppl": float(epoch.group(2)), "wall_s": wall, "rss_mb": rss,
            "rss_quarter_end": quarter_and_end(trace)}


def peer(script, flags, data, threads):
    output, wall, rss, trace = timed([sys.executable, script, "--data", data, "--epochs", "1"] + flags, threads)
    epoch = re.search(r"epoch=1 train_seconds=([\d.]+) .* valid_ppl=([\d.]+)", output)
    return {"epoch_s": float(epoch.group(1)), "valid_ppl": float(epoch.group(2)), "wall_s": wall, "rss_mb": rss,
            "rss_quarter_end": quarter_and_end(trace)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer", required=True, help="pytorch/examples main.py adapted to our PTB files")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default=os.path.join(os.environ.get("FOLIO_DATA_DIR", "data"), "ptb"))
    parser.add_argument("--only", default=",".join(CONFIGS))
    args = parser.parse_args()
    rows = []
    for name in args.only.split(","):
        flags = CONFIGS[name]
        load = os.getloadavg()[0]
        a = ours(flags, args.data, args.threads)
        b = peer(args.peer, flags, args.data, args.threads)
        print(f"# {name}: load {load:.2f}; ours {a}; peer {b}", flush=True)
        rows.append((name, a, b))
    print(f"\n| model (1 epoch, {args.threads} threads) | ours: wall s | peer: wall s | wall ratio | ours: epoch s (with valid) "
          "| peer: train s | valid ppl ours / peer | peak RSS MB ours / peer | RSS MB at 1/4 → end, ours; peer |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, a, b in rows:
        print(f"| {name} | {a['wall_s']:.1f} | {b['wall_s']:.1f} | {b['wall_s'] / a['wall_s']:.2f} | {a['epoch_s']:.1f} "
              f"| {b['epoch_s']:.1f} | {a['valid_ppl']:.1f} / {b['valid_ppl']:.1f} | {a['rss_mb']:.0f} / {b['rss_mb']:.0f} "
              f"| {a['rss_quarter_end'][0]:.0f} → {a['rss_quarter_end'][1]:.0f}; {b['rss_quarter_end'][0]:.0f} → {b['rss_quarter_end'][1]:.0f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""PyTorch side of `folio-bench ops`: the same operations, the same sizes, the same output keys.

Threads: torch.set_num_threads(OMP_NUM_THREADS) (default: all cores), so that both sides run with
the same count. Usage: OMP_NUM_THREADS=2 python3 bench/pytorch_ops.py [--repeats N]
"""
import argparse
import os
import time

import torch


def median_ms(body, repeats, warmup=2):
    for _ in range(warmup):
        body()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    threads = int(os.environ.get("OMP_NUM_THREADS", os.cpu_count()))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    print(f"torch_version={torch.__version__}")
    print(f"threads={torch.get_num_threads()}")

    m, k, n = 700, 200, 10_000
    a, b = torch.randn(m, k), torch.randn(k, n)
    c = torch.empty(m, n)
    ms = median_ms(lambda: torch.mm(a, b, out=c), args.repeats)
    print(f"gemm_gflops={2 * m * n * k / (ms / 1000) / 1e9:.3f}")

    x = torch.randn(700, 10_000)
    print(f"log_softmax_ms={median_ms(lambda: torch.log_softmax(x, dim=1), args.repeats):.3f}")

    logits = torch.randn(700, 10_000, requires_grad=True)
    targets = torch.tensor([(i * 7919) % 10_000 for i in range(700)])

    def cross_entropy_step():
        logits.grad = None
        torch.nn.functional.cross_entropy(logits, targets).backward()

    print(f"cross_entropy_ms={median_ms(cross_entropy_step, args.repeats):.3f}")


if __name__ == "__main__":
    main()

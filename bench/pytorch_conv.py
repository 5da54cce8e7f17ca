"""PyTorch side of the convolution benchmarks of `folio-bench ops` (Sources/folio-bench/ConvBenchmarks.swift).

Prints the same key=value lines: the median wall time in milliseconds of one forward + backward pass.
Threads follow OMP_NUM_THREADS (set it, e.g. OMP_NUM_THREADS=2 python3 bench/pytorch_conv.py).
"""
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def median_ms(body, warm_up=3, repetitions=15):
    for _ in range(warm_up):
        body()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)[len(times) // 2]


def kim_cnn():
    x = torch.randn(50, 300, 50, requires_grad=True)
    layers = [nn.Conv1d(300, 100, k) for k in (3, 4, 5)]

    def step():
        features = [F.relu(layer(x)).max(dim=2).values for layer in layers]
        torch.cat(features, dim=1).sum().backward()
        x.grad = None
        for layer in layers:
            layer.zero_grad(set_to_none=True)

    return median_ms(step)


def conv2d_layer():
    x = torch.randn(32, 16, 28, 28, requires_grad=True)
    layer = nn.Conv2d(16, 32, 3, padding=1)
    upstream = torch.ones(32, 32, 28, 28)

    def step():
        layer(x).backward(upstream)
        x.grad = None
        layer.zero_grad(set_to_none=True)

    return median_ms(step)


def batch_norm_layer():
    x = torch.randn(256, 512, requires_grad=True)
    layer = nn.BatchNorm1d(512)
    upstream = torch.ones(256, 512)

    def step():
        layer(x).backward(upstream)
        x.grad = None
        layer.zero_grad(set_to_none=True)

    return median_ms(step, warm_up=10, repetitions=101)


if __name__ == "__main__":
    threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
    if threads > 0:
        torch.set_num_threads(threads)
    print(f"torch_threads={torch.get_num_threads()}")
    print(f"kim_cnn_ms={kim_cnn():.3f}")
    print(f"conv2d_ms={conv2d_layer():.3f}")
    print(f"batchnorm_ms={batch_norm_layer():.3f}")

#!/usr/bin/env python3
"""PyTorch side of `folio-bench lm`: pytorch/examples' word_language_model (RNNModel and its train /
evaluate loops) at the seed's size — 2-layer LSTM, emsize = nhid = 200, tied, dropout 0.2, bptt 35,
batch 20, vocabulary 10,000, SGD lr 20 by hand, clip 0.25 — on seeded synthetic tokens. Prints the
same keys as `folio-bench lm`.

Usage: OMP_NUM_THREADS=2 python3 bench/pytorch_lm.py [--steps 30] [--eval-steps 30] [--warmup 3]
"""
import argparse
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class RNNModel(nn.Module):
    """pytorch/examples' RNNModel (LSTM branch): encoder, dropout, LSTM, dropout, tied decoder."""

    def __init__(self, ntoken, ninp, nhid, nlayers, dropout, tie_weights):
        super().__init__()
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers, dropout=dropout)
        self.decoder = nn.Linear(nhid, ntoken)
        if tie_weights:
            self.decoder.weight = self.encoder.weight
        nn.init.uniform_(self.encoder.weight, -0.1, 0.1)
        nn.init.zeros_(self.decoder.bias)
        self.nhid, self.nlayers = nhid, nlayers

    def forward(self, input, hidden):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        output = self.drop(output)
        decoded = self.decoder(output).view(-1, self.decoder.out_features)
        return F.log_softmax(decoded, dim=1), hidden

    def init_hidden(self, bsz):
        weight = next(self.parameters())
        return (weight.new_zeros(self.nlayers, bsz, self.nhid), weight.new_zeros(self.nlayers, bsz, self.nhid))


def repackage_hidden(h):
    return tuple(v.detach() for v in h)


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--eval-steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    threads = int(os.environ["OMP_NUM_THREADS"])
    torch.set_num_threads(threads)
    torch.manual_seed(1111)
    ntokens, bptt, bsz, lr, clip = 10_000, 35, 20, 20.0, 0.25
    model = RNNModel(ntokens, 200, 200, 2, 0.2, True)
    criterion = nn.NLLLoss()
    chunks = args.warmup + max(args.steps, args.eval_steps)
    data = torch.randint(0, ntokens, ((chunks * bptt + 1) * bsz,))
    data = data.view(bsz, -1).t().contiguous()  # batchify

    def get_batch(i):
        seq_len = min(bptt, len(data) - 1 - i)
        return data[i:i + seq_len], data[i + 1:i + 1 + seq_len].reshape(-1)

    model.train()
    hidden = model.init_hidden(bsz)

    def train_chunk(index):
        nonlocal hidden
        inputs, targets = get_batch(index * bptt)
        model.zero_grad()
        hidden = repackage_hidden(hidden)
        output, hidden = model(inputs, hidden)
        loss = criterion(output, targets)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        for p in model.parameters():
            p.data.add_(p.grad, alpha=-lr)
        return loss.item()

    first = last = 0.0
    for index in range(args.warmup):
        last = train_chunk(index)
        if index == 0:
            first = last
    rss_start = rss_mb()
    start = time.perf_counter()
    for index in range(args.warmup, args.warmup + args.steps):
        last = train_chunk(index)
    train_seconds = time.perf_counter() - start
    rss_end = rss_mb()

    model.eval()
    hidden = model.init_hidden(bsz)
    eval_seconds = 0.0
    with torch.no_grad():
        for index in range(args.warmup + args.eval_steps):
            inputs, targets = get_batch(index * bptt)
            start = time.perf_counter()
            output, hidden = model(inputs, hidden)
            criterion(output, targets).item()
            if index >= args.warmup:
                eval_seconds += time.perf_counter() - start

    tokens = bptt * bsz
    print(f"torch={torch.__version__}")
    print(f"threads={torch.get_num_threads()}")
    print(f"lm_train_tokens_per_s={args.steps * tokens / train_seconds:.1f}")
    print(f"lm_eval_tokens_per_s={args.eval_steps * tokens / eval_seconds:.1f}")
    print(f"lm_rss_mb_start={rss_start:.1f}")
    print(f"lm_rss_mb_end={rss_end:.1f}")
    print(f"lm_loss_first={first}")
    print(f"lm_loss_last={last}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference for chapter 5: fastText's own skip-gram (the `fasttext-wheel` package, 0.9.2) on the
Penn Treebank training text with the assignment's settings and fastText's defaults otherwise, scored
by Spearman's rho on WordSim-353 and SimLex-999 over the pairs whose words are both in the PTB
vocabulary. Prints the subwords of a few words (the ids the library's test compares with) and the
scores. Run: pip install fasttext-wheel==0.9.2 scipy; python3 scripts/reference/fasttext-skipgram.py
"""
import os, sys, time
import fasttext
import numpy as np
from scipy.stats import spearmanr

data = os.environ.get("FOLIO_DATA_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "data"))
train = os.path.join(data, "ptb", "train.txt")
ptb_words = set(open(train).read().split())


def pairs(name):
    rows = []
    for line in open(os.path.join(data, "wordsim", name)):
        if line.startswith("#"):
            continue
        a, b, score = line.rstrip("\n").split("\t")[:3]
        rows.append((a.lower(), b.lower(), float(score)))
    return rows


def score(model, rows):
    covered = [r for r in rows if r[0] in ptb_words and r[1] in ptb_words]
    cosines = []
    for a, b, _ in covered:
        u, v = model.get_word_vector(a), model.get_word_vector(b)
        cosines.append(float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))))
    return spearmanr([r[2] for r in covered], cosines).correlation, len(covered), len(rows)


runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
for run in range(runs):
    start = time.time()
    model = fasttext.train_unsupervised(train, model="skipgram", dim=100, ws=5, epoch=5, minn=3, maxn=6,
                                        neg=5, thread=1, verbose=0)
    seconds = time.time() - start
    ws, ws_n, ws_all = score(model, pairs("wordsim353.tsv"))
    sl, sl_n, sl_all = score(model, pairs("simlex999.txt"))
    print(f"run {run + 1}: {seconds:.1f} s, {len(model.words)} words; WordSim-353 rho {ws:.4f} "
          f"({ws_n}/{ws_all} pairs); SimLex-999 rho {sl:.4f} ({sl_n}/{sl_all} pairs)")
    if run == 0:
        for word in ["where", "reluctant", "n't", "a"]:
            grams, ids = model.get_subwords(word)
            print(word, [(g, int(i) - len(model.words)) for g, i in zip(grams, ids)][1:])

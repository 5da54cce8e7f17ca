"""scikit-learn's side of the t-SNE benchmark (ours: `folio-bench tsne`).

Runs sklearn.manifold.TSNE on the digits that `folio data fetch digits` wrote to
data/digits/digits.csv (1,797 x 64), perplexity 30, 1,000 iterations, PCA start, Barnes-Hut
(angle 0.5) then exact, and prints key=value lines:
  tsne_bh_seconds= tsne_bh_kl= tsne_exact_seconds= tsne_exact_kl= (and iterations run).
Threads: set OMP_NUM_THREADS (e.g. OMP_NUM_THREADS=2 python3 bench/tsne_sklearn.py).
Usage: python3 bench/tsne_sklearn.py [--data data/digits/digits.csv] [--only bh|exact]
"""
import argparse
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="data/digits/digits.csv")
    parser.add_argument("--only", choices=["bh", "exact"])
    args = parser.parse_args()

    table = np.loadtxt(args.data, delimiter=",")
    features = table[:, :-1]
    print(f"tsne_points={features.shape[0]}")
    print(f"sklearn_version={sklearn.__version__}")
    methods = [("bh", "barnes_hut"), ("exact", "exact")]
    for key, method in methods:
        if args.only and args.only != key:
            continue
        tsne = TSNE(n_components=2, perplexity=30.0, max_iter=1000, init="pca", method=method,
                    angle=0.5, learning_rate="auto", random_state=0)
        start = time.perf_counter()
        tsne.fit_transform(features)
        seconds = time.perf_counter() - start
        print(f"tsne_{key}_seconds={seconds:.3f}")
        print(f"tsne_{key}_kl={tsne.kl_divergence_:.4f}")
        print(f"tsne_{key}_iterations={tsne.n_iter_}")


if __name__ == "__main__":
    main()

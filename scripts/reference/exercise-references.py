"""Reference values for the hidden tests of chapters 1-4 (issue 18): PyTorch 2.15.0, CPU, float64.

Run by hand: python3 scripts/reference/exercise-references.py (the chapters quote its output).
Each block prints the inputs the chapter uses and the gradients PyTorch's autograd computes for them.
"""
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_printoptions(precision=8, sci_mode=False)


def batch_norm_case(name, x, gamma, beta, upstream):
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    g = torch.tensor(gamma, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(beta, dtype=torch.float64, requires_grad=True)
    F.batch_norm(x, None, None, g, b, training=True, eps=1e-5).backward(torch.tensor(upstream, dtype=torch.float64))
    print(f"# chapter 1, {name}")
    print("dx", x.grad.tolist())
    print("dgamma", g.grad.tolist())
    print("dbeta", b.grad.tolist())


batch_norm_case("6 examples of 2 features",
                [[0.5, -2], [1.5, 3], [-1, 0.25], [2, -1], [4, 1.5], [-0.5, 0.75]],
                [1.5, -0.75], [0.2, 0.4],
                [[1, -0.5], [0.25, 2], [-1.5, 0.5], [0.75, -1], [2, 0.25], [-0.5, 1]])
batch_norm_case("2 examples of 3 features",
                [[1, 3, -2], [2, -1, 0.5]], [1, 2, -1], [0, 0, 0],
                [[0.5, 1, -1], [2, -0.25, 0.75]])

# chapter 2: one 6x7 image, one 3x2 filter, stride 2, padding 1.
image = torch.tensor([[float((3 * r + 5 * c) % 7 - 3) for c in range(7)] for r in range(6)], requires_grad=True)
weights = torch.tensor([[1., -2.], [0.5, 3.], [-1., 2.]], requires_grad=True)
out = F.conv2d(image[None, None], weights[None, None], stride=2, padding=1)[0, 0]
up = torch.tensor([[float((r * 4 + c) % 5 - 2) for c in range(out.shape[1])] for r in range(out.shape[0])])
out.backward(up)
print("# chapter 2, image", image.tolist())
print("output", out.tolist())
print("upstream", up.tolist())
print("image grad", image.grad.tolist())

# chapter 3: 5x5 map, windows 3x3 with stride 2 (they overlap by one row and column).
pool_map = torch.tensor([[float((7 * r + 3 * c) % 11) + 0.1 * r for c in range(5)] for r in range(5)])
pool_up = torch.tensor([[1., -2.], [0.5, 3.]])
for name, fn in [("max", F.max_pool2d), ("avg", F.avg_pool2d)]:
    leaf = pool_map.clone().requires_grad_()
    pooled = fn(leaf[None, None], 3, 2)[0, 0]
    pooled.backward(pool_up)
    print(f"# chapter 3, {name} pooling, map", pool_map.tolist())
    print("pooled", pooled.tolist())
    print("grad", leaf.grad.tolist())

# chapter 4: KL(P||Q) for a fixed 4x4 P; maps of 4 points in 2 and in 3 dimensions.
W = torch.tensor([[0, 4, 1, 1], [4, 0, 2, 1], [1, 2, 0, 3], [1, 1, 3, 0.]])
P = W / W.sum()
for Y in ([[0, 0], [1, 0.5], [-0.5, 2], [1.5, -1]], [[0, 0, 1], [1, 0.5, -1], [-0.5, 2, 0], [1.5, -1, 0.5]]):
    y = torch.tensor(Y, dtype=torch.float64, requires_grad=True)
    d2 = ((y[:, None, :] - y[None, :, :]) ** 2).sum(-1)
    w = (1 / (1 + d2)) * (1 - torch.eye(4))
    q = w / w.sum()
    mask = P > 0
    kl = (P[mask] * (P[mask] / q[mask]).log()).sum()
    kl.backward()
    print(f"# chapter 4, P = W / {W.sum().item()}, Y in {len(Y[0])} dimensions")
    print("kl", kl.item())
    print("grad", y.grad.tolist())

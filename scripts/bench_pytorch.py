"""PyTorch baseline for the concise MLP benchmark: the same 784-256-10 network (weights N(0, 0.01^2)), data, batch
size, learning rate and per-epoch work as d2l.mlp.bench.Benchmark (train on shuffled minibatches while summing loss
and correct predictions, then test accuracy), in the tightest PyTorch loop we know (see `epoch`), timed per epoch;
then a fresh model timed per phase.

With --small, instead: microseconds per minibatch step of the book's small-batch training, on random data of the
shapes d2l.mlp.bench.SmallBatch uses (polynomial fit: nn.Linear(4, 1, bias=False), batch 10, SGD 0.01; house prices:
nn.Linear(331, 1), 1168 rows, batch 64, Adam lr 5; MSE loss; one torch thread).
With --gemm: the epoch's matrix products alone, as d2l.mlp.bench.GemmBound times them.
With --best DATA_DIR EPOCHS [JSON_OUT]: mlp-best's network and schedule (784-512-256-10, dropout 0.2 after each hidden
layer, PyTorch's default init, inputs standardized with the training pixels' mean and std, softmax cross-entropy, Adam
lr 0.001 falling along a cosine to 0 over all steps, batch 256), timed per epoch, as d2l.mlp.bench.BestEpoch times ours.
With --masks [JSON_OUT]: microseconds per pair of dropout masks (rate 0.2, 256x512 and 256x256), as
d2l.mlp.bench.DropoutMasks times them.

DEVICE=cuda runs the MLP benchmark on the GPU (data, network and sums resident there, as DJL's loop keeps them);
scripts/gpu-run.sh does that on the GPU machine. The default is the CPU, TORCH_THREADS (default 1) threads.

Runs with any PyTorch from 1.13 on (Debian's python3-torch, or a pip wheel). Needs only torch (no numpy).
Usage: [DEVICE=cpu|cuda] bench_pytorch.py DATA_DIR EPOCHS [JSON_OUT] | bench_pytorch.py --small|--gemm [JSON_OUT]
       | bench_pytorch.py --best DATA_DIR EPOCHS [JSON_OUT] | bench_pytorch.py --masks [JSON_OUT]
"""
import gzip
import json
import math
import os
import resource
import statistics
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return torch.frombuffer(bytearray(raw), dtype=torch.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(data_dir, device):
    def split(images, labels):
        x = (read_idx(f"{data_dir}/{images}").float() / 255.0).to(device)
        y = read_idx(f"{data_dir}/{labels}").long().to(device)
        return x, y
    return (split("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
            split("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))


def small(json_out):
    torch.set_num_threads(1)
    torch.manual_seed(1)

    def step_micros(n, d, batch, make_opt, epochs, bias):
        x, y = torch.randn(n, d), torch.randn(n, 1)
        net = nn.Linear(d, 1, bias=bias)
        opt, loss_fn = make_opt(net.parameters()), nn.MSELoss()

        def block():
            for _ in range(epochs):
                order = torch.randperm(n)
                for i in range(0, n, batch):
                    idx = order[i:i + batch]
                    l = loss_fn(net(x.index_select(0, idx)), y.index_select(0, idx))
                    opt.zero_grad()
                    l.backward()
                    opt.step()
        block()
        times = []
        for _ in range(7):
            start = time.perf_counter()
            block()
            times.append((time.perf_counter() - start) * 1e6 / (epochs * ((n + batch - 1) // batch)))
        return statistics.median(times)

    out = {
        "torch": torch.__version__,
        "polyMicros": step_micros(100, 4, 10, lambda p: torch.optim.SGD(p, lr=0.01), 40, False),
        "houseMicros": step_micros(1168, 331, 64, lambda p: torch.optim.Adam(p, lr=5), 4, True),
    }
    write(out, json_out)


EVAL_BATCH = 2500  # as d2l.mlp.train.ClassifierTraining.EVAL_BATCH_SIZE
PHASES = ["data", "forward", "loss", "backward", "step", "metrics", "evaluate"]


def _no_lap(_):
    pass


def mlp_params(device):
    """784-256-10, weights N(0, 0.01^2), biases 0, as the book's init_weights."""
    def layer(n_in, n_out):
        w = (torch.randn(n_out, n_in, device=device) * 0.01).requires_grad_()
        return w, torch.zeros(n_out, device=device, requires_grad=True)
    return [*layer(784, 256), *layer(256, 10)]


def forward(params, x):
    w1, b1, w2, b2 = params
    return F.linear(F.relu(F.linear(x, w1, b1)), w2, b2)


def epoch(params, lr, train, test, bs, lap=_no_lap):
    """One epoch of the tightest loop we know: data resident as tensors (images already flat), one randperm and
    one index_select per batch and tensor, a functional forward (no module hooks), the fused cross-entropy, the SGD
    update for all parameters in one foreach call, gradients set to None instead of zeroed, loss and correct count
    summed as tensors and read once, test accuracy in EVAL_BATCH batches under inference_mode."""
    (xtr, ytr), (xte, yte) = train, test
    n = xtr.shape[0]
    loss_sum = torch.zeros((), device=xtr.device)
    correct = torch.zeros((), dtype=torch.int64, device=xtr.device)
    order = torch.randperm(n, device=xtr.device)
    for i in range(0, n, bs):
        idx = order[i:i + bs]
        x, y = xtr.index_select(0, idx), ytr.index_select(0, idx)
        lap("data")
        y_hat = forward(params, x)
        lap("forward")
        l = F.cross_entropy(y_hat, y)
        lap("loss")
        l.backward()
        lap("backward")
        with torch.no_grad():
            sgd_step(params, lr)
        lap("step")
        loss_sum.add_(l.detach(), alpha=x.shape[0])
        correct.add_((y_hat.detach().argmax(1) == y).sum())
        lap("metrics")
    loss, acc = float(loss_sum) / n, int(correct) / n
    with torch.inference_mode():
        hits = torch.zeros((), dtype=torch.int64, device=xte.device)
        for i in range(0, xte.shape[0], EVAL_BATCH):
            hits.add_((forward(params, xte[i:i + EVAL_BATCH]).argmax(1) == yte[i:i + EVAL_BATCH]).sum())
        test_acc = int(hits) / xte.shape[0]
    lap("evaluate")
    return loss, acc, test_acc


def sgd_step(params, lr):
    grads = [p.grad for p in params]
    if hasattr(torch, "_foreach_add_"):
        torch._foreach_add_(params, grads, alpha=-lr)
    else:
        for p, g in zip(params, grads):
            p.add_(g, alpha=-lr)
    for p in params:
        p.grad = None


def gemm(json_out):
    """The concise MLP epoch's matrix products alone, as d2l.mlp.bench.GemmBound times them in DJL."""
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    torch.manual_seed(1)
    bs, batches, test_rows = 256, 235, 10000
    x, h = torch.rand(bs, 784), torch.rand(bs, 256)
    w1, w2 = torch.randn(256, 784) * 0.01, torch.randn(10, 256) * 0.01
    dy, dh = torch.randn(bs, 10), torch.randn(bs, 256)
    x_test, h_test = torch.rand(EVAL_BATCH, 784), torch.rand(EVAL_BATCH, 256)
    w1t, w2t, dyt, dht = w1.t(), w2.t(), dy.t(), dh.t()

    def train():
        for _ in range(batches):
            torch.mm(x, w1t), torch.mm(h, w2t), torch.mm(dyt, h), torch.mm(dy, w2), torch.mm(dht, x)

    def evaluate():
        for _ in range((test_rows + EVAL_BATCH - 1) // EVAL_BATCH):
            torch.mm(x_test, w1t), torch.mm(h_test, w2t)

    def median_seconds(block):
        block()
        times = []
        for _ in range(7):
            start = time.perf_counter()
            block()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    t, e = median_seconds(train), median_seconds(evaluate)
    write({"torch": torch.__version__, "threads": torch.get_num_threads(), "trainGemmSecondsPerEpoch": t,
           "evalGemmSecondsPerEpoch": e, "gemmSecondsPerEpoch": t + e, "evalBatchSize": EVAL_BATCH}, json_out)


def best(data_dir, epochs, json_out):
    """mlp-best's epoch in the tightest loop we know: the MLP loop's data handling, a functional forward with
    F.dropout, the fused cross-entropy, torch.optim.Adam and the cosine learning rate set before each step, test
    accuracy under inference_mode. ADAM=fused (the default) takes Adam's fastest CPU implementation (fused where this
    torch has it, else foreach); ADAM=default takes torch.optim.Adam as the book's code constructs it."""
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    torch.manual_seed(1)
    (xtr, ytr), (xte, yte) = load(data_dir, "cpu")
    xtr, xte = xtr.reshape(xtr.shape[0], -1), xte.reshape(xte.shape[0], -1)
    mean = xtr.mean()
    std = (xtr - mean).square().mean().sqrt()
    xtr, xte = (xtr - mean) / std, (xte - mean) / std
    layers = [nn.Linear(784, 512), nn.Linear(512, 256), nn.Linear(256, 10)]  # PyTorch's default init
    params = [p for layer in layers for p in (layer.weight, layer.bias)]
    lr, bs, n = 1e-3, 256, xtr.shape[0]
    steps = (n + bs - 1) // bs
    total = epochs * steps
    if os.environ.get("ADAM", "fused") == "default":
        opt = torch.optim.Adam(params, lr=lr)
    else:
        try:
            opt = torch.optim.Adam(params, lr=lr, fused=True)
        except (RuntimeError, TypeError):
            opt = torch.optim.Adam(params, lr=lr, foreach=True)

    def forward(x, training):
        w1, b1, w2, b2, w3, b3 = params
        h = F.dropout(F.relu(F.linear(x, w1, b1)), 0.2, training)
        h = F.dropout(F.relu(F.linear(h, w2, b2)), 0.2, training)
        return F.linear(h, w3, b3)

    epoch_s, step = [], 0
    for e in range(epochs):
        start = time.perf_counter()
        loss_sum = torch.zeros(())
        correct = torch.zeros((), dtype=torch.int64)
        order = torch.randperm(n)
        for i in range(0, n, bs):
            idx = order[i:i + bs]
            x, y = xtr.index_select(0, idx), ytr.index_select(0, idx)
            y_hat = forward(x, True)
            l = F.cross_entropy(y_hat, y)
            opt.zero_grad(set_to_none=True)
            l.backward()
            opt.param_groups[0]["lr"] = lr * (1 + math.cos(math.pi * step / total)) / 2
            opt.step()
            step += 1
            loss_sum.add_(l.detach(), alpha=x.shape[0])
            correct.add_((y_hat.detach().argmax(1) == y).sum())
        with torch.inference_mode():
            hits = torch.zeros((), dtype=torch.int64)
            for i in range(0, xte.shape[0], EVAL_BATCH):
                hits.add_((forward(xte[i:i + EVAL_BATCH], False).argmax(1) == yte[i:i + EVAL_BATCH]).sum())
        loss, acc, test_acc = float(loss_sum) / n, int(correct) / n, int(hits) / xte.shape[0]
        epoch_s.append(time.perf_counter() - start)
        print(f"pytorch mlp-best epoch {e + 1}: loss {loss:.4f}, train acc {acc:.4f}, test acc {test_acc:.4f}"
              f" ({epoch_s[-1]:.3f} s)", file=sys.stderr)
    warmup = max(1, min(3, epochs - 2))
    write({"torch": torch.__version__, "threads": torch.get_num_threads(), "epochSeconds": epoch_s,
           "warmupEpochs": warmup, "medianEpochSeconds": statistics.median(epoch_s[warmup:]),
           "adam": "fused" if opt.defaults.get("fused") else "foreach" if opt.defaults.get("foreach") else "default"}, json_out)


def masks(json_out):
    """Microseconds per pair of dropout masks (rate 0.2, on 256x512 and 256x256 activations), as
    d2l.mlp.bench.DropoutMasks: F.dropout (a Bernoulli draw), uniforms compared with the rate, the uniforms alone."""
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    torch.manual_seed(1)
    h1, h2 = torch.randn(256, 512), torch.randn(256, 256)
    ways = {
        "libtorchDropoutMicros": lambda x: F.dropout(x, 0.2, True),
        "uniformCompareMicros": lambda x: x * ((torch.rand_like(x) > 0.2).float() / 0.8),
        "uniformOnlyMicros": torch.rand_like,
    }
    out = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    for name, way in ways.items():
        times = []
        for _ in range(8):
            start = time.perf_counter()
            for _ in range(50):
                way(h1), way(h2)
            times.append((time.perf_counter() - start) * 1e6 / 50)
        out[name] = statistics.median(times[1:])
    write(out, json_out)


def write(out, json_out):
    text = json.dumps(out, indent=2)
    print(text)
    if json_out:
        with open(json_out, "w") as f:
            f.write(text)


def main():
    if sys.argv[1] == "--best":
        best(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
        return
    if sys.argv[1] == "--masks":
        masks(sys.argv[2] if len(sys.argv) > 2 else None)
        return
    if sys.argv[1] in ("--small", "--gemm"):
        (small if sys.argv[1] == "--small" else gemm)(sys.argv[2] if len(sys.argv) > 2 else None)
        return
    data_dir, epochs = sys.argv[1], int(sys.argv[2])
    json_out = sys.argv[3] if len(sys.argv) > 3 else None
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    torch.manual_seed(1)
    device = torch.device(os.environ.get("DEVICE", "cpu"))
    (xtr, ytr), (xte, yte) = load(data_dir, device)
    train, test = (xtr.reshape(xtr.shape[0], -1), ytr), (xte.reshape(xte.shape[0], -1), yte)
    lr, bs = 0.1, 256
    warmup = max(1, min(3, epochs - 2))  # as d2l.mlp.bench.Benchmark.warmup
    # 1. The plain loop, epoch by epoch.
    params = mlp_params(device)
    epoch_s, rss = [], []
    for e in range(epochs):
        start = time.perf_counter()
        loss, acc, test_acc = epoch(params, lr, train, test, bs)
        epoch_s.append(time.perf_counter() - start)
        rss.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(f"pytorch epoch {e + 1}: loss {loss:.4f}, train acc {acc:.4f}, test acc {test_acc:.4f}"
              f" ({epoch_s[-1]:.3f} s)", file=sys.stderr)
    # 2. A fresh model timed phase by phase (each phase ends when its ops return; on a GPU, when they are queued),
    # as d2l.mlp.bench.Benchmark does: max(2, epochs / 2) epochs, the first left out.
    params = mlp_params(device)
    phases = {k: [] for k in PHASES}
    for _ in range(max(2, epochs // 2)):
        t = dict.fromkeys(PHASES, 0.0)
        mark = time.perf_counter()

        def lap(key):
            nonlocal mark
            now = time.perf_counter()
            t[key] += now - mark
            mark = now
        epoch(params, lr, train, test, bs, lap)
        for k in PHASES:
            phases[k].append(t[k])
    write({
        "torch": torch.__version__,
        "device": str(device),
        "threads": torch.get_num_threads(),
        "epochSeconds": epoch_s,
        "warmupEpochs": warmup,
        "medianEpochSeconds": statistics.median(epoch_s[warmup:]),
        "totalSeconds": sum(epoch_s),
        "phaseSecondsPerEpoch": {k: statistics.median(v[1:]) for k, v in phases.items()},
        "peakRssMiB": max(rss + [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]),
    }, json_out)


if __name__ == "__main__":
    main()

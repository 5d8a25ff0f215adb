"""PyTorch baseline for the concise MLP benchmark: the same 784-256-10 network, data, batching and loop as
d2l.mlp.bench.Benchmark (batches gathered from resident tensors with a fresh permutation each epoch; train loss,
train accuracy and test accuracy accumulated like the book's train_ch3), timed per epoch and per phase.

With --small, instead: microseconds per minibatch step of the book's small-batch training, on random data of the
shapes d2l.mlp.bench.SmallBatch uses (polynomial fit: nn.Linear(4, 1, bias=False), batch 10, SGD 0.01; house prices:
nn.Linear(331, 1), 1168 rows, batch 64, Adam lr 5; MSE loss; one torch thread).

DEVICE=cuda runs the MLP benchmark on the GPU (data, network and sums resident there, as DJL's loop keeps them);
scripts/gpu-run.sh does that on the GPU machine. The default is the CPU, TORCH_THREADS (default 1) threads.

Run with Debian's /usr/bin/python3 (python3-torch). Needs only torch (no numpy: the GPU machine's python may lack it).
Usage: [DEVICE=cpu|cuda] bench_pytorch.py DATA_DIR EPOCHS [JSON_OUT] | bench_pytorch.py --small [JSON_OUT]
"""
import gzip
import json
import os
import resource
import statistics
import sys
import time

import torch
from torch import nn


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
    text = json.dumps(out, indent=2)
    print(text)
    if json_out:
        with open(json_out, "w") as f:
            f.write(text)


def main():
    if sys.argv[1] == "--small":
        small(sys.argv[2] if len(sys.argv) > 2 else None)
        return
    data_dir, epochs = sys.argv[1], int(sys.argv[2])
    json_out = sys.argv[3] if len(sys.argv) > 3 else None
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    torch.manual_seed(1)
    device = torch.device(os.environ.get("DEVICE", "cpu"))
    (xtr, ytr), (xte, yte) = load(data_dir, device)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.01)
    net.to(device)
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    warmup = max(1, min(3, epochs - 2))  # as d2l.mlp.bench.Benchmark.warmup
    names = ["data", "forward", "loss", "backward", "step", "metrics", "evaluate"]
    epoch_s, phases, rss = [], {k: [] for k in names}, []
    n, bs = xtr.shape[0], 256
    for _ in range(epochs):
        t = dict.fromkeys(names, 0.0)
        start = mark = time.perf_counter()

        def lap(key):
            nonlocal mark
            now = time.perf_counter()
            t[key] += now - mark
            mark = now

        net.train()
        loss_sum = torch.zeros((), device=device)
        correct = torch.zeros((), dtype=torch.int64, device=device)
        order = torch.randperm(n, device=device)
        for i in range(0, n, bs):
            idx = order[i:i + bs]
            x, y = xtr.index_select(0, idx), ytr.index_select(0, idx)
            lap("data")
            y_hat = net(x)
            lap("forward")
            l = loss_fn(y_hat, y)
            lap("loss")
            opt.zero_grad()
            l.backward()
            lap("backward")
            opt.step()
            lap("step")
            with torch.no_grad():
                loss_sum += l * x.shape[0]
                correct += (y_hat.argmax(1) == y).sum()
            lap("metrics")
        float(loss_sum), int(correct)
        net.eval()
        with torch.no_grad():  # summed on the device, read once, as in the training loop
            hits = int(sum((net(xte[i:i + bs]).argmax(1) == yte[i:i + bs]).sum() for i in range(0, 10000, bs)))
        lap("evaluate")
        epoch_s.append(time.perf_counter() - start)
        for k in names:
            phases[k].append(t[k])
        rss.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(f"pytorch epoch {len(epoch_s)}: loss {float(loss_sum) / n:.4f}, train acc {int(correct) / n:.4f}, "
              f"test acc {hits / 10000:.4f} ({epoch_s[-1]:.3f} s)", file=sys.stderr)
    out = {
        "torch": torch.__version__,
        "device": str(device),
        "threads": torch.get_num_threads(),
        "epochSeconds": epoch_s,
        "warmupEpochs": warmup,
        "medianEpochSeconds": statistics.median(epoch_s[warmup:]),
        "totalSeconds": sum(epoch_s),
        "phaseSecondsPerEpoch": {k: statistics.median(v[1:]) for k, v in phases.items()},
        "peakRssMiB": rss[-1],
    }
    text = json.dumps(out, indent=2)
    print(text)
    if json_out:
        with open(json_out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()

"""What the PyTorch twins share: the command line, seeding and threads, the data files the Java side reads, the
book's `train_ch3` protocol for the classifiers, and metrics.json in the Java side's layout.

Every twin is run as `python3 NAME.py --seed S --out DIR [--epochs E] [--threads T] [--data-dir D]` and writes
DIR/NAME/metrics.json with the same keys as `java -jar target/d2l-mlp.jar run NAME` (only those the comparison
reads, plus the configuration and the wall time).
"""
import argparse
import gzip
import json
import os
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.utils.data import BatchSampler, DataLoader, RandomSampler, SequentialSampler, TensorDataset


def parse(name, epochs, lr, batch_size, options=None):
    """The command line shared by every twin (plus what `options(parser)` adds); seeds torch, numpy and random,
    sets torch's thread count."""
    p = argparse.ArgumentParser(description=f"PyTorch twin of the '{name}' experiment")
    if options:
        options(p)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default="target/pytorch-twin/pytorch")
    p.add_argument("--epochs", type=int, default=epochs)
    p.add_argument("--lr", type=float, default=lr)
    p.add_argument("--batch-size", type=int, default=batch_size)
    p.add_argument("--threads", type=int, default=int(os.environ.get("TWIN_THREADS", "1")))
    p.add_argument("--data-dir", default=os.environ.get("D2L_DATA_DIR"))
    args = p.parse_args()
    if args.epochs <= 0 or args.lr <= 0 or args.batch_size <= 0:
        p.error("--epochs, --lr and --batch-size must be > 0")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    random.seed(args.seed)
    args.name = name
    args.started = time.perf_counter()
    return args


def write_metrics(args, metrics):
    """DIR/NAME/metrics.json: configuration, metrics, library versions, seconds since parse()."""
    out = Path(args.out) / args.name
    out.mkdir(parents=True, exist_ok=True)
    doc = {
        "experiment": args.name,
        "config": {"epochs": args.epochs, "lr": args.lr, "batchSize": args.batch_size, "seed": args.seed,
                   "threads": torch.get_num_threads()},
        "metrics": metrics,
        "torch": torch.__version__,
        "seconds": time.perf_counter() - args.started,
    }
    tmp = out / "metrics.json.part"
    tmp.write_text(json.dumps(doc, indent=1))
    tmp.replace(out / "metrics.json")


# ---- data: the files the Java side reads, found in the same order -------------------------------------------------

FASHION_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")


def _candidates(data_dir, sub):
    dirs = []
    if data_dir:
        dirs += [Path(data_dir), Path(data_dir) / sub]
    dirs.append(Path(os.environ.get("D2L_CACHE_DIR") or Path.home() / ".d2l" / "data") / sub)  # as DataHome
    return dirs


def fashion_dir(data_dir):
    for d in _candidates(data_dir, "fashion-mnist") + [Path("/usr/share/datasets/fashion-mnist")]:
        if all((d / f).is_file() for f in FASHION_FILES):
            return d
    raise SystemExit("Fashion-MNIST IDX files not found (--data-dir, ~/.d2l/data/fashion-mnist, "
                     "/usr/share/datasets/fashion-mnist); 'apt-get install dataset-fashion-mnist'")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return torch.frombuffer(bytearray(raw), dtype=torch.uint8, offset=4 + 4 * ndim).reshape(dims)


def fashion_mnist(data_dir):
    """(train_x, train_y, test_x, test_y): images (n, 1, 28, 28) as float pixels / 255 (what ToTensor gives),
    labels int64."""
    d = fashion_dir(data_dir)
    arrays = [read_idx(d / f) for f in FASHION_FILES]
    images = [a.float().div(255).unsqueeze(1) for a in arrays[0::2]]
    labels = [a.long() for a in arrays[1::2]]
    return images[0], labels[0], images[1], labels[1]


def loader(tensors, batch_size, shuffle):
    """The book's `load_array`/`DataLoader`: a fresh random order every epoch from torch's generator (shuffle) or
    the file order. Batches are gathered with one index per tensor (a BatchSampler as the sampler) instead of
    item by item and collated: the same batches, without the per-item Python overhead."""
    ds = TensorDataset(*tensors)
    order = RandomSampler(ds) if shuffle else SequentialSampler(ds)
    return DataLoader(ds, sampler=BatchSampler(order, batch_size, drop_last=False), batch_size=None)


def house_csvs(data_dir):
    names = ("kaggle_house_pred_train.csv", "kaggle_house_pred_test.csv")
    for d in _candidates(data_dir, "kaggle-house"):
        if all((d / n).is_file() for n in names):
            return d / names[0], d / names[1]
    raise SystemExit("kaggle_house_pred_{train,test}.csv not found (--data-dir, ~/.d2l/data/kaggle-house)")


# ---- the book's train_ch3 -----------------------------------------------------------------------------------------

def correct(y_hat, y):
    return float((y_hat.argmax(dim=1) == y).sum())


def evaluate_accuracy(net, data):
    """Accuracy over `data` in evaluation mode."""
    net.eval()
    hits = total = 0
    with torch.no_grad():
        for x, y in data:
            hits += correct(net(x), y)
            total += y.numel()
    return hits / total


def train_epoch(net, data, loss, updater, after_step=None):
    """One epoch as the book's train_epoch_ch3 with a torch optimizer: per-example losses, their mean
    backpropagated; returns the mean per-example loss and the accuracy accumulated while training."""
    net.train()
    loss_sum = hits = total = 0.0
    for x, y in data:
        y_hat = net(x)
        l = loss(y_hat, y)
        updater.zero_grad()
        l.mean().backward()
        updater.step()
        if after_step:
            after_step()
        loss_sum += float(l.detach().sum())
        hits += correct(y_hat, y)
        total += y.numel()
    return loss_sum / total, hits / total


def train_ch3(net, train_data, test_data, loss, epochs, updater, after_step=None):
    """The book's train_ch3: per epoch the train loss and accuracy while training, then the test accuracy.
    Returns the history in the Java side's layout."""
    history = []
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        train_loss, train_acc = train_epoch(net, train_data, loss, updater, after_step)
        test_acc = evaluate_accuracy(net, test_data)
        history.append({"epoch": epoch, "trainLoss": train_loss, "trainAcc": train_acc, "testAcc": test_acc,
                        "seconds": time.perf_counter() - start})
        print(f"{epoch}: loss {train_loss:.4f}, train acc {train_acc:.4f}, test acc {test_acc:.4f}", flush=True)
    return history


def classifier_metrics(history):
    last = history[-1]
    return {"finalTrainLoss": last["trainLoss"], "finalTrainAcc": last["trainAcc"], "finalTestAcc": last["testAcc"],
            "history": history}


def fashion_classifier(args, net, updater_for):
    """Trains `net` on Fashion-MNIST with the book's protocol and writes its metrics; `updater_for(net)` gives the
    optimizer."""
    train_x, train_y, test_x, test_y = fashion_mnist(args.data_dir)
    train_data = loader((train_x, train_y), args.batch_size, shuffle=True)
    test_data = loader((test_x, test_y), args.batch_size, shuffle=False)
    loss = nn.CrossEntropyLoss(reduction="none")
    history = train_ch3(net, train_data, test_data, loss, args.epochs, updater_for(net))
    write_metrics(args, classifier_metrics(history))


def init_normal_weights(module):
    """The book's init_weights: Linear weights N(0, 0.01²), biases left at PyTorch's default."""
    if isinstance(module, nn.Linear):
        nn.init.normal_(module.weight, std=0.01)


def evaluate_loss(net, data, loss):
    """The book's evaluate_loss: mean per-element loss over `data`."""
    total = count = 0.0
    with torch.no_grad():
        for x, y in data:
            out = net(x)
            l = loss(out, y.reshape(out.shape))
            total += float(l.sum())
            count += l.numel()
    return total / count


def against_java(label, java, ours):
    """One row of a deterministic twin that read the Java side's tensors: the largest |Java − PyTorch| over the
    points of a quantity and the largest |PyTorch value|, from which the twin report judges it."""
    java = np.asarray(java, dtype=np.float64).ravel()
    ours = ours.detach().double().numpy().ravel() if torch.is_tensor(ours) else np.asarray(ours, np.float64).ravel()
    if java.shape != ours.shape:
        raise ValueError(f"{label}: {java.size} Java values, {ours.size} PyTorch values")
    return {"quantity": label, "points": int(ours.size), "maxAbsDiff": float(np.max(np.abs(java - ours))),
            "maxAbs": float(np.max(np.abs(ours)))}


def java_tensors(parser):
    parser.add_argument("--java-tensors", required=True, type=Path,
                        help="the directory the Java run wrote its .npz files to (java -Dd2l.tensors=DIR ...)")

"""Book 4.10's house-price preprocessing, training and k-fold, shared by the `kaggle-house` and
`kaggle-house-mlp` twins.

Preprocessing with pandas as the book does: train and test features without Id concatenated; every numeric column
standardized with its mean and (sample) standard deviation over both; missing numbers set to 0; every other column
one-hot encoded with a NA indicator (get_dummies, dummy_na). The CSVs are read with pandas 1.x's NA strings, which
do not include "None" (pandas 2 added it): MasVnrType "None" is a category, and the book's 331 columns come out."""
import math
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from torch import nn

import common

NA_STRINGS = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
              "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null"]
K = 5


def load(data_dir):
    """(train features, train prices (n, 1), test features, test ids) as float32 tensors."""
    train_file, test_file = common.house_csvs(data_dir)
    read = dict(keep_default_na=False, na_values=NA_STRINGS)
    train, test = pd.read_csv(train_file, **read), pd.read_csv(test_file, **read)
    features = pd.concat((train.iloc[:, 1:-1], test.iloc[:, 1:]))
    numeric = [c for c in features.columns if pd.api.types.is_numeric_dtype(features[c])]
    features[numeric] = features[numeric].apply(lambda col: (col - col.mean()) / col.std()).fillna(0)
    features = pd.get_dummies(features, dummy_na=True).astype(np.float32)
    n = train.shape[0]
    x = torch.tensor(features.values, dtype=torch.float32)
    y = torch.tensor(train["SalePrice"].values, dtype=torch.float32).reshape(-1, 1)
    return x[:n], y, x[n:], test["Id"].tolist()


def log_rmse(prices, labels):
    clipped = torch.clamp(prices, 1, float("inf"))
    return math.sqrt(nn.functional.mse_loss(torch.log(clipped), torch.log(labels)).item())


def train(make_net, train_set, valid_set, args, weight_decay, log_target):
    """The book's train: Adam on the MSE, minibatches from the shuffling loader; after every epoch the log rmse of
    the whole training (and validation) set. With log_target the net learns the log price standardized with the
    training rows' mean and (population) standard deviation. Returns (train curve, valid curve, net, predict)."""
    x, y = train_set
    mu, sigma = 0.0, 1.0
    target = y
    if log_target:
        log_y = torch.log(y)
        mu = log_y.mean()
        sigma = (log_y - mu).square().mean().sqrt()
        target = (log_y - mu) / sigma
    net = make_net()
    loss = nn.MSELoss()
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=weight_decay)
    data = common.loader((x, target), args.batch_size, shuffle=True)

    def predict(features):
        net.eval()
        with torch.no_grad():
            out = net(features)
        net.train()
        return torch.exp(out * sigma + mu) if log_target else out

    train_ls, valid_ls = [], []
    for _ in range(args.epochs):
        net.train()
        for xb, yb in data:
            optimizer.zero_grad()
            loss(net(xb), yb).backward()
            optimizer.step()
        train_ls.append(log_rmse(predict(x), y))
        if valid_set is not None:
            valid_ls.append(log_rmse(predict(valid_set[0]), valid_set[1]))
    return train_ls, valid_ls, predict


def fold(i, x, y):
    """Fold i of K contiguous folds: (train rows, validation rows), as the book's get_k_fold_data."""
    size = x.shape[0] // K
    keep = [j for j in range(K) if j != i]
    train_set = (torch.cat([x[j * size:(j + 1) * size] for j in keep]),
                 torch.cat([y[j * size:(j + 1) * size] for j in keep]))
    return train_set, (x[i * size:(i + 1) * size], y[i * size:(i + 1) * size])


def protocol(args, make_net, weight_decay, log_target):
    """K-fold cross-validation, then training on all rows; writes the metrics in the Java side's layout."""
    x, y, test_x, test_ids = load(args.data_dir)
    folds = []
    for i in range(K):
        train_set, valid_set = fold(i, x, y)
        t, v, _ = train(make_net, train_set, valid_set, args, weight_decay, log_target)
        folds.append((t, v))
        print(f"fold {i + 1}: train log rmse {t[-1]:.6f}, valid log rmse {v[-1]:.6f}", flush=True)
    full, _, predict = train(make_net, (x, y), None, args, weight_decay, log_target)
    prices = predict(test_x).reshape(-1).tolist()
    metrics = {
        "foldTrainLogRmse": [f[0][-1] for f in folds],
        "foldValidLogRmse": [f[1][-1] for f in folds],
        "averageTrainLogRmse": sum(f[0][-1] for f in folds) / K,
        "averageValidLogRmse": sum(f[1][-1] for f in folds) / K,
        "fullTrainLogRmse": full[-1],
        "fold1TrainCurve": folds[0][0],
        "fold1ValidCurve": folds[0][1],
        "features": x.shape[1],
    }
    print(f"average train log rmse {metrics['averageTrainLogRmse']:.6f}, valid "
          f"{metrics['averageValidLogRmse']:.6f}; all training data {metrics['fullTrainLogRmse']:.6f}")
    common.write_metrics(args, metrics)
    # the submission, as the Java side writes it: the twin report compares the two row by row
    rows = "".join(f"{i},{p:.2f}\n" for i, p in zip(test_ids, prices))
    (Path(args.out) / args.name / "submission.csv").write_text("Id,SalePrice\n" + rows)

"""Book 4.4's polynomial data and training, shared by the `underfit-overfit` and `model-selection` twins.

Data (numpy's generator, as the book): 200 draws x ~ N(0, 1), features x^i / i! for i = 0..19, labels
5 + 1.2x − 3.4x²/2! + 5.6x³/3! + N(0, 0.1²); the first 100 rows train, the last 100 test. A model is a bias-free
nn.Linear at PyTorch's default init, trained on nn.MSELoss (no ½) with torch.optim.SGD, minibatches from the book's
shuffling loader; losses are the book's evaluate_loss (mean over all rows)."""
import math

import numpy as np
import torch
from torch import nn

import common

MAX_DEGREE, N_TRAIN, N_TEST = 20, 100, 100
TRUE_W = [5, 1.2, -3.4, 5.6]


def generate():
    w = np.zeros(MAX_DEGREE)
    w[:len(TRUE_W)] = TRUE_W
    x = np.random.normal(size=(N_TRAIN + N_TEST, 1))
    np.random.shuffle(x)
    powers = np.power(x, np.arange(MAX_DEGREE).reshape(1, -1))
    for i in range(MAX_DEGREE):
        powers[:, i] /= math.gamma(i + 1)
    labels = powers @ w + np.random.normal(scale=0.1, size=N_TRAIN + N_TEST)
    features = torch.tensor(powers, dtype=torch.float32)
    labels = torch.tensor(labels, dtype=torch.float32).reshape(-1, 1)
    return features, labels


class Fit:
    """One bias-free linear model on the given columns, trained for `epochs`; losses logged at epoch 1 and
    every `log` epochs (the book's plot points)."""

    def __init__(self, train, evaluate_on, epochs, lr, batch_size, log=20):
        x, y = train
        self.net = nn.Sequential(nn.Linear(x.shape[1], 1, bias=False))
        loss = nn.MSELoss(reduction="none")
        data = common.loader((x, y), min(batch_size, y.shape[0]), shuffle=True)
        sets = [common.loader(t, batch_size, shuffle=False) for t in evaluate_on]
        optimizer = torch.optim.SGD(self.net.parameters(), lr=lr)
        self.epochs, self.losses = [], []
        for epoch in range(1, epochs + 1):
            for xb, yb in data:
                l = loss(self.net(xb), yb)
                optimizer.zero_grad()
                l.mean().backward()
                optimizer.step()
            if epoch == 1 or epoch % log == 0 or epoch == epochs:
                self.epochs.append(epoch)
                self.losses.append([common.evaluate_loss(self.net, s, loss) for s in sets])

    def weights(self):
        return self.net[0].weight.detach().reshape(-1).tolist()

    def final(self, i):
        return self.losses[-1][i]

    def curve(self, i):
        return [row[i] for row in self.losses]

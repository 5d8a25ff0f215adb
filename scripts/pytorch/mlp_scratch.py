"""Twin of `mlp-scratch` (book 4.2): 784-256-10 from our own parameters, W ~ N(0, 0.01²), b = 0, ReLU written as
an elementwise max with zero, per-example cross-entropy, torch.optim.SGD lr 0.1, 10 epochs, batch 256."""
import torch
from torch import nn

import common

args = common.parse("mlp-scratch", epochs=10, lr=0.1, batch_size=256)
inputs, hidden, outputs = 784, 256, 10
W1 = nn.Parameter(torch.randn(inputs, hidden) * 0.01)
b1 = nn.Parameter(torch.zeros(hidden))
W2 = nn.Parameter(torch.randn(hidden, outputs) * 0.01)
b2 = nn.Parameter(torch.zeros(outputs))
params = [W1, b1, W2, b2]


def relu(x):
    return torch.max(x, torch.zeros_like(x))


class Scratch(nn.Module):
    """Holds the parameters so that train_ch3 can switch modes; the forward pass is the book's `net`."""

    def __init__(self):
        super().__init__()
        self.params = nn.ParameterList(params)

    def forward(self, x):
        h = relu(x.reshape(-1, inputs) @ W1 + b1)
        return h @ W2 + b2


common.fashion_classifier(args, Scratch(), lambda net: torch.optim.SGD(params, lr=args.lr))

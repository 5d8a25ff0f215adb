"""Twin of `dropout-scratch` (book 4.6): 784-256-256-10 from nn.Linear layers left at PyTorch's default init, a
hand-written dropout (0.2 after the first hidden layer, 0.5 after the second) applied only in training mode,
per-example cross-entropy, torch.optim.SGD lr 0.5, 10 epochs, batch 256."""
import torch
from torch import nn

import common

args = common.parse("dropout-scratch", epochs=10, lr=0.5, batch_size=256)
P1, P2 = 0.2, 0.5


def dropout_layer(x, p):
    """Zero each element with probability p and scale the survivors by 1 / (1 - p)."""
    assert 0 <= p <= 1
    if p == 1:
        return torch.zeros_like(x)
    if p == 0:
        return x
    keep = (torch.rand(x.shape) > p).float()
    return keep * x / (1.0 - p)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin1, self.lin2, self.lin3 = nn.Linear(784, 256), nn.Linear(256, 256), nn.Linear(256, 10)
        self.relu = nn.ReLU()

    def forward(self, x):
        h1 = self.relu(self.lin1(x.reshape(-1, 784)))
        if self.training:
            h1 = dropout_layer(h1, P1)
        h2 = self.relu(self.lin2(h1))
        if self.training:
            h2 = dropout_layer(h2, P2)
        return self.lin3(h2)


common.fashion_classifier(args, Net(), lambda n: torch.optim.SGD(n.parameters(), lr=args.lr))

"""Twin of `mlp-concise` (book 4.3): Flatten, Linear(784, 256), ReLU, Linear(256, 10); weights N(0, 0.01²), biases
PyTorch's default; per-example cross-entropy; torch.optim.SGD lr 0.1; 10 epochs, batch 256."""
import torch
from torch import nn

import common

args = common.parse("mlp-concise", epochs=10, lr=0.1, batch_size=256)
net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
net.apply(common.init_normal_weights)
common.fashion_classifier(args, net, lambda n: torch.optim.SGD(n.parameters(), lr=args.lr))

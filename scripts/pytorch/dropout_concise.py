"""Twin of `dropout-concise` (book 4.6): Flatten, Linear(784, 256), ReLU, Dropout(0.2), Linear(256, 256), ReLU,
Dropout(0.5), Linear(256, 10); weights N(0, 0.01²), biases PyTorch's default; torch.optim.SGD lr 0.5; 10 epochs,
batch 256."""
import torch
from torch import nn

import common

args = common.parse("dropout-concise", epochs=10, lr=0.5, batch_size=256)
net = nn.Sequential(nn.Flatten(),
                    nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2),
                    nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.5),
                    nn.Linear(256, 10))
net.apply(common.init_normal_weights)
common.fashion_classifier(args, net, lambda n: torch.optim.SGD(n.parameters(), lr=args.lr))

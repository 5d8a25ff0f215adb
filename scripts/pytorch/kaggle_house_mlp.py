"""Twin of `kaggle-house-mlp` (beyond the book): Linear(331, 64), ReLU, Dropout(0.2), Linear(64, 1) at PyTorch's
default init on the standardized log price, MSE, Adam lr 0.001 with weight decay 0.05, batch 64, 100 epochs, the
section's 5 contiguous folds, then all training rows."""
from torch import nn

import common
import house

args = common.parse("kaggle-house-mlp", epochs=100, lr=0.001, batch_size=64)
house.protocol(args, lambda: nn.Sequential(nn.Linear(331, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 1)),
               weight_decay=0.05, log_target=True)

"""Twin of `kaggle-house-mlp` (beyond the book): Linear(331, 64), ReLU, Dropout(0.2), Linear(64, 1) at PyTorch's
default init on the standardized log price, MSE, Adam lr 0.001 with weight decay 0.05, batch 64, 100 epochs, the
section's 5 contiguous folds, then all training rows. --djl-init starts from DJL's default instead (weights
N(0, 2/fan_in), biases 0), which is what the Java experiment uses: to measure what that difference does."""
from torch import nn

import common
import house

args = common.parse("kaggle-house-mlp", epochs=100, lr=0.001, batch_size=64, options=lambda p: p.add_argument(
    "--djl-init", action="store_true", help="DJL's default initialisation (the Java side's) instead of PyTorch's"))


def net():
    mlp = nn.Sequential(nn.Linear(331, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 1))
    if args.djl_init:
        for layer in (mlp[0], mlp[3]):
            nn.init.normal_(layer.weight, std=(2 / layer.in_features) ** 0.5)
            nn.init.zeros_(layer.bias)
    return mlp


house.protocol(args, net, weight_decay=0.05, log_target=True)

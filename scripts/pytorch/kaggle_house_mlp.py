"""Twin of `kaggle-house-mlp` (beyond the book): Linear(331, 64), ReLU, Dropout(0.2), Linear(64, 1) on the
standardized log price, MSE, Adam lr 0.001 with weight decay 0.05, batch 64, 100 epochs, the section's 5 contiguous
folds, then all training rows. The layers start from DJL's default initialisation (weights N(0, 2/fan_in), biases 0),
the one the Java experiment uses, so that both sides train the same model from the same distribution."""
from torch import nn

import common
import house

args = common.parse("kaggle-house-mlp", epochs=100, lr=0.001, batch_size=64)


def net():
    mlp = nn.Sequential(nn.Linear(331, 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, 1))
    for layer in (mlp[0], mlp[3]):
        nn.init.normal_(layer.weight, std=(2 / layer.in_features) ** 0.5)
        nn.init.zeros_(layer.bias)
    return mlp


house.protocol(args, net, weight_decay=0.05, log_target=True)

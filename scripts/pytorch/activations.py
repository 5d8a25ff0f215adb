"""Twin of `activations` (book 4.1): ReLU, pReLU (α = 0.25, nn.PReLU's initial value), sigmoid and tanh on
torch.arange(-8.0, 8.0, 0.1), each with its gradient from autograd, as the book computes them
(y.backward(torch.ones_like(x))). Deterministic: the twin report compares it with the Java side point by point.

The step is 0.1 rounded to float32, as DJL's arange(-8f, 8f, 0.1f) takes it: with the book's float64 0.1 some
points of the grid lie one float32 rounding (up to 4.8e-7) away from the Java side's, and then so do the values."""
import numpy as np
import torch
from torch.nn import functional

import common

args = common.parse("activations", epochs=1, lr=1, batch_size=1)
functions = {"relu": torch.relu,
             "prelu": lambda x: functional.prelu(x, torch.tensor([0.25])),
             "sigmoid": torch.sigmoid,
             "tanh": torch.tanh}
curves = []
for name, f in functions.items():
    x = torch.arange(-8.0, 8.0, float(np.float32(0.1)), requires_grad=True)
    y = f(x)
    y.backward(torch.ones_like(x))
    curves.append({"name": name, "x": x.detach().tolist(), "y": y.detach().tolist(), "grad": x.grad.tolist()})
common.write_metrics(args, {"points": len(curves[0]["x"]), "curves": curves})

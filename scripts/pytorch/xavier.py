"""Twin of `xavier` (book 4.8): the variance of a 500×2000 float64 weight drawn by PyTorch's Xavier initializers,
nn.init.xavier_uniform_ and xavier_normal_ (gain 1), over the book's Var(W) = 2/(n_in + n_out); the Java side draws
its weights with DJL's XavierInitializer(UNIFORM, AVG, 3) and (GAUSSIAN, AVG, 1). Statistical: compared over seeds."""
import torch
from torch import nn

import common

OUT, IN = 500, 2000
args = common.parse("xavier", epochs=1, lr=1, batch_size=256)
samples = []
for name, init in (("xavier uniform", nn.init.xavier_uniform_), ("xavier normal", nn.init.xavier_normal_)):
    w = init(torch.empty(OUT, IN, dtype=torch.float64))
    samples.append({"name": name, "expected": 2 / (IN + OUT), "empirical": (w - w.mean()).square().mean().item(),
                    "maxAbs": w.abs().max().item()})
common.write_metrics(args, {"weightShape": [OUT, IN], "samples": samples})

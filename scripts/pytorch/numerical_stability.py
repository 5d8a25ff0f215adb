"""Twin of `numerical-stability`'s exploding product (book 4.8) on the Java run's own matrices: the book's
M = normal(0, 1, (4, 4)) multiplied by 100 more such matrices (M = M @ ...), float32, here with the first matrix and
the 100 factors the Java side drew (its numerical-stability-product.npz, written with -Dd2l.tensors=DIR). The
sigmoid's gradient of the same section is the `activations` twin's (4.1: the same grid and function); the deep MLP's
layer gradient norms are not the book's code and have no twin. Deterministic, judged like `backprop`."""
import numpy as np
import torch

import common

args = common.parse("numerical-stability", epochs=1, lr=1, batch_size=1, options=common.java_tensors)
java = np.load(args.java_tensors / "numerical-stability-product.npz")
m = torch.from_numpy(java["first"])
for factor in torch.from_numpy(java["factors"]):
    m = m @ factor
common.write_metrics(args, {"factors": len(java["factors"]),
                            "comparisons": [common.against_java("M after 100 products", java["product"], m)]})

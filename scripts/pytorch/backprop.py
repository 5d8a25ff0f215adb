"""Twin of `backprop` (book 4.7) on the Java run's own inputs: for each φ, the inputs x, labels y, weights W1, W2 and
λ that the Java side drew (its backprop-PHI.npz, written with -Dd2l.tensors=DIR), through the section's network in
PyTorch: z = x·W1ᵀ, h = φ(z), o = h·W2ᵀ, L = cross-entropy(o, y) (mean over the batch), s = λ/2(‖W1‖² + ‖W2‖²),
J = L + s, and ∂J/∂W1, ∂J/∂W2 from autograd (J.backward()). The Java side's are its hand-written backward pass.
Deterministic: per quantity it writes the largest |Java − PyTorch| and the largest |value|; the twin report judges
them against its tolerance."""
import numpy as np
import torch
from torch.nn import functional

import common

args = common.parse("backprop", epochs=1, lr=1, batch_size=256, options=common.java_tensors)
rows = []
for name, phi in (("relu", torch.relu), ("sigmoid", torch.sigmoid), ("tanh", torch.tanh)):
    java = np.load(args.java_tensors / f"backprop-{name}.npz")
    x, y = torch.from_numpy(java["x"]), torch.from_numpy(java["y"])
    w1 = torch.from_numpy(java["W1"]).requires_grad_()
    w2 = torch.from_numpy(java["W2"]).requires_grad_()
    lam = float(java["lambda"][0])
    o = phi(x @ w1.T) @ w2.T
    loss = functional.cross_entropy(o, y)
    penalty = (w1.square().sum() + w2.square().sum()) * (lam / 2)
    j = loss + penalty
    j.backward()
    rows += [common.against_java(f"{name}: L, s, J", np.concatenate([java["L"], java["s"], java["J"]]),
                                 torch.stack([loss, penalty, j])),
             common.against_java(f"{name}: ∂J/∂W1", java["dW1"], w1.grad),
             common.against_java(f"{name}: ∂J/∂W2", java["dW2"], w2.grad)]
common.write_metrics(args, {"batch": len(y), "comparisons": rows})

"""Twin of `weight-decay-concise` (book 4.5): nn.Linear(200, 1) with weight and bias drawn N(0, 1), nn.MSELoss
(no ½), torch.optim.SGD with two parameter groups: weight decay wd on the weight, none on the bias; wd = 0 and 3;
100 epochs, lr 0.003, batch 5."""
import torch
from torch import nn

import common
import highdim

args = common.parse("weight-decay-concise", epochs=100, lr=0.003, batch_size=5)
train_iter, train_eval, test_eval = highdim.data(args.batch_size)
loss = nn.MSELoss(reduction="none")
metrics = {"loss": "(y_hat - y)^2, mean (nn.MSELoss)"}
for wd in (0.0, 3.0):
    net = nn.Sequential(nn.Linear(highdim.DIM, 1))
    for p in net.parameters():
        p.data.normal_()
    optimizer = torch.optim.SGD([{"params": net[0].weight, "weight_decay": wd}, {"params": net[0].bias}],
                                lr=args.lr)

    def step(x, y):
        optimizer.zero_grad()
        loss(net(x), y).mean().backward()
        optimizer.step()

    metrics[f"lambda={wd}"] = highdim.run(args.epochs, step, net, loss, lambda: net[0].weight.norm().item(),
                                          train_iter, train_eval, test_eval, f"concise wd {wd}")
common.write_metrics(args, metrics)

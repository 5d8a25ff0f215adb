"""Twin of `mlp-best` (beyond the book), one seed per run: Flatten, Linear(784, 512), ReLU, Dropout(0.2),
Linear(512, 256), ReLU, Dropout(0.2), Linear(256, 10) at PyTorch's default init; pixels / 255 standardized with
one mean and one (population) standard deviation of all training pixels; per-example cross-entropy; Adam
(lr 0.001, betas 0.9/0.999, no weight decay) with the learning rate following a cosine to 0 over all 20 × 235 steps,
stepped after every minibatch; batch 256; 20 epochs; test accuracy after every epoch (the book's train_ch3)."""
import time

import torch
from torch import nn

import common

args = common.parse("mlp-best", epochs=20, lr=0.001, batch_size=256)
train_x, train_y, test_x, test_y = common.fashion_mnist(args.data_dir)
mean = train_x.mean()
std = (train_x - mean).square().mean().sqrt()
train_x, test_x = (train_x - mean) / std, (test_x - mean) / std
train_data = common.loader((train_x, train_y), args.batch_size, shuffle=True)
test_data = common.loader((test_x, test_y), args.batch_size, shuffle=False)
net = nn.Sequential(nn.Flatten(),
                    nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2),
                    nn.Linear(512, 256), nn.ReLU(), nn.Dropout(0.2),
                    nn.Linear(256, 10))
optimizer = torch.optim.Adam(net.parameters(), lr=args.lr)
schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs * len(train_data), eta_min=0)
start = time.perf_counter()
history = common.train_ch3(net, train_data, test_data, nn.CrossEntropyLoss(reduction="none"), args.epochs,
                           optimizer, after_step=schedule.step)
seconds = time.perf_counter() - start
common.write_metrics(args, {
    "medianTestAcc": history[-1]["testAcc"],
    "seeds": [{"seed": args.seed, "testAcc": history[-1]["testAcc"], "seconds": seconds}],
    "standardization": {"mean": float(mean), "std": float(std)},
    "history": history,
})

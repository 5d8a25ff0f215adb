"""Book 4.5's data and logging, shared by the two weight-decay twins: y = 0.05 + Σ 0.01·x_i + N(0, 0.01²) with
x ~ N(0, I₂₀₀) from torch's generator (the book's synthetic_data), 20 training rows then 100 test rows; batch 5;
train and test loss logged every 5 epochs."""
import torch

import common

N_TRAIN, N_TEST, DIM = 20, 100, 200
LOG_EVERY = 5


def synthetic(n):
    x = torch.normal(0, 1, (n, DIM))
    y = x @ (torch.ones(DIM, 1) * 0.01) + 0.05
    return x, y + torch.normal(0, 0.01, y.shape)


def data(batch_size):
    train, test = synthetic(N_TRAIN), synthetic(N_TEST)
    return (common.loader(train, batch_size, shuffle=True), common.loader(train, batch_size, shuffle=False),
            common.loader(test, batch_size, shuffle=False))


def run(epochs, step, net, loss, weight_norm, train_iter, train_eval, test_eval, label):
    """`step(x, y)` on every minibatch for `epochs` epochs; the logged losses and the final ‖w‖ in the Java side's
    layout."""
    logged, train_ls, test_ls = [], [], []
    for epoch in range(1, epochs + 1):
        for x, y in train_iter:
            step(x, y)
        if epoch % LOG_EVERY == 0 or epoch == epochs:
            logged.append(epoch)
            train_ls.append(common.evaluate_loss(net, train_eval, loss))
            test_ls.append(common.evaluate_loss(net, test_eval, loss))
    norm = float(weight_norm())
    print(f"{label}: ||w|| {norm:.4f}, train loss {train_ls[-1]:.3g}, test loss {test_ls[-1]:.3g}")
    return {"normW": norm, "finalTrainLoss": train_ls[-1], "finalTestLoss": test_ls[-1], "epochs": logged,
            "trainLoss": train_ls, "testLoss": test_ls}

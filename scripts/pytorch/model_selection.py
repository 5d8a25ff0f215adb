"""Twin of `model-selection` (book 4.4's k-fold selection, written as the book's 4.10 k_fold): for each degree
1..19, 5 contiguous folds of the 100 training rows (get_k_fold_data), a fresh bias-free linear model per fold at
PyTorch's default init, trained with SGD (lr 0.01, batch 10, nn.MSELoss) for 400 epochs; the degree with the lowest
mean validation loss is chosen; then every degree is refitted on all 100 training rows and its test loss reported.

The 5 × 19 models train side by side as one batched model, as the Java side does: each gets exactly the steps it
would get alone (its own random minibatch order every epoch, the gradient of the mean loss over its own minibatch,
its own U(−1/√(d+1), 1/√(d+1)) initial weights), while one loop of 3,200 steps replaces 95 loops of 3,200."""
import torch

import common
import poly

K = 5
args = common.parse("model-selection", epochs=400, lr=0.01, batch_size=10)
features, labels = poly.generate()
labels = labels.reshape(-1)
train_x, test_x = features[:poly.N_TRAIN], features[poly.N_TRAIN:]
train_y, test_y = labels[:poly.N_TRAIN], labels[poly.N_TRAIN:]
degrees = list(range(1, poly.MAX_DEGREE))


def fold(i, x, y):
    """Fold i of K contiguous folds: (train rows, validation rows), as the book's get_k_fold_data."""
    size = x.shape[0] // K
    keep = [j for j in range(K) if j != i]
    xt = torch.cat([x[j * size:(j + 1) * size] for j in keep])
    yt = torch.cat([y[j * size:(j + 1) * size] for j in keep])
    return (xt, yt), (x[i * size:(i + 1) * size], y[i * size:(i + 1) * size])


def train(xs, ys, used):
    """Trains one bias-free linear model per row of xs (models × rows × 20 features) on its first used[m]
    features; returns the weights (models × 20, zero past used[m])."""
    models, rows, width = xs.shape
    used = torch.tensor(used)
    mask = (torch.arange(width) < used.unsqueeze(1)).float()
    bound = used.float().rsqrt().unsqueeze(1)
    w = ((torch.rand(models, width) * 2 - 1) * bound * mask).requires_grad_()
    optimizer = torch.optim.SGD([w], lr=args.lr)
    for _ in range(args.epochs):
        order = torch.argsort(torch.rand(models, rows), dim=1)
        for start in range(0, rows, args.batch_size):
            idx = order[:, start:start + args.batch_size]
            xb = torch.gather(xs, 1, idx.unsqueeze(2).expand(-1, -1, width))
            yb = torch.gather(ys, 1, idx)
            per_model = ((xb * (w * mask).unsqueeze(1)).sum(2) - yb).square().mean(1)
            optimizer.zero_grad()
            per_model.sum().backward()  # each model's gradient is that of its own mean loss
            optimizer.step()
    return (w * mask).detach()


def mse(w, xs, ys):
    with torch.no_grad():
        return ((xs * w.unsqueeze(1)).sum(2) - ys).square().mean(1)


folds = [fold(i, train_x, train_y) for i in range(K)]
# model g * len(degrees) + j: fold g, degree degrees[j]
xs = torch.stack([f[0][0] for f in folds for _ in degrees])
ys = torch.stack([f[0][1] for f in folds for _ in degrees])
vx = torch.stack([f[1][0] for f in folds for _ in degrees])
vy = torch.stack([f[1][1] for f in folds for _ in degrees])
w = train(xs, ys, [d + 1 for _ in folds for d in degrees])
train_loss = mse(w, xs, ys).reshape(K, -1).mean(0).tolist()
valid_loss = mse(w, vx, vy).reshape(K, -1).mean(0).tolist()
n = len(degrees)
w = train(train_x.expand(n, -1, -1), train_y.expand(n, -1), [d + 1 for d in degrees])
test_loss = mse(w, test_x.expand(n, -1, -1), test_y.expand(n, -1)).tolist()
best = min(range(n), key=lambda j: valid_loss[j])
print(f"{K}-fold validation loss by degree: {valid_loss}\nchosen degree {degrees[best]}, "
      f"test loss {test_loss[best]:.4g}")
common.write_metrics(args, {"k": K, "degrees": degrees, "trainLoss": train_loss, "validLoss": valid_loss,
                            "testLoss": test_loss, "chosenDegree": degrees[best], "chosenTestLoss": test_loss[best]})

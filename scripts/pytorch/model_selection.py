"""Twin of `model-selection` (book 4.4's k-fold, written as the book's 4.10 k_fold): for each degree 1..19, 5
contiguous folds of the 100 training rows (get_k_fold_data), a fresh model per fold trained for 400 epochs; the
degree with the lowest mean validation loss is chosen; then every degree is refitted on all 100 training rows and
its test loss reported."""
import torch

import common
import poly

K = 5
args = common.parse("model-selection", epochs=400, lr=0.01, batch_size=10)
features, labels = poly.generate()
train_x, test_x = features[:poly.N_TRAIN], features[poly.N_TRAIN:]
train_y, test_y = labels[:poly.N_TRAIN], labels[poly.N_TRAIN:]


def fold(k, i, x, y):
    """Fold i of k contiguous folds: (train rows, validation rows), as the book's get_k_fold_data."""
    size = x.shape[0] // k
    valid = slice(i * size, (i + 1) * size)
    keep = [j for j in range(k) if j != i]
    xt = torch.cat([x[j * size:(j + 1) * size] for j in keep])
    yt = torch.cat([y[j * size:(j + 1) * size] for j in keep])
    return (xt, yt), (x[valid], y[valid])


degrees = list(range(1, poly.MAX_DEGREE))
train_loss, valid_loss, test_loss = [], [], []
for d in degrees:
    t = v = 0.0
    for i in range(K):
        tr, va = fold(K, i, train_x[:, :d + 1], train_y)
        fit = poly.Fit(tr, [tr, va], args.epochs, args.lr, args.batch_size, log=args.epochs)
        t, v = t + fit.final(0) / K, v + fit.final(1) / K
    train_loss.append(t)
    valid_loss.append(v)
for d in degrees:
    fit = poly.Fit((train_x[:, :d + 1], train_y), [(test_x[:, :d + 1], test_y)], args.epochs, args.lr,
                   args.batch_size, log=args.epochs)
    test_loss.append(fit.final(0))
best = min(range(len(degrees)), key=lambda j: valid_loss[j])
print(f"{K}-fold validation loss by degree: {valid_loss}\nchosen degree {degrees[best]}, test loss {test_loss[best]:.4g}")
common.write_metrics(args, {"k": K, "degrees": degrees, "trainLoss": train_loss, "validLoss": valid_loss,
                            "testLoss": test_loss, "chosenDegree": degrees[best], "chosenTestLoss": test_loss[best]})

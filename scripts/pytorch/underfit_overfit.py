"""Twin of `underfit-overfit` (book 4.4): the cubic (4 features), the line (2 features) and all 20 features
(1500 epochs); SGD lr 0.01, batch 10, 400 epochs."""
import common
import poly

args = common.parse("underfit-overfit", epochs=400, lr=0.01, batch_size=10)
features, labels = poly.generate()
train_x, test_x = features[:poly.N_TRAIN], features[poly.N_TRAIN:]
train_y, test_y = labels[:poly.N_TRAIN], labels[poly.N_TRAIN:]
metrics = {"loss": "mean squared error without 1/2 (nn.MSELoss)"}
for name, k, epochs in (("degree 3", 4, args.epochs), ("degree 1", 2, args.epochs),
                        ("degree 19 (all 20 features)", 20, args.epochs * 15 // 4)):
    fit = poly.Fit((train_x[:, :k], train_y), [(train_x[:, :k], train_y), (test_x[:, :k], test_y)], epochs,
                   args.lr, args.batch_size)
    metrics[name] = {"features": k, "weights": fit.weights(), "finalTrainLoss": fit.final(0),
                     "finalTestLoss": fit.final(1), "epochs": fit.epochs, "trainLoss": fit.curve(0),
                     "testLoss": fit.curve(1)}
    print(f"{name}: weight {fit.weights()[:4]}, train loss {fit.final(0):.4g}, test loss {fit.final(1):.4g}")
common.write_metrics(args, metrics)

"""Twin of `weight-decay-scratch` (book 4.5): linear regression x·w + b with w ~ N(0, 1), b = 0 drawn afresh for
each λ, loss ½(ŷ − y)² + λ‖w‖²/2, the summed minibatch loss backpropagated and the book's hand-written sgd
(p −= lr·grad / batch size); λ = 0 and 3; 100 epochs, lr 0.003, batch 5. Logged losses: ½(ŷ − y)²."""
import torch

import common
import highdim

args = common.parse("weight-decay-scratch", epochs=100, lr=0.003, batch_size=5)
train_iter, train_eval, test_eval = highdim.data(args.batch_size)


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


metrics = {"loss": "1/2 (y_hat - y)^2, mean"}
for lam in (0.0, 3.0):
    w = torch.normal(0, 1, size=(highdim.DIM, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)

    def net(x):
        return x @ w + b

    def step(x, y):
        l = squared_loss(net(x), y) + lam * torch.sum(w.pow(2)) / 2
        l.sum().backward()
        with torch.no_grad():
            for p in (w, b):
                p -= args.lr * p.grad / args.batch_size
                p.grad.zero_()

    metrics[f"lambda={lam}"] = highdim.run(args.epochs, step, net, squared_loss, lambda: torch.norm(w).item(),
                                           train_iter, train_eval, test_eval, f"scratch lambda {lam}")
common.write_metrics(args, metrics)

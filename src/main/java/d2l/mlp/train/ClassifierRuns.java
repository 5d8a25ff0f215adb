package d2l.mlp.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import d2l.mlp.data.FashionMnist;
import d2l.mlp.reference.BookNumbers;
import d2l.mlp.runtime.RunConfig;
import d2l.mlp.runtime.TorchRuntime;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Fashion-MNIST classifier of the chapter run start to end: seed, load the data, build the network, train it with
 * {@link ClassifierTraining} and set the final numbers next to the book's. Sections say only what their network is.
 */
public final class ClassifierRuns {

    private ClassifierRuns() {}

    /**
     * A network of DJL blocks trained by DJL's {@link Trainer} with {@link ConciseLearner#classifierConfig}.
     *
     * @param net a fresh, uninitialized network taking 28×28 images
     */
    public static ClassifierResult concise(
            String name, String title, Supplier<Block> net, RunConfig cfg, BookNumbers.ClassifierFinals book)
            throws IOException {
        TorchRuntime.seed(cfg.seed());
        Device device = TorchRuntime.device(cfg.device());
        try (NDManager m = TorchRuntime.newManager(device);
                Model model =
                        Model.newInstance(name, device, TorchRuntime.engine().getEngineName())) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            model.setBlock(net.get());
            try (ConciseLearner learner =
                    ConciseLearner.open(model, ConciseLearner.classifierConfig(cfg.lr(), device))) {
                learner.trainer().initialize(new Shape(1, 28, 28));
                List<EpochStats> history = ClassifierTraining.train(name, learner, data, cfg);
                return ClassifierResult.of(
                        title, history, learner, data.test(), book.loss(), book.trainAcc(), book.testAcc());
            }
        }
    }

    /**
     * A network of our own parameter tensors trained by {@link ScratchLearner}.
     *
     * @param init the parameters, drawn on the given manager
     * @param trainNet logits in training mode (e.g. with dropout)
     * @param evalNet logits in evaluation mode
     */
    public static ClassifierResult scratch(
            String name,
            String title,
            RunConfig cfg,
            Function<NDManager, List<NDArray>> init,
            BiFunction<List<NDArray>, NDArray, NDArray> trainNet,
            BiFunction<List<NDArray>, NDArray, NDArray> evalNet,
            BookNumbers.ClassifierFinals book)
            throws IOException {
        TorchRuntime.seed(cfg.seed());
        try (NDManager m = TorchRuntime.newManager(TorchRuntime.device(cfg.device()))) {
            FashionMnist.Data data = FashionMnist.load(m, cfg.dataDir());
            List<NDArray> params = init.apply(m);
            ScratchLearner learner =
                    new ScratchLearner(params, x -> trainNet.apply(params, x), x -> evalNet.apply(params, x), cfg.lr());
            List<EpochStats> history = ClassifierTraining.train(name, learner, data, cfg);
            return ClassifierResult.of(
                    title, history, learner, data.test(), book.loss(), book.trainAcc(), book.testAcc());
        }
    }
}

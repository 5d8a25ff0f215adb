package d2l.mlp.runtime;

import ai.djl.Device;

/**
 * The device a run asks for: {@code auto} (a GPU when DJL sees one, else the CPU), {@code cpu}, or {@code gpu} /
 * {@code gpuN}. Checked when it is made; resolved to a DJL {@link Device} only when the engine is needed, so a bad
 * name fails before anything loads.
 *
 * @param name lower case, as the user wrote it and as metrics.json records it
 */
public record DeviceChoice(String name) {

    public static final DeviceChoice AUTO = new DeviceChoice("auto");
    public static final DeviceChoice CPU = new DeviceChoice("cpu");

    public DeviceChoice {
        if (name == null || !name.matches("auto|cpu|gpu\\d*")) {
            throw new IllegalArgumentException("--device must be auto, cpu or gpu[N], got '" + name + "'");
        }
    }

    /** {@code s} trimmed and in lower case, checked. */
    public static DeviceChoice parse(String s) {
        return new DeviceChoice(s == null ? null : s.trim().toLowerCase());
    }

    /**
     * The DJL device: starts the engine to count GPUs.
     *
     * @throws IllegalArgumentException for {@code gpu} when DJL sees no such GPU
     */
    public Device resolve() {
        return TorchRuntime.device(this);
    }

    @Override
    public String toString() {
        return name;
    }
}

package d2l.mlp.data;

import java.nio.file.Path;

/** The user cache for data sets: {@code D2L_CACHE_DIR}, else {@code ~/.d2l/data}. */
public final class DataHome {

    private DataHome() {}

    public static Path cacheDir() {
        String env = System.getenv("D2L_CACHE_DIR");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".d2l", "data");
    }
}

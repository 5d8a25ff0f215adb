package d2l.mlp.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file exists but cannot be used as it is; the message names the file and what is wrong with it. */
public class CorruptDataException extends IOException {

    public CorruptDataException(Path file, String problem) {
        super(file + ": " + problem + ". Delete or replace this file (see docs/architecture.md, section Data).");
    }
}

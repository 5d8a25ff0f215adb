package d2l.mlp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void replacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path f = tmp.resolve("README.md");
        AtomicFiles.write(f, "old\n");
        AtomicFiles.write(f, "new\n");
        assertEquals("new\n", Files.readString(f));
        assertEquals(List.of(f), Files.list(tmp).toList());
    }

    /** A result file is readable by others, as a file written the plain way is (not 0600 like a temporary file). */
    @Test
    void theFileGetsTheModeOfAnyNewFile() throws IOException {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = tmp.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path atomic = tmp.resolve("atomic.txt");
        AtomicFiles.write(atomic, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
        assertTrue(Files.getPosixFilePermissions(atomic).contains(PosixFilePermission.OWNER_WRITE));
    }
}

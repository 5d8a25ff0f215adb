package d2l.mlp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path tmp;

    /** An IDX file with {@code magic}, {@code dims} and {@code values}, gzipped. */
    static Path write(Path file, int magic, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes.toByteArray());
        }
        return file;
    }

    @Test
    void readsAGoodFile() throws IOException {
        byte[] values = new byte[3 * 2 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (i * 20);
        }
        IdxFile idx = IdxFile.read(write(tmp.resolve("good.gz"), 0x0803, new int[] {3, 2, 2}, values));
        assertArrayEquals(new int[] {3, 2, 2}, idx.dims());
        assertArrayEquals(values, idx.data());
        assertEquals(3, idx.count());
        assertEquals(64, idx.sha256().length());
    }

    @Test
    void rejectsWrongMagicNamingTheFile() throws IOException {
        Path f = write(tmp.resolve("magic.gz"), 0x0903, new int[] {1, 1, 1}, new byte[1]);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void rejectsTruncatedFile() throws IOException {
        Path f = write(tmp.resolve("short.gz"), 0x0803, new int[] {10, 28, 28}, new byte[10 * 28 * 28 - 1]);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsTruncatedHeaderAndTrailingBytesAndBrokenGzip() throws IOException {
        Path header = write(tmp.resolve("header.gz"), 0x0803, new int[] {10}, new byte[0]);
        assertThrows(CorruptDataException.class, () -> IdxFile.read(header));
        Path trailing = write(tmp.resolve("trailing.gz"), 0x0801, new int[] {2}, new byte[3]);
        assertThrows(CorruptDataException.class, () -> IdxFile.read(trailing));
        byte[] gz = Files.readAllBytes(write(tmp.resolve("ok.gz"), 0x0801, new int[] {4000}, new byte[4000]));
        Path cut = Files.write(tmp.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThrows(CorruptDataException.class, () -> IdxFile.read(cut));
    }
}

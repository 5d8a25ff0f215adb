package d2l.mlp.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file (the format of MNIST and Fashion-MNIST), fully read and validated.
 *
 * <p>Layout: two zero bytes, a type byte ({@code 0x08} = unsigned byte, the only one these data sets use), a byte
 * with the number of dimensions, one big-endian int per dimension, then the values. The reader checks the magic,
 * that the file holds exactly the announced number of values, and reports the SHA-256 of the decompressed bytes.
 *
 * @param dims the dimensions, e.g. {@code [60000, 28, 28]}
 * @param data the values, row-major
 * @param sha256 hex SHA-256 of the decompressed file
 */
public record IdxFile(int[] dims, byte[] data, String sha256) {

    private static final int UBYTE = 0x08;

    /** Reads {@code file}, gunzipping it when its name ends in {@code .gz}. */
    public static IdxFile read(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                InputStream unzipped = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                DataInputStream in = new DataInputStream(new DigestInputStream(unzipped, sha))) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UBYTE || (magic & 0xff) < 1 || (magic & 0xff) > 4) {
                throw new CorruptDataException(
                        file,
                        String.format(
                                "bad IDX magic 0x%08x (expected 0x0000080N: unsigned bytes, N dimensions)", magic));
            }
            int[] dims = new int[magic & 0xff];
            long count = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.readInt();
                if (dims[i] <= 0) {
                    throw new CorruptDataException(file, "dimension " + i + " is " + dims[i]);
                }
                count *= dims[i];
            }
            if (count > Integer.MAX_VALUE - 16) {
                throw new CorruptDataException(file, "announces " + count + " values, too many");
            }
            byte[] data = new byte[(int) count];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new CorruptDataException(
                        file,
                        "truncated: header announces " + Arrays.toString(dims) + " = " + count
                                + " values but the file ends early");
            }
            if (in.read() != -1) {
                throw new CorruptDataException(
                        file, "trailing bytes after the " + count + " values announced by " + Arrays.toString(dims));
            }
            return new IdxFile(dims, data, HexFormat.of().formatHex(sha.digest()));
        } catch (EOFException e) {
            throw new CorruptDataException(file, "truncated IDX header");
        } catch (java.util.zip.ZipException e) {
            throw new CorruptDataException(file, "not a valid gzip stream (" + e.getMessage() + ")");
        }
    }

    /** Number of items (the first dimension). */
    public int count() {
        return dims[0];
    }
}

package d2l.mlp.s410_kaggle_house;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import d2l.mlp.data.CorruptDataException;
import d2l.mlp.data.DataHub;
import d2l.mlp.runtime.TorchRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs the two CSV files in the data hub's reach (scripts/setup.sh copies them into ~/.d2l/data/kaggle-house). */
class HouseDataTest {

    static Path trainFile;
    static Path testFile;
    static HouseData data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        trainFile = DataHub.file("kaggle_house_train", null);
        testFile = DataHub.file("kaggle_house_test", null);
        data = HouseData.read(trainFile, testFile);
    }

    @Test
    void givesTheBooksShape() {
        assertEquals(2919, data.rows());
        assertEquals(331, data.columns().size());
        assertEquals(1460, data.trainRows());
        assertEquals(1459, data.testIds().length);
        assertEquals(1461, data.testIds()[0]);
        assertEquals(208500f, data.labels()[0]);
        // pandas' get_dummies order: 36 numeric columns first, then indicators; "None" is a category, not NA
        assertEquals("MSSubClass", data.columns().get(0));
        assertEquals("MSZoning_C (all)", data.columns().get(36));
        assertTrue(data.columns().contains("MasVnrType_None"));
        assertTrue(data.columns().contains("MasVnrType_nan"));
        assertEquals("SaleCondition_nan", data.columns().get(330));
    }

    private double[] column(String name) {
        int j = data.columns().indexOf(name);
        int d = data.columns().size();
        double[] v = new double[data.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.features()[i * d + j];
        }
        return v;
    }

    /** The raw values of a column of both files, by a plain split (the files hold no quoted commas). */
    private static List<String> raw(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : List.of(trainFile, testFile)) {
            List<String> lines = Files.readAllLines(f);
            int j = List.of(lines.get(0).split(",")).indexOf(name);
            lines.subList(1, lines.size()).forEach(l -> out.add(l.split(",", -1)[j]));
        }
        return out;
    }

    @Test
    void standardizesOverTrainAndTestThenFillsMissingWithZero() throws IOException {
        List<String> raw = raw("LotFrontage"); // 486 NA
        double sum = 0;
        int n = 0;
        for (String s : raw) {
            if (!s.equals("NA")) {
                sum += Double.parseDouble(s);
                n++;
            }
        }
        double mean = sum / n;
        double ss = 0;
        for (String s : raw) {
            if (!s.equals("NA")) {
                ss += Math.pow(Double.parseDouble(s) - mean, 2);
            }
        }
        double std = Math.sqrt(ss / (n - 1)); // pandas' std: ddof = 1
        double[] z = column("LotFrontage");
        for (int i = 0; i < raw.size(); i++) {
            double want = raw.get(i).equals("NA") ? 0 : (Double.parseDouble(raw.get(i)) - mean) / std;
            assertEquals(want, z[i], 1e-5, "row " + i);
        }
    }

    @Test
    void oneHotHasOneIndicatorPerRowIncludingMissing() throws IOException {
        List<String> raw = raw("Alley"); // mostly NA
        double[] grvl = column("Alley_Grvl");
        double[] pave = column("Alley_Pave");
        double[] nan = column("Alley_nan");
        for (int i = 0; i < raw.size(); i++) {
            assertEquals(raw.get(i).equals("Grvl") ? 1 : 0, grvl[i]);
            assertEquals(raw.get(i).equals("Pave") ? 1 : 0, pave[i]);
            assertEquals(raw.get(i).equals("NA") ? 1 : 0, nan[i]);
        }
        double[] ms = column("MSZoning_nan"); // 4 NA in test
        assertEquals(4, java.util.Arrays.stream(ms).sum());
    }

    @Test
    void tensorsHoldTheTrainingAndTestRows() {
        try (NDManager m = TorchRuntime.newManager(Device.cpu())) {
            var train = data.train(m);
            assertEquals(new ai.djl.ndarray.types.Shape(1460, 331), train.x().getShape());
            assertEquals(new ai.djl.ndarray.types.Shape(1460, 1), train.y().getShape());
            assertEquals(new ai.djl.ndarray.types.Shape(1459, 331), data.test(m).getShape());
            assertEquals(data.features()[1460 * 331 + 2], data.test(m).getFloat(0, 2));
        }
    }

    private Path edited(String name, Path from, java.util.function.UnaryOperator<List<String>> edit)
            throws IOException {
        return Files.write(tmp.resolve(name), edit.apply(new ArrayList<>(Files.readAllLines(from))));
    }

    @Test
    void aTrainingFileWithoutSalePriceIsRejected() throws IOException {
        Path noPrice = edited(
                "train.csv",
                trainFile,
                lines -> lines.stream()
                        .map(l -> l.substring(0, l.lastIndexOf(',')))
                        .toList());
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> HouseData.read(noPrice, testFile));
        assertTrue(
                e.getMessage().contains("no 'SalePrice' column")
                        && e.getMessage().contains("train.csv"),
                e.getMessage());
    }

    @Test
    void aNonNumericValueInANumericColumnNamesTheCell() throws IOException {
        // LotArea is the 5th column; put text into the 3rd data row of the test file
        Path bad = edited("test.csv", testFile, lines -> {
            String[] cells = lines.get(3).split(",", -1);
            cells[4] = "large";
            lines.set(3, String.join(",", cells));
            return lines;
        });
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> HouseData.read(trainFile, bad));
        assertTrue(e.getMessage().contains("'LotArea' holds 'large' in data row 3"), e.getMessage());
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        Path badPrice = edited("train.csv", trainFile, lines -> {
            lines.set(2, lines.get(2).substring(0, lines.get(2).lastIndexOf(',')) + ",cheap");
            return lines;
        });
        e = assertThrows(CorruptDataException.class, () -> HouseData.read(badPrice, testFile));
        assertTrue(e.getMessage().contains("'SalePrice' holds 'cheap' in data row 2"), e.getMessage());
    }

    @Test
    void emptyOrHeaderOnlyFilesAreRejected() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.csv"), new byte[0]);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> HouseData.read(empty, testFile));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
        Path header = edited("header.csv", testFile, lines -> lines.subList(0, 1));
        e = assertThrows(CorruptDataException.class, () -> HouseData.read(trainFile, header));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void mismatchedColumnsAreRejected() throws IOException {
        Path fewer = edited(
                "test.csv",
                testFile,
                lines -> lines.stream()
                        .map(l -> l.substring(0, l.lastIndexOf(',')))
                        .toList());
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> HouseData.read(trainFile, fewer));
        assertTrue(e.getMessage().contains("feature columns differ"), e.getMessage());
    }

    /** A CorruptDataException naming {@code file}, on one line. */
    private static String oneLineError(Path train, Path test) {
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> HouseData.read(train, test));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aMalformedHeaderOrRowIsAOneLineErrorNamingTheFile() throws IOException {
        Path duplicate = edited("dup.csv", trainFile, lines -> {
            lines.set(0, lines.get(0).replace(",LotArea,", ",LotFrontage,"));
            return lines;
        });
        String msg = oneLineError(duplicate, testFile);
        assertTrue(msg.startsWith(duplicate.toString()) && msg.contains("duplicate name LotFrontage"), msg);
        Path extraCells = edited("extra.csv", trainFile, lines -> {
            lines.set(5, lines.get(5) + ",1,2");
            return lines;
        });
        msg = oneLineError(extraCells, testFile);
        assertTrue(msg.startsWith(extraCells.toString()) && msg.contains("Row number 5 contains 83 columns"), msg);
        Path unclosedQuote = edited("quote.csv", trainFile, lines -> {
            lines.set(5, lines.get(5).replaceFirst(",RL,", ",\"RL,"));
            return lines;
        });
        msg = oneLineError(unclosedQuote, testFile);
        assertTrue(msg.startsWith(unclosedQuote.toString()) && msg.contains("unclosed quote"), msg);
        assertTrue(msg.length() < 400, msg);
    }

    @Test
    void aNumberTooLargeForADoubleNamesTheCell() throws IOException {
        Path huge = edited("test.csv", testFile, lines -> {
            String[] cells = lines.get(3).split(",", -1);
            cells[4] = "1e999";
            lines.set(3, String.join(",", cells));
            return lines;
        });
        String msg = oneLineError(trainFile, huge);
        assertTrue(msg.contains("'LotArea' holds '1e999' in data row 3, a number too large"), msg);
    }
}

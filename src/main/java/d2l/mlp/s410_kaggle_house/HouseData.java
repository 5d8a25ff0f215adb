package d2l.mlp.s410_kaggle_house;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import d2l.mlp.data.CorruptDataException;
import d2l.mlp.data.DataHub;
import d2l.mlp.data.InMemoryDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The Kaggle house-price data, preprocessed like the book: train and test features (without {@code Id})
 * concatenated; every numeric column standardized with the mean and sample standard deviation over both; then
 * missing values set to 0; every other column one-hot encoded with its categories in sorted order plus one column for
 * "missing". On the book's files this gives 2919 × 331 features.
 *
 * <p>Column types follow pandas' {@code read_csv} (the book's reader), not Tablesaw's own inference: we read every
 * cell as text and call a column numeric when each non-missing cell of it is a number. Missing are pandas 1.x's
 * default NA strings ({@code NA}, empty, {@code NaN}, {@code N/A}, {@code NULL}, …) — but not {@code None}, which
 * pandas 2 added to that list: here it is a real category (MasVnrType "None" = no veneer), and counting it as
 * missing would give 330 columns instead of the book's 331.
 *
 * @param columns feature names: numeric columns, then {@code Column_category} and {@code Column_nan} one-hot columns
 * @param features row-major, {@code rows × columns.size()}; the first {@code labels.length} rows are the training set
 * @param labels SalePrice of the training rows
 * @param testIds Id of the test rows, in file order
 */
public record HouseData(List<String> columns, float[] features, float[] labels, int[] testIds) {

    /** pandas 1.x's default NA strings (without "None", see the class comment). */
    static final String[] NA = {
        "",
        "#N/A",
        "#N/A N/A",
        "#NA",
        "-1.#IND",
        "-1.#QNAN",
        "-NaN",
        "-nan",
        "1.#IND",
        "1.#QNAN",
        "<NA>",
        "N/A",
        "NA",
        "NULL",
        "NaN",
        "n/a",
        "nan",
        "null"
    };

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    public static final String ID = "Id";
    public static final String LABEL = "SalePrice";

    /** Loads the book's two files from the data hub (see {@link DataHub#file}). */
    public static HouseData load(Path dataDir) throws IOException {
        return read(DataHub.file("kaggle_house_train", dataDir), DataHub.file("kaggle_house_test", dataDir));
    }

    /** Reads and preprocesses a training file (with {@code SalePrice}) and a test file (without). */
    public static HouseData read(Path trainFile, Path testFile) throws IOException {
        Table train = csv(trainFile);
        Table test = csv(testFile);
        List<String> trainCols = train.columnNames();
        if (!trainCols.contains(LABEL)) {
            throw new CorruptDataException(
                    trainFile,
                    "no '" + LABEL + "' column; a training file needs the price " + "to learn from (columns found: "
                            + String.join(", ", trainCols) + ")");
        }
        requireId(trainFile, train);
        requireId(testFile, test);
        List<String> names = new ArrayList<>(trainCols);
        names.remove(ID);
        names.remove(LABEL);
        List<String> testNames = new ArrayList<>(test.columnNames());
        testNames.remove(ID);
        if (!testNames.equals(names)) {
            throw new CorruptDataException(
                    testFile,
                    "its feature columns differ from the training file's: test has " + testNames.size() + " "
                            + testNames + ", train has " + names.size() + " " + names);
        }
        float[] labels = new float[train.rowCount()];
        double[] price = numbers(trainFile, train.stringColumn(LABEL), true);
        for (int i = 0; i < labels.length; i++) {
            if (!(price[i] > 0)) {
                throw new CorruptDataException(
                        trainFile,
                        LABEL + " in data row " + (i + 1) + " is " + price[i]
                                + "; prices must be > 0 (the metric takes their log)");
            }
            labels[i] = (float) price[i];
        }
        double[] ids = numbers(testFile, test.stringColumn(ID), true);
        int[] testIds = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            testIds[i] = (int) ids[i];
        }

        Table all = Table.create("features");
        for (String name : names) {
            StringColumn a = train.stringColumn(name);
            StringColumn b = test.stringColumn(name);
            Boolean numA = isNumeric(a);
            Boolean numB = isNumeric(b);
            if (numA != null && numB != null && !numA.equals(numB)) {
                Path bad = numA ? testFile : trainFile;
                StringColumn col = numA ? b : a;
                int row = firstNonNumber(col);
                throw new CorruptDataException(
                        bad,
                        "column '" + name + "' holds '" + col.get(row) + "' in data row "
                                + (row + 1) + ", not a number, while the column is numeric in "
                                + (numA ? trainFile : testFile).getFileName()
                                + " (pandas would silently turn the whole "
                                + "column into categories); fix or blank that cell");
            }
            if (Boolean.TRUE.equals(numA)
                    || Boolean.TRUE.equals(numB)
                    || numA == null && numB == null) { // all missing: pandas reads float64
                DoubleColumn x = DoubleColumn.create(name, numbers(trainFile, a, false))
                        .append(DoubleColumn.create(name, numbers(testFile, b, false)));
                double mean = x.mean();
                double std = x.standardDeviation();
                DoubleColumn z = x.map(v -> (v - mean) / std);
                z.setMissingTo(0.0);
                all.addColumns(z.setName(name));
            } else {
                all.addColumns(a.copy().append(b));
            }
        }
        // pandas' get_dummies: the numeric columns first, then each categorical column's indicators
        List<String> columns = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int rows = all.rowCount();
        for (String name : names) {
            if (all.column(name) instanceof DoubleColumn z) {
                columns.add(name);
                float[] v = new float[rows];
                for (int i = 0; i < rows; i++) {
                    v[i] = (float) z.getDouble(i);
                }
                values.add(v);
            }
        }
        for (String name : names) {
            if (all.column(name) instanceof StringColumn s) {
                Set<String> categories =
                        new TreeSet<>(s.removeMissing().unique().asList());
                for (String c : categories) {
                    columns.add(name + "_" + c);
                    float[] v = new float[rows];
                    for (int i = 0; i < rows; i++) {
                        v[i] = !s.isMissing(i) && s.get(i).equals(c) ? 1f : 0f;
                    }
                    values.add(v);
                }
                columns.add(name + "_nan");
                float[] v = new float[rows];
                for (int i = 0; i < rows; i++) {
                    v[i] = s.isMissing(i) ? 1f : 0f;
                }
                values.add(v);
            }
        }
        int d = columns.size();
        float[] features = new float[rows * d];
        for (int j = 0; j < d; j++) {
            float[] v = values.get(j);
            for (int i = 0; i < rows; i++) {
                features[i * d + j] = v[i];
            }
        }
        return new HouseData(List.copyOf(columns), features, labels, testIds);
    }

    public int rows() {
        return features.length / columns.size();
    }

    public int trainRows() {
        return labels.length;
    }

    /** The training rows with their prices ({@code n × d} and {@code n × 1}), in {@code manager}. */
    public InMemoryDataset train(NDManager manager) {
        int d = columns.size();
        float[] x = java.util.Arrays.copyOf(features, trainRows() * d);
        return new InMemoryDataset(
                manager.create(x, new Shape(trainRows(), d)), manager.create(labels, new Shape(trainRows(), 1)));
    }

    /** The test rows' features ({@code m × d}), in {@code manager}. */
    public ai.djl.ndarray.NDArray test(NDManager manager) {
        int d = columns.size();
        float[] x = java.util.Arrays.copyOfRange(features, trainRows() * d, features.length);
        return manager.create(x, new Shape(testIds.length, d));
    }

    /** Every cell as text, pandas' NA strings as missing; an empty file or one without data rows is an error. */
    private static Table csv(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException(file + ": no such file");
        }
        if (new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            throw new CorruptDataException(file, "empty file (expected a CSV header and data rows)");
        }
        Table t;
        try {
            t = Table.read()
                    .usingOptions(CsvReadOptions.builder(file.toFile())
                            .columnTypes(name -> ColumnType.STRING)
                            .missingValueIndicator(NA)
                            .maxCharsPerColumn(1 << 16));
        } catch (RuntimeException e) {
            throw new CorruptDataException(file, "not a readable CSV file (" + firstLine(e) + ")");
        }
        if (t.rowCount() == 0) {
            throw new CorruptDataException(file, "header but no data rows");
        }
        return t;
    }

    /**
     * The first line of the CSV parser's message, shortened: for an unclosed quote it appends pages of the file.
     */
    private static String firstLine(RuntimeException e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null
                ? t.toString()
                : t.getMessage().strip().lines().findFirst().orElse("");
        if (msg.startsWith("Length of parsed input")) {
            msg = "a cell runs on for more than 65536 characters: an unclosed quote (\")?";
        }
        return msg.length() > 200 ? msg.substring(0, 200) + "…" : msg;
    }

    private static void requireId(Path file, Table t) throws IOException {
        if (!t.columnNames().contains(ID)) {
            throw new CorruptDataException(
                    file, "no '" + ID + "' column (columns found: " + String.join(", ", t.columnNames()) + ")");
        }
    }

    /** TRUE when every non-missing cell is a number, FALSE when one is not, null when all are missing. */
    private static Boolean isNumeric(StringColumn c) {
        boolean any = false;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                if (!NUMBER.matcher(c.get(i).trim()).matches()) {
                    return false;
                }
                any = true;
            }
        }
        return any ? true : null;
    }

    private static int firstNonNumber(StringColumn c) {
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i) && !NUMBER.matcher(c.get(i).trim()).matches()) {
                return i;
            }
        }
        throw new IllegalStateException("no non-number in " + c.name());
    }

    /** The cells as numbers, missing as NaN; {@code required}: a missing or non-numeric cell is an error. */
    private static double[] numbers(Path file, StringColumn c, boolean required) throws IOException {
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            if (c.isMissing(i)) {
                if (required) {
                    throw new CorruptDataException(file, "column '" + c.name() + "' is empty in data row " + (i + 1));
                }
                v[i] = Double.NaN;
            } else if (NUMBER.matcher(c.get(i).trim()).matches()) {
                v[i] = Double.parseDouble(c.get(i).trim());
                if (Double.isInfinite(v[i])) {
                    throw new CorruptDataException(
                            file,
                            "column '" + c.name() + "' holds '" + c.get(i) + "' in data row " + (i + 1)
                                    + ", a number too large for a double");
                }
            } else {
                throw new CorruptDataException(
                        file,
                        "column '" + c.name() + "' holds '" + c.get(i) + "' in data row " + (i + 1) + ", not a number");
            }
        }
        return v;
    }
}

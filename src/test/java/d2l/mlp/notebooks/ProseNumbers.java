package d2l.mlp.notebooks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a notebook's prose states, and whether its outputs show them. A number in a markdown cell must round
 * to a number of one of the notebook's outputs at the digits the prose gives ("0.53" stands for [0.525, 0.535]), or
 * equal a number of a code cell's source (a hyper-parameter, a constant of the method), or be marked in an HTML
 * comment of the same cell, which a rendered notebook does not show:
 *
 * <ul>
 *   <li>{@code <!-- 0.0178, 0.0121: the book's run -->}: from elsewhere, with the reason after the colon;
 *   <li>{@code <!-- 14 = 0.3803 / 0.02686 -->}: derived; the arithmetic ({@code + - * / ^ sqrt()}) must give the
 *       number at its digits, and each operand must itself be shown, or be an integer up to 10 or a power of ten.
 * </ul>
 *
 * <p>Not checked: code spans ({@code `...`}); section numbers (two dots, as 4.4.3, or after "section", or heading a
 * notebook); integers from 0 to 10 written alone (counts: 5 folds, 3 seeds), unless a ratio ("2×", "5 times") or a
 * percentage; years (1900–2099); digits inside a name (W1, float32, ℓ₂). A power of ten without a factor (10²², 1e-7)
 * stands for its order of magnitude: an output from 10²² up to 10²³ shows it. docs/notebooks.md explains the rules.
 */
final class ProseNumbers {

    private ProseNumbers() {}

    /** A number as written: its value and the half-width of the interval the writing stands for. */
    record Written(String text, double value, double halfWidth, boolean percent, boolean orderOfMagnitude) {

        boolean shownBy(double v) {
            if (orderOfMagnitude) {
                double a = Math.abs(v);
                return a >= value * (1 - 1e-9) && a < value * 10 && Math.signum(v) == Math.signum(value);
            }
            double slack = 1e-9 * Math.max(1, Math.abs(value));
            if (Math.abs(v - value) <= halfWidth + slack) {
                return true;
            }
            return percent && Math.abs(v - value / 100) <= halfWidth / 100 + slack / 100;
        }

        /** Same value at the same digits: how a mark names a number of the prose. */
        boolean sameAs(Written o) {
            return Math.abs(value - o.value) <= 1e-12 * Math.max(1, Math.abs(value)) && halfWidth == o.halfWidth;
        }
    }

    /** One number of a markdown cell that no output, code cell or mark accounts for. */
    record Unshown(int cell, String number, String context) {
        @Override
        public String toString() {
            return "markdown cell " + cell + ": " + number + " in \"" + context + "\"";
        }
    }

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private static final String POWER = "10(?:\\^[−-]?\\d+|⁻?[" + SUPERSCRIPTS + "]+)";

    // a sign; then a power of ten alone (10⁹, 10^-3) or an integer part (with thousands groups "29 410" or
    // "34,900"), decimals and an exponent (1e-3) or a factor (5·10⁻⁵); then a percent sign or a ratio sign
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}_.\\-−^])(?<sign>[−-])?"
            + "(?:(?<pow>" + POWER + ")"
            + "|(?<int>\\d{1,3}(?:[, ]\\d{3})+(?![\\d.])|\\d+)(?<dec>\\.\\d+)?"
            + "(?:(?<e>[eE][−+-]?\\d+)|\\s?[·×*]\\s?(?<factor>" + POWER + "))?)"
            + "(?<after>%|\\s?×(?!\\s?\\d)|\\s(?:times|x)\\b)?"
            + "(?![\\p{L}_\\d])");

    static List<Written> numbers(String text) {
        List<Written> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            found.add(parse(m));
        }
        return found;
    }

    private static Written parse(Matcher m) {
        double sign = m.group("sign") != null ? -1 : 1;
        String after = m.group("after") == null ? "" : m.group("after").strip();
        boolean percent = after.equals("%");
        if (m.group("pow") != null) { // 10⁹ alone: an order of magnitude
            return new Written(m.group(), sign * Math.pow(10, exponent(m.group("pow"))), 0, percent, true);
        }
        String dec = m.group("dec") == null ? "" : m.group("dec");
        int decimals = Math.max(0, dec.length() - 1);
        double mantissa = Double.parseDouble(m.group("int").replaceAll("[, ]", "") + dec);
        int exponent = 0;
        if (m.group("e") != null) {
            exponent =
                    Integer.parseInt(m.group("e").substring(1).replace('−', '-').replace("+", ""));
            if (mantissa == 1 && decimals == 0) { // 1e-7 alone: an order of magnitude
                return new Written(m.group(), sign * Math.pow(10, exponent), 0, percent, true);
            }
        } else if (m.group("factor") != null) {
            exponent = exponent(m.group("factor"));
        }
        double halfWidth = 0.5 * Math.pow(10, exponent - decimals);
        return new Written(m.group(), sign * mantissa * Math.pow(10, exponent), halfWidth, percent, false);
    }

    /** The exponent of 10^-3 or 10⁻³. */
    private static int exponent(String power) {
        StringBuilder digits = new StringBuilder();
        for (char c : power.substring(2).toCharArray()) {
            int s = SUPERSCRIPTS.indexOf(c);
            if (s >= 0) {
                digits.append((char) ('0' + s));
            } else if (c == '⁻' || c == '−' || c == '-') {
                digits.append('-');
            } else if (Character.isDigit(c)) {
                digits.append(c);
            }
        }
        return Integer.parseInt(digits.toString());
    }

    /** A small count, a year or a ratio: whether the number is left out of the check. */
    private static boolean exempt(Matcher m, Written w) {
        String after = m.group("after") == null ? "" : m.group("after").strip();
        boolean integer =
                m.group("int") != null && m.group("dec") == null && m.group("e") == null && m.group("factor") == null;
        if (!integer || !after.isEmpty() || m.group("sign") != null) {
            return false;
        }
        return (w.value() >= 0 && w.value() <= 10) || (w.value() >= 1900 && w.value() <= 2099);
    }

    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern COMMENT = Pattern.compile("<!--(.*?)-->", Pattern.DOTALL);
    // 4.4.3; "section 4.8", "sections 4.1 and 4.2", "§4.6"; a notebook's title "# 4.1 ..."
    private static final Pattern SECTION = Pattern.compile(
            "\\b\\d+\\.\\d+\\.\\d+(?:\\.\\d+)*\\b|(?i:sections?|§)\\s?\\d+\\.\\d+(?:(?:,| and| or)\\s\\d+\\.\\d+)*"
                    + "|^#\\s+\\d+\\.\\d+\\+?",
            Pattern.MULTILINE);

    /** The notebook's markdown cells' numbers that nothing shows. */
    static List<Unshown> unshown(String notebookJson) {
        JsonObject nb = JsonParser.parseString(notebookJson).getAsJsonObject();
        List<Double> shown = new ArrayList<>();
        List<String> markdown = new ArrayList<>();
        List<Integer> cellNumbers = new ArrayList<>();
        int n = 0;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            n++;
            JsonObject cell = c.getAsJsonObject();
            String source = NotebooksTest.text(cell.get("source"));
            if (cell.get("cell_type").getAsString().equals("markdown")) {
                markdown.add(source);
                cellNumbers.add(n);
                continue;
            }
            if (!cell.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            shown.addAll(codeNumbers(source));
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                if (out.has("text")) {
                    shown.addAll(outputNumbers(NotebooksTest.text(out.get("text"))));
                }
                if (out.has("data") && out.getAsJsonObject("data").has("text/plain")) {
                    shown.addAll(outputNumbers(
                            NotebooksTest.text(out.getAsJsonObject("data").get("text/plain"))));
                }
            }
        }
        List<Unshown> missing = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            missing.addAll(check(cellNumbers.get(i), markdown.get(i), shown));
        }
        return missing;
    }

    /** One markdown cell against the numbers the notebook shows. */
    static List<Unshown> check(int cell, String markdown, List<Double> shown) {
        List<Unshown> missing = new ArrayList<>();
        List<Written> marked = new ArrayList<>();
        Matcher comments = COMMENT.matcher(markdown);
        while (comments.find()) {
            for (String clause : comments.group(1).split("[;\\n]")) {
                if (!clause.isBlank()) {
                    marked.addAll(mark(cell, clause.strip(), shown, missing));
                }
            }
        }
        String prose = COMMENT.matcher(markdown).replaceAll(" ");
        prose = CODE_SPAN.matcher(prose).replaceAll(" ");
        prose = SECTION.matcher(prose).replaceAll(" ");
        List<Written> inProse = new ArrayList<>();
        Matcher m = NUMBER.matcher(prose);
        while (m.find()) {
            Written w = parse(m);
            inProse.add(w);
            if (exempt(m, w)
                    || marked.stream().anyMatch(w::sameAs)
                    || shown.stream().anyMatch(w::shownBy)) {
                continue;
            }
            missing.add(new Unshown(cell, w.text().strip(), context(prose, m.start(), m.end())));
        }
        for (Written mk : marked) {
            if (inProse.stream().noneMatch(mk::sameAs)) {
                missing.add(new Unshown(cell, mk.text().strip(), "a mark for a number the prose does not state"));
            }
        }
        return missing;
    }

    /** The numbers a mark names; a derived one's arithmetic is checked here. */
    private static List<Written> mark(int cell, String clause, List<Double> shown, List<Unshown> missing) {
        int eq = clause.indexOf('=');
        int colon = clause.indexOf(':');
        if (eq > 0 && (colon < 0 || eq < colon)) {
            List<Written> named = numbers(clause.substring(0, eq));
            if (named.size() != 1) {
                missing.add(new Unshown(cell, clause, "a derived mark names one number before '='"));
                return named;
            }
            Written target = named.get(0);
            Arithmetic a = new Arithmetic(clause.substring(eq + 1));
            double value;
            try {
                value = a.evaluate();
            } catch (IllegalArgumentException e) {
                missing.add(new Unshown(cell, clause, "unreadable arithmetic: " + e.getMessage()));
                return named;
            }
            if (!target.shownBy(value)) {
                missing.add(new Unshown(cell, target.text(), "the arithmetic gives " + value + ": " + clause));
            }
            for (Written operand : a.operands) {
                // a count up to 10, or a power of ten (100 turns a share into per cent)
                boolean constant = operand.halfWidth() == 0.5
                        && (operand.value() == Math.rint(operand.value()) && operand.value() <= 10
                                || Math.log10(operand.value()) == Math.rint(Math.log10(operand.value())));
                if (!constant && shown.stream().noneMatch(operand::shownBy)) {
                    missing.add(new Unshown(cell, operand.text(), "an operand no output shows: " + clause));
                }
            }
            return named;
        }
        if (colon > 0 && !clause.substring(colon + 1).isBlank()) {
            return numbers(clause.substring(0, colon));
        }
        missing.add(new Unshown(cell, clause, "a mark is 'N = arithmetic' or 'N, M: why'"));
        return List.of();
    }

    /** + - * / × ^ sqrt(), parentheses, numbers as the prose writes them. */
    private static final class Arithmetic {
        private final String s;
        private int at;
        final List<Written> operands = new ArrayList<>();

        Arithmetic(String s) {
            this.s = s.replace('−', '-').replace('×', '*').replace('·', '*').replace("√", "sqrt");
        }

        double evaluate() {
            double v = sum();
            skip();
            if (at != s.length()) {
                throw new IllegalArgumentException("'" + s.substring(at) + "'");
            }
            return v;
        }

        private void skip() {
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
        }

        private boolean eat(char c) {
            skip();
            if (at < s.length() && s.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private double sum() {
            double v = product();
            while (true) {
                if (eat('+')) {
                    v += product();
                } else if (eat('-')) {
                    v -= product();
                } else {
                    return v;
                }
            }
        }

        private double product() {
            double v = power();
            while (true) {
                if (eat('*')) {
                    v *= power();
                } else if (eat('/')) {
                    v /= power();
                } else {
                    return v;
                }
            }
        }

        private double power() {
            double v = unary();
            return eat('^') ? Math.pow(v, unary()) : v;
        }

        private double unary() {
            if (eat('-')) {
                return -unary();
            }
            if (eat('(')) {
                double v = sum();
                if (!eat(')')) {
                    throw new IllegalArgumentException("a missing ')'");
                }
                return v;
            }
            skip();
            if (s.startsWith("sqrt", at)) {
                at += 4;
                return Math.sqrt(unary());
            }
            Matcher m = Pattern.compile("\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?").matcher(s);
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("no number at '" + s.substring(at) + "'");
            }
            at = m.end();
            Written w = numbers(m.group()).get(0);
            operands.add(w);
            return w.value();
        }
    }

    private static final Pattern CODE_NUMBER =
            Pattern.compile("(?<![\\p{L}\\p{N}_.])\\d[\\d_]*(\\.\\d+)?([eE][-+]?\\d+)?(?=[fFdDlL]?(?![\\p{L}\\d_]))");

    /** Literals of a code cell: 0.5f, 10_000, 1e-4. */
    static List<Double> codeNumbers(String code) {
        List<Double> found = new ArrayList<>();
        Matcher m = CODE_NUMBER.matcher(code);
        while (m.find()) {
            double v = Double.parseDouble(m.group().replace("_", ""));
            found.add(v); // the sign is an operator in code: -8f is 8 negated
            found.add(-v);
        }
        return found;
    }

    private static final Pattern OUTPUT_NUMBER =
            Pattern.compile("(?<![\\p{L}\\p{N}_.])-?(\\d{1,3}(?:,\\d{3})+(?![\\d.])|\\d+)(\\.\\d+)?([eE][-+]?\\d+)?");

    /** Numbers an output prints: 0.8473, -3.425, 1.23e+00, 2.728077E22, 1,280 (also read as 1 and 280). */
    static List<Double> outputNumbers(String output) {
        List<Double> found = new ArrayList<>();
        Matcher m = OUTPUT_NUMBER.matcher(output);
        while (m.find()) {
            String t = m.group();
            found.add(Double.parseDouble(t.replace(",", "")));
            if (t.contains(",")) {
                for (String part : t.split(",")) {
                    found.add(Double.parseDouble(part));
                }
            }
        }
        return found;
    }

    private static String context(String text, int from, int to) {
        String c = text.substring(Math.max(0, from - 50), Math.min(text.length(), to + 30));
        return c.replaceAll("\\s+", " ").strip();
    }
}

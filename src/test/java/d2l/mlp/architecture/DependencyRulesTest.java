package d2l.mlp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of {@code src/main}, read from the sources' imports: no cycle between packages, sections never
 * import the CLI or each other.
 */
class DependencyRulesTest {

    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?(d2l\\.mlp(?:\\.[a-z0-9_]+)*)\\.[A-Z]", Pattern.MULTILINE);

    /** Package → the project packages it imports from. */
    static Map<String, Set<String>> graph(Path sources) throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = sources.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        deps.add(m.group(1));
                    }
                }
            }
        }
        return g;
    }

    /** One cycle of {@code g} as a path {@code a → … → a}, or an empty list when there is none. */
    static List<String> findCycle(Map<String, Set<String>> g) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the stack, 2 done
        List<String> stack = new ArrayList<>();
        for (String start : g.keySet()) {
            List<String> cycle = visit(g, start, state, stack);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(
            Map<String, Set<String>> g, String node, Map<String, Integer> state, List<String> stack) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        stack.add(node);
        for (String next : g.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(g, next, state, stack);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    private static boolean isSection(String pkg) {
        return pkg.matches("d2l\\.mlp\\.s4\\d\\d_.*");
    }

    @Test
    void noPackageCycle() throws IOException {
        assertEquals(List.of(), findCycle(graph(Path.of("src/main/java"))), "an import cycle between packages");
    }

    @Test
    void sectionsImportNeitherTheCliNorEachOther() throws IOException {
        List<String> wrong = new ArrayList<>();
        graph(Path.of("src/main/java")).forEach((pkg, deps) -> {
            if (isSection(pkg)) {
                deps.stream()
                        .filter(d -> d.equals("d2l.mlp.cli") || isSection(d))
                        .forEach(d -> wrong.add(pkg + " -> " + d));
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void sectionPackagesSortInTheBooksOrder() throws IOException {
        List<String> sections = graph(Path.of("src/main/java")).keySet().stream()
                .filter(DependencyRulesTest::isSection)
                .toList(); // a TreeMap: sorted by name
        List<Integer> numbers =
                sections.stream().map(s -> Integer.parseInt(s.substring(9, 12))).toList();
        assertEquals(numbers.stream().sorted().toList(), numbers, sections.toString());
        assertTrue(sections.size() >= 9, sections.toString());
    }

    /** The rule can fail: a graph with a cycle is reported with its path. */
    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        List<String> cycle = findCycle(new TreeMap<>(g));
        assertEquals(4, cycle.size(), cycle.toString());
        assertEquals(cycle.get(0), cycle.get(3));
        assertEquals(List.of(), findCycle(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of()))));
    }
}

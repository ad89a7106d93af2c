package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's Java snippets true: every {@code <!-- snippet: NAME -->} block in README.md
 * must appear, line for line (indentation aside), between {@code // snippet: NAME} and {@code //
 * end snippet} in a test in this package, where it is compiled and run.
 */
class ReadmeSnippetsTest {
  private static final Pattern README_BLOCK =
      Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SOURCE_REGION =
      Pattern.compile("// snippet: ([\\w-]+)\\n(.*?)// end snippet", Pattern.DOTALL);

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static String normalize(String code) {
    return code.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }

  static Map<String, String> regions() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path dir = root().resolve("examples/src/test/java/dev/rootguard/examples/readme");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = SOURCE_REGION.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          out.put(m.group(1), normalize(m.group(2)));
        }
      }
    }
    return out;
  }

  @Test
  void everyReadmeSnippet_isCompiledByATest() throws IOException {
    String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
    Map<String, String> regions = regions();
    Matcher m = README_BLOCK.matcher(readme);
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      names.add(name);
      assertThat(regions).as("a test region '// snippet: %s'", name).containsKey(name);
      assertThat(normalize(m.group(2)))
          .as("README snippet '%s'", name)
          .isEqualTo(regions.get(name));
    }
    assertThat(names).as("README snippets").isNotEmpty();
  }
}

package dev.rootguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds, in the compiled main classes of a module, every type that declares {@code equals(Object)}:
 * records (whose {@code equals} the compiler generates) and classes overriding it. Each module's
 * {@code ValueTypesEqualsTest} compares this with the types it checks, so a new value type cannot
 * be added without an equality test (or a stated reason for identity).
 *
 * <pre>{@code
 * assertThat(DeclaredEquals.in(Evidence.class)).isEqualTo(covered);  // names, sorted
 * }</pre>
 *
 * <p>Reads the directory or jar the anchor class was loaded from; classes are loaded without
 * running their static initializers. Stateless and thread-safe.
 */
public final class DeclaredEquals {
  private DeclaredEquals() {}

  /**
   * Returns the binary names of the types declaring {@code equals(Object)} that sit beside {@code
   * anchor} (same classes directory or jar), sorted. {@code module-info} and {@code package-info}
   * are skipped.
   *
   * @param anchor any main class of the module
   * @return the binary names, e.g. {@code dev.rootguard.policy.Fact$Known}
   */
  public static Set<String> in(Class<?> anchor) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("expected a classes directory, got " + root);
    }
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (!rel.endsWith(".class")
            || rel.endsWith("module-info.class")
            || rel.endsWith("package-info.class")) {
          continue;
        }
        String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        Class<?> c = Class.forName(name, false, anchor.getClassLoader());
        if (!c.isInterface() && declaresEquals(c)) {
          out.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static boolean declaresEquals(Class<?> c) {
    try {
      c.getDeclaredMethod("equals", Object.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * Asserts that the types declaring {@code equals} beside {@code anchor} are exactly {@code
   * checked}, naming the ones missing on either side.
   *
   * @param anchor any main class of the module
   * @param checked the binary names a test verifies
   */
  public static void assertExactly(Class<?> anchor, Collection<String> checked) {
    Set<String> declared = in(anchor);
    Set<String> unchecked = new TreeSet<>(declared);
    unchecked.removeAll(checked);
    Set<String> stale = new TreeSet<>(checked);
    stale.removeAll(declared);
    assertThat(unchecked).as("types declaring equals that the test does not check").isEmpty();
    assertThat(stale).as("types checked that do not declare equals (any more)").isEmpty();
  }

  /**
   * Asserts that each type keeps {@link Object}'s identity {@code equals} and {@code hashCode}: for
   * types holding secrets, where a value comparison would be a non-constant-time compare of key
   * material, and a generated {@code toString} would print it.
   *
   * @param types the secret-holding types
   */
  public static void assertIdentity(Class<?>... types) {
    for (Class<?> c : types) {
      try {
        assertThat(c.getMethod("equals", Object.class).getDeclaringClass())
            .as(c.getName() + " must not override equals")
            .isEqualTo(Object.class);
        assertThat(c.getMethod("hashCode").getDeclaringClass())
            .as(c.getName() + " must not override hashCode")
            .isEqualTo(Object.class);
      } catch (NoSuchMethodException e) {
        throw new AssertionError(e);
      }
      assertThat(c.isRecord()).as(c.getName() + " must not be a record").isFalse();
    }
  }
}

package dev.rootguard.testing;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.api.SingleTypeEqualsVerifierApi;
import org.junit.jupiter.api.DynamicTest;

/**
 * The EqualsVerifier checks of one module's value types, each type listed once with its
 * configuration, run as one dynamic test per type. Used by each module's {@code
 * ValueTypesEqualsTest} together with {@link DeclaredEquals#assertExactly}.
 *
 * <pre>{@code
 * static final EqualsChecks CHECKS = new EqualsChecks()
 *     .plain(OtpState.class)
 *     .check(Principal.class, v -> v.suppress(Warning.NULL_FIELDS));  // say why, in a comment
 * @TestFactory Stream<DynamicTest> equalsVerifier() { return CHECKS.tests(); }
 * }</pre>
 *
 * <p>Not thread-safe while being filled; fill it in a static initializer.
 */
public final class EqualsChecks {
  private final Map<String, Runnable> checks = new TreeMap<>();

  /**
   * Adds a type verified with EqualsVerifier's defaults.
   *
   * @param types the types
   * @return this
   */
  public EqualsChecks plain(Class<?>... types) {
    for (Class<?> t : types) {
      check(t, v -> v);
    }
    return this;
  }

  /**
   * Adds a type with a configuration (suppressed warnings, prefab values), to be justified in a
   * comment where it is called.
   *
   * @param type the type
   * @param configuration applied to {@code EqualsVerifier.forClass(type)}
   * @return this
   * @throws IllegalStateException if the type is listed twice
   */
  public EqualsChecks check(
      Class<?> type, UnaryOperator<SingleTypeEqualsVerifierApi<?>> configuration) {
    Runnable r = () -> configuration.apply(EqualsVerifier.forClass(type)).verify();
    if (checks.put(type.getName(), r) != null) {
      throw new IllegalStateException("listed twice: " + type.getName());
    }
    return this;
  }

  /**
   * Returns the binary names of the checked types.
   *
   * @return the names, sorted
   */
  public Set<String> names() {
    return checks.keySet();
  }

  /**
   * Returns one dynamic test per type, named after it.
   *
   * @return the tests
   */
  public Stream<DynamicTest> tests() {
    return checks.entrySet().stream().map(e -> dynamicTest(e.getKey(), e.getValue()::run));
  }

  /**
   * Loads a type by binary name without initializing it, for private nested records a test cannot
   * name in source.
   *
   * @param binaryName e.g. {@code dev.rootguard.mfa.InMemoryAttemptLimiter$State}
   * @return the class
   */
  public static Class<?> named(String binaryName) {
    try {
      return Class.forName(binaryName, false, EqualsChecks.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}

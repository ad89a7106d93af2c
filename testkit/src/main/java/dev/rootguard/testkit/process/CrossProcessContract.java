package dev.rootguard.testkit.process;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the cross-process contracts ({@link OtpCrossProcessContract}, {@link
 * FidoCrossProcessContract}): what a store module says about its backend, and the {@value #JVMS}
 * child JVMs ({@link CrossProcessMain}, {@value #THREADS} racing threads each) started once per
 * test class over it. Before the children start, the test JVM opens the same stores through the
 * factory ({@link #stores()}) and enrolls the contract's fixtures through the store SPIs.
 *
 * <pre>{@code
 * class RedisCrossProcessTest extends OtpCrossProcessContract {
 *   @Override protected Class<? extends SharedStoresFactory> factory() {
 *     return RedisSharedStoresFactory.class;
 *   }
 *   @Override protected List<String> factoryArguments() {
 *     return List.of(RedisServer.shared().uri());
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #factoryArguments()} and {@link #factoryEnvironment()} are called in this class's
 * {@code @BeforeAll}, which runs before a subclass's own {@code @BeforeAll}: start the server in a
 * static field, a static initializer or a {@code @RegisterExtension static} extension. The stores
 * must use the default {@code LockoutPolicy}.
 *
 * <p>JUnit makes one instance per class ({@link TestInstance.Lifecycle#PER_CLASS}); not
 * thread-safe.
 *
 * @since 0.2.0
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CrossProcessContract {
  /** How many child JVMs race. */
  public static final int JVMS = 2;

  /** How many threads race in each child. */
  public static final int THREADS = 16;

  /** The default and fewest rounds of each race. */
  public static final int MIN_ROUNDS = 200;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private SharedStores stores;
  private CrossProcessChildren children;

  /** Creates the contract; for subclasses in this package. */
  CrossProcessContract() {}

  /**
   * Returns the factory each JVM opens its stores with: a public class with a public no-argument
   * constructor on the test class path.
   *
   * @return the factory class
   */
  protected abstract Class<? extends SharedStoresFactory> factory();

  /**
   * Returns the factory's arguments (a URL, a user, a table name...). They go on the children's
   * command lines, so they must not hold secrets.
   *
   * @return the arguments
   */
  protected abstract List<String> factoryArguments();

  /**
   * Returns variables added to each child's environment (passwords, keys). Default: none.
   *
   * @return name to value
   */
  protected Map<String, String> factoryEnvironment() {
    return Map.of();
  }

  /**
   * Returns how many rounds each race runs. Default and minimum: {@value #MIN_ROUNDS}.
   *
   * @return the rounds
   */
  protected int rounds() {
    return MIN_ROUNDS;
  }

  /** Returns {@link #rounds()} after checking it against {@link #MIN_ROUNDS}. */
  final int checkedRounds() {
    int r = rounds();
    if (r < MIN_ROUNDS) {
      throw new IllegalStateException(
          "rounds(): must be at least "
              + MIN_ROUNDS
              + " (CrossProcessContract.MIN_ROUNDS), was "
              + r);
    }
    return r;
  }

  /** Enrolls the contract's fixtures in the shared stores, before the children start. */
  abstract void enrollFixtures(SharedStores stores, String tag);

  /**
   * Returns this class's tag: every principal and credential of the run carries it.
   *
   * @return eight random characters
   */
  protected final String tag() {
    return tag;
  }

  /**
   * Returns the stores the test JVM opened through the factory (with the system clock).
   *
   * @return the stores, open from {@code @BeforeAll} to {@code @AfterAll}
   */
  protected final SharedStores stores() {
    return stores;
  }

  /**
   * Returns the children.
   *
   * @return the running children
   */
  protected final CrossProcessChildren children() {
    return children;
  }

  /**
   * Opens the stores in this JVM, enrolls the fixtures and starts the children.
   *
   * @throws Exception if a step fails
   */
  @BeforeAll
  public final void startCrossProcessChildren() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(factoryEnvironment());
    stores =
        CrossProcessMain.newFactory(factory().getName())
            .open(List.copyOf(factoryArguments()), Map.copyOf(env), Clock.systemUTC(), 1);
    enrollFixtures(stores, tag);
    children =
        CrossProcessChildren.start(
            factory(), factoryArguments(), factoryEnvironment(), tag, JVMS, THREADS);
  }

  /**
   * Stops the children and closes this JVM's stores.
   *
   * @throws Exception if closing fails
   */
  @AfterAll
  public final void stopCrossProcessChildren() throws Exception {
    try {
      if (children != null) {
        children.close();
      }
    } finally {
      if (stores != null) {
        stores.close();
      }
    }
  }
}

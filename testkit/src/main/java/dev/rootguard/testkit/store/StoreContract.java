package dev.rootguard.testkit.store;

/**
 * The base of every contract in this package: how hard the concurrency checks push. A contract's
 * race runs {@value #THREADS} threads through {@link #rounds()} rounds; in each round they start
 * together (a barrier) and submit the same compare-and-set, and exactly one must win.
 *
 * <pre>{@code
 * class PostgresOtpStateStoreTest extends OtpStateStoreContract {
 *   @Override protected OtpStateStore newStore() { return stores.totpStates(); }
 *   @Override protected int rounds() { return 200; }   // one network round trip per attempt
 * }
 * }</pre>
 *
 * <p>Subclasses are JUnit 5 test classes. Each contract's factory may return a new store or one
 * over shared data; the tests pick random ids, so a store over a shared database works.
 *
 * <p>Not thread-safe; JUnit makes a new instance for each test method and confines it to that test.
 *
 * @since 0.2.0
 */
public abstract class StoreContract {
  /** How many threads race in the concurrency checks. */
  public static final int THREADS = 16;

  /** The default number of rounds in each race. */
  public static final int DEFAULT_ROUNDS = 1_000;

  /**
   * The fewest rounds a race may run: below this a store that is atomic only most of the time
   * passes too easily, so {@link #rounds()} smaller than this fails the race tests.
   */
  public static final int MIN_ROUNDS = 100;

  /** Creates the contract; for subclasses. */
  protected StoreContract() {}

  /**
   * Returns how many rounds each race runs. Default: {@value #DEFAULT_ROUNDS}. Minimum: {@value
   * #MIN_ROUNDS}. A store with a network or disk round trip per call may lower it to keep the suite
   * quick; each round costs about {@value #THREADS} calls.
   *
   * @return the rounds, {@value #MIN_ROUNDS} or more
   */
  protected int rounds() {
    return DEFAULT_ROUNDS;
  }

  /** Returns {@link #rounds()} after checking it against {@link #MIN_ROUNDS}. */
  final int checkedRounds() {
    int r = rounds();
    if (r < MIN_ROUNDS) {
      throw new IllegalStateException(
          "rounds(): must be at least " + MIN_ROUNDS + " (StoreContract.MIN_ROUNDS), was " + r);
    }
    return r;
  }
}

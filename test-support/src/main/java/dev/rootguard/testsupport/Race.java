package dev.rootguard.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the same work on several threads released at the same moment, to test code that must stay
 * correct under contention (a replay guard accepting a code once, a limiter never granting more
 * than its budget, a compare-and-set store having one winner).
 *
 * <p>Every thread waits at a barrier until all of them have started, then all run at once. What a
 * thread throws (an assertion, an exception of the code under test) is rethrown on the calling
 * thread as it was (an {@link Error} or {@link RuntimeException} unchanged, a checked exception
 * wrapped in an {@link AssertionError}), so a test fails with the real cause rather than with a
 * broken barrier. A race that does not finish within its timeout ({@link #DEFAULT_TIMEOUT} unless
 * given) fails with an {@link AssertionError} naming the timeout (a deadlock, most likely); its
 * threads are interrupted.
 *
 * <pre>{@code
 * List<Boolean> accepted = Race.collect(16, thread -> guard.tryAccept(id, 42));
 * assertThat(accepted).containsOnlyOnce(true);
 *
 * int[] winners = Race.rounds(8, 100, round -> store.reset(), (round, thread) -> store.take(id));
 * assertThat(Race.roundsWithoutOneWinner(winners)).isEmpty();
 * }</pre>
 *
 * <p>A test that runs many short races opens one {@code Race} and reuses its threads:
 *
 * <pre>{@code
 * try (Race race = Race.open(16)) {
 *   for (int round = 0; round < 1_000; round++) {
 *     List<MfaResult> results = race.collect(thread -> verifier.verify(credential, code));
 *   }
 * }
 * }</pre>
 *
 * <p>Thread safety: the static methods may be called from any thread, also concurrently; each call
 * uses its own threads, which it stops before it returns. An open {@code Race} runs one race at a
 * time ({@link #collect(Task)} is synchronized).
 *
 * @since 0.1.0
 */
public final class Race implements AutoCloseable {
  /** How long a race may take unless told otherwise before it counts as a deadlock: 120 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /**
   * One thread's work in {@link #collect}: returns a result.
   *
   * @param <T> the result type
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface Task<T> {
    /**
     * Runs on one racing thread.
     *
     * @param thread this thread's index, {@code 0 <= thread < threads}
     * @return the result collected for this thread
     * @throws Exception anything; it fails the race
     */
    T run(int thread) throws Exception;
  }

  /**
   * One thread's work in {@link #together}: returns nothing.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface Work {
    /**
     * Runs on one racing thread.
     *
     * @param thread this thread's index, {@code 0 <= thread < threads}
     * @throws Exception anything; it fails the race
     */
    void run(int thread) throws Exception;
  }

  /**
   * One thread's attempt in one round of {@link #rounds}.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface Attempt {
    /**
     * Runs on one racing thread in one round.
     *
     * @param round the round, from 0
     * @param thread this thread's index, {@code 0 <= thread < threads}
     * @return whether this thread won the round
     * @throws Exception anything; it fails the race
     */
    boolean run(int round, int thread) throws Exception;
  }

  /**
   * Runs {@code task} on {@code threads} threads released at once and returns their results.
   *
   * @param threads how many threads, at least 1
   * @param task the work, given the thread's index
   * @param <T> the result type
   * @return the results in thread order (index {@code i} is thread {@code i}'s); may hold nulls
   * @throws IllegalArgumentException if {@code threads < 1}
   * @throws AssertionError if the race timed out, or a thread threw a checked exception
   */
  public static <T> List<T> collect(int threads, Task<T> task) {
    return collect(threads, DEFAULT_TIMEOUT, task);
  }

  /**
   * Like {@link #collect(int, Task)} with a timeout of its own.
   *
   * @param threads how many threads, at least 1
   * @param timeout how long the whole race may take, positive
   * @param task the work, given the thread's index
   * @param <T> the result type
   * @return the results in thread order; may hold nulls
   * @throws IllegalArgumentException if {@code threads < 1} or {@code timeout} is not positive
   * @throws AssertionError if the race timed out, or a thread threw a checked exception
   */
  public static <T> List<T> collect(int threads, Duration timeout, Task<T> task) {
    Objects.requireNonNull(task, "task");
    try (Race race = open(threads, timeout)) {
      return race.collect(task);
    }
  }

  /**
   * Starts {@code threads} threads to race again and again, for a test that runs many short races:
   * each {@link #collect(Task)} reuses them instead of starting new ones. Close it when done.
   *
   * @param threads how many threads, at least 1
   * @return the open race, with the {@link #DEFAULT_TIMEOUT} per {@link #collect(Task)}
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static Race open(int threads) {
    return open(threads, DEFAULT_TIMEOUT);
  }

  /**
   * Like {@link #open(int)} with a timeout of its own for each {@link #collect(Task)}.
   *
   * @param threads how many threads, at least 1
   * @param timeout how long each race may take, positive
   * @return the open race
   * @throws IllegalArgumentException if {@code threads < 1} or {@code timeout} is not positive
   */
  public static Race open(int threads, Duration timeout) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return new Race(threads, timeout);
  }

  private final int threads;
  private final Duration timeout;
  private final ExecutorService pool;
  private boolean closed;

  private Race(int threads, Duration timeout) {
    this.threads = threads;
    this.timeout = timeout;
    this.pool = Executors.newFixedThreadPool(threads);
  }

  /**
   * Runs {@code task} once on every thread of this race, released at once, and returns their
   * results. A race that times out closes this race (its threads may still be stuck).
   *
   * @param task the work, given the thread's index
   * @param <T> the result type
   * @return the results in thread order (index {@code i} is thread {@code i}'s); may hold nulls
   * @throws IllegalStateException if this race is closed
   * @throws AssertionError if the race timed out, or a thread threw a checked exception
   */
  public synchronized <T> List<T> collect(Task<T> task) {
    Objects.requireNonNull(task, "task");
    if (closed) {
      throw new IllegalStateException("this race is closed");
    }
    long timeoutNanos = timeout.toNanos();
    long deadline = System.nanoTime() + timeoutNanos;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<T>> futures = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await(timeoutNanos, TimeUnit.NANOSECONDS);
                return task.run(thread);
              }));
    }
    List<T> results = new ArrayList<>(threads);
    Throwable first = null;
    for (Future<T> f : futures) {
      try {
        results.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException e) {
        results.add(null);
        first = firstRealFailure(first, e.getCause());
      } catch (TimeoutException e) {
        close();
        throw new AssertionError(
            "the racing threads did not finish within " + timeout + " (deadlock?)", e);
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the racing threads", e);
      }
    }
    rethrow(first);
    return Collections.unmodifiableList(results);
  }

  /** Stops this race's threads (interrupting any still running). Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    pool.shutdownNow();
  }

  /**
   * Runs {@code work} on {@code threads} threads released at once, and waits for all of them.
   *
   * @param threads how many threads, at least 1
   * @param work the work, given the thread's index
   * @throws IllegalArgumentException if {@code threads < 1}
   * @throws AssertionError if the race timed out, or a thread threw a checked exception
   */
  public static void together(int threads, Work work) {
    Objects.requireNonNull(work, "work");
    collect(
        threads,
        thread -> {
          work.run(thread);
          return null;
        });
  }

  /**
   * Runs {@code rounds} rounds of a race. Before each round {@code prepare} runs once, on one
   * thread, while the others wait; then every thread calls {@code attempt} at once. A failing
   * thread or a failing {@code prepare} ends the race and its failure is rethrown.
   *
   * @param threads how many threads, at least 1
   * @param rounds how many rounds, at least 0
   * @param prepare runs before each round, given the round
   * @param attempt each thread's attempt, returning whether it won the round
   * @return how many threads won each round (index = round)
   * @throws IllegalArgumentException if {@code threads < 1} or {@code rounds < 0}
   * @throws AssertionError if the race timed out, or a thread threw a checked exception
   */
  public static int[] rounds(int threads, int rounds, IntConsumer prepare, Attempt attempt) {
    if (rounds < 0) {
      throw new IllegalArgumentException("rounds must be at least 0, was " + rounds);
    }
    Objects.requireNonNull(prepare, "prepare");
    Objects.requireNonNull(attempt, "attempt");
    AtomicBoolean failed = new AtomicBoolean();
    AtomicReference<Throwable> prepareFailure = new AtomicReference<>();
    // A Phaser, not a CyclicBarrier: a thread that fails deregisters, so no one waits for it.
    Phaser start =
        new Phaser(threads) {
          @Override
          protected boolean onAdvance(int phase, int registered) {
            if (registered > 0 && phase < rounds && !failed.get()) {
              try {
                prepare.accept(phase);
              } catch (Throwable e) {
                prepareFailure.compareAndSet(null, e);
                failed.set(true);
              }
            }
            return registered == 0;
          }
        };
    long timeoutNanos = DEFAULT_TIMEOUT.toNanos();
    AtomicIntegerArray winners = new AtomicIntegerArray(rounds);
    together(
        threads,
        t -> {
          try {
            for (int r = 0; r < rounds; r++) {
              start.awaitAdvanceInterruptibly(start.arrive(), timeoutNanos, TimeUnit.NANOSECONDS);
              if (failed.get()) {
                return;
              }
              if (attempt.run(r, t)) {
                winners.incrementAndGet(r);
              }
            }
          } catch (Throwable e) {
            failed.set(true);
            throw e;
          } finally {
            try {
              start.arriveAndDeregister();
            } catch (IllegalStateException afterTimeout) {
              // this thread had arrived already and timed out waiting; the race has failed anyway
            }
          }
        });
    Throwable e = prepareFailure.get();
    if (e instanceof Error || e instanceof RuntimeException) {
      rethrow(e);
    } else if (e != null) {
      throw new AssertionError("preparing a round failed", e);
    }
    int[] out = new int[rounds];
    for (int r = 0; r < rounds; r++) {
      out[r] = winners.get(r);
    }
    return out;
  }

  /**
   * Describes the rounds that did not have exactly one winner, for an assertion message.
   *
   * @param winners how many threads won each round, as {@link #rounds} returns
   * @return up to ten descriptions such as {@code "round 3: 2 winners"}, in round order; empty when
   *     every round had one winner
   */
  public static List<String> roundsWithoutOneWinner(int[] winners) {
    List<String> bad = new ArrayList<>();
    for (int r = 0; r < winners.length && bad.size() < 10; r++) {
      if (winners[r] != 1) {
        bad.add("round " + r + ": " + winners[r] + " winners");
      }
    }
    return bad;
  }

  /** Keeps the first failure, preferring a real cause over a barrier broken because of it. */
  private static Throwable firstRealFailure(Throwable first, Throwable next) {
    if (first == null || first instanceof BrokenBarrierException) {
      return next instanceof BrokenBarrierException && first != null ? first : next;
    }
    return first;
  }

  private static void rethrow(Throwable failure) {
    if (failure == null) {
      return;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    throw new AssertionError("a racing thread failed", failure);
  }
}

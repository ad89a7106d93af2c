package dev.rootguard.testkit.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * Runs threads against a store at the same moment. Failures inside a thread (an assertion, a store
 * exception) are rethrown on the calling thread, so a test fails with the real cause.
 */
final class Race {
  /** Longest a race may take before it counts as a deadlock in the store. */
  private static final long TIMEOUT_SECONDS = 120;

  private Race() {}

  /** One thread's attempt in one round; returns whether it won. */
  @FunctionalInterface
  interface Attempt {
    boolean run(int round, int thread) throws Exception;
  }

  /** One thread's work in {@link #together}. */
  @FunctionalInterface
  interface Work {
    void run(int thread) throws Exception;
  }

  /**
   * Runs {@code rounds} rounds. Before each round {@code prepare} runs once (on one thread, while
   * the others wait); then every thread calls {@code attempt} at once.
   *
   * @return how many threads won each round
   */
  static int[] rounds(int threads, int rounds, IntConsumer prepare, Attempt attempt) {
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
    AtomicIntegerArray winners = new AtomicIntegerArray(rounds);
    together(
        threads,
        t -> {
          try {
            for (int r = 0; r < rounds; r++) {
              start.awaitAdvanceInterruptibly(start.arrive(), TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
    if (e instanceof Error err) {
      throw err;
    }
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e != null) {
      throw new AssertionError("preparing a round failed", e);
    }
    int[] out = new int[rounds];
    for (int r = 0; r < rounds; r++) {
      out[r] = winners.get(r);
    }
    return out;
  }

  /** Runs {@code work} on {@code threads} threads released together, and waits for all. */
  static void together(int threads, Work work) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  work.run(thread);
                  return null;
                }));
      }
      start.countDown();
      Throwable first = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      for (Future<?> f : futures) {
        try {
          f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (first == null) {
            first = cause;
          }
        } catch (TimeoutException e) {
          throw new AssertionError(
              "store calls did not finish within " + TIMEOUT_SECONDS + " s (deadlock?)", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
      if (first instanceof Error err) {
        throw err;
      }
      if (first instanceof RuntimeException re) {
        throw re;
      }
      if (first != null) {
        throw new AssertionError("a racing thread failed", first);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Returns the rounds (as a description) that did not have exactly one winner. */
  static List<String> roundsWithoutOneWinner(int[] winners) {
    List<String> bad = new ArrayList<>();
    for (int r = 0; r < winners.length && bad.size() < 10; r++) {
      if (winners[r] != 1) {
        bad.add("round " + r + ": " + winners[r] + " winners");
      }
    }
    return bad;
  }
}

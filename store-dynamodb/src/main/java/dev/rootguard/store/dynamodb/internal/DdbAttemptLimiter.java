package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link AttemptLimiter} over one item per principal ({@code pk = ATTEMPTS#<principal>, sk = A}):
 * failures, in-flight reservations and when they lapse, lockouts served and the end of the current
 * one, and a version. DynamoDB's update expressions cannot compute "failures plus live reservations
 * below the limit", so every operation computes the next item here and writes it with a
 * compare-and-set on the version ({@link Ddb#putIfVersion}); a lost race retries from the item the
 * failure returned, after a random pause that grows with each loss ({@link Ddb#afterLostRace}), so
 * that many writers on one principal do not turn every write into a round of failed ones.
 *
 * <p>Within one process the threads working on one principal take turns ({@code inTurn}, 64 lock
 * stripes), so a burst of guesses from one server costs one write each instead of a storm of lost
 * races; processes still race each other through the version.
 *
 * <p>The last item this process wrote or read for a principal is kept as the guess for the next
 * write, so a reservation and its settlement cost one write each when no other process touched the
 * principal meanwhile. A guess never decides on its own: a refusal computed from it is re-checked
 * with a consistent read, and a write based on a stale guess fails its condition.
 *
 * <p>An unsettled reservation (a crashed process) stops holding budget {@code reservationTimeout}
 * after it was made. An item that holds nothing but lapsed reservations carries a TTL so DynamoDB
 * can delete it; items with failures or served lockouts have none (they matter until the next
 * success). Thread-safe.
 */
public final class DdbAttemptLimiter implements AttemptLimiter {
  private static final int MAX_GUESSES = 10_000;
  private static final int TURNS = 64;

  private final Ddb ddb;
  private final LockoutPolicy policy;
  private final Clock clock;
  private final long reservationNanos;
  private final ConcurrentHashMap<String, Map<String, AttributeValue>> guesses =
      new ConcurrentHashMap<>();
  private final ReentrantLock[] turns = new ReentrantLock[TURNS];

  /** The state of one principal; {@code version} is null when no item exists. */
  private record State(
      long failures,
      long inFlight,
      long inFlightUntil,
      long lockouts,
      Long lockedUntil,
      Long version) {
    static final State ABSENT = new State(0, 0, Long.MIN_VALUE, 0, null, null);

    static State of(Map<String, AttributeValue> item) {
      if (item == null) {
        return ABSENT;
      }
      AttributeValue lu = item.get("lockedUntil");
      return new State(
          Ddb.num(item, "failures", 0),
          Ddb.num(item, "inFlight", 0),
          Ddb.num(item, "inFlightUntil", Long.MIN_VALUE),
          Ddb.num(item, "lockouts", 0),
          lu == null || lu.n() == null ? null : Long.parseLong(lu.n()),
          Ddb.num(item, Ddb.VERSION));
    }

    long live(long now) {
      return inFlightUntil > now ? inFlight : 0;
    }
  }

  /**
   * Creates the limiter.
   *
   * @param ddb the table
   * @param policy the lockout policy
   * @param clock the clock
   * @param reservationTimeout how long an unsettled reservation holds budget
   */
  public DdbAttemptLimiter(
      Ddb ddb, LockoutPolicy policy, Clock clock, Duration reservationTimeout) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reservationNanos = reservationTimeout.toNanos();
    for (int i = 0; i < TURNS; i++) {
      turns[i] = new ReentrantLock();
    }
  }

  static String pk(Principal p) {
    return "ATTEMPTS#" + p.id();
  }

  @Override
  public Optional<Instant> tryAcquire(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    Instant at = clock.instant();
    long now = Ddb.nanos("now", at);
    String pk = pk(principal);
    return inTurn(
        pk,
        () ->
            ddb.run(
                "attempts.tryAcquire",
                () -> {
                  Map<String, AttributeValue> guess = guesses.get(pk);
                  boolean confirmed = guess == null;
                  Map<String, AttributeValue> current = guess == null ? ddb.get(pk, "A") : guess;
                  int lost = 0;
                  while (true) {
                    State s = State.of(current);
                    long live = s.live(now);
                    Optional<Instant> refusal = Optional.empty();
                    if (s.lockedUntil() != null && s.lockedUntil() > now) {
                      refusal = Optional.of(Ddb.instant(s.lockedUntil()));
                    } else if (s.failures() + live >= policy.maxConsecutiveFailures()) {
                      refusal = Optional.of(at);
                    }
                    if (refusal.isPresent()) {
                      if (confirmed) {
                        remember(pk, current);
                        return refusal;
                      }
                      current = ddb.get(pk, "A");
                      confirmed = true;
                      continue;
                    }
                    State next =
                        new State(
                            s.failures(),
                            live + 1,
                            now + reservationNanos,
                            s.lockouts(),
                            s.lockedUntil(),
                            s.version());
                    Map<String, AttributeValue> item = item(pk, next, now);
                    Ddb.Cas cas = ddb.putIfVersion(item, s.version());
                    if (cas.written()) {
                      remember(pk, item);
                      return Optional.<Instant>empty();
                    }
                    current = cas.current();
                    confirmed = true;
                    Ddb.afterLostRace(++lost);
                  }
                }));
  }

  @Override
  public void recordSuccess(Principal principal) {
    settle(
        "attempts.recordSuccess",
        principal,
        (s, now) -> new State(0, Math.max(s.inFlight() - 1, 0), s.inFlightUntil(), 0, null, null));
  }

  @Override
  public void release(Principal principal) {
    settle(
        "attempts.release",
        principal,
        (s, now) ->
            new State(
                s.failures(),
                Math.max(s.inFlight() - 1, 0),
                s.inFlightUntil(),
                s.lockouts(),
                s.lockedUntil(),
                null));
  }

  @Override
  public void recordFailure(Principal principal) {
    int max = policy.maxConsecutiveFailures();
    settle(
        "attempts.recordFailure",
        principal,
        (s, now) -> {
          long inFlight = Math.max(s.inFlight() - 1, 0);
          if (s.failures() + 1 >= max) {
            long lockout =
                policy.lockoutAfter((int) Math.min(s.lockouts(), Integer.MAX_VALUE)).toNanos();
            return new State(0, inFlight, s.inFlightUntil(), s.lockouts() + 1, now + lockout, null);
          }
          return new State(
              s.failures() + 1, inFlight, s.inFlightUntil(), s.lockouts(), s.lockedUntil(), null);
        });
  }

  private interface Change {
    State apply(State s, long now);
  }

  private void settle(String operation, Principal principal, Change change) {
    Objects.requireNonNull(principal, "principal");
    long now = Ddb.nanos("now", clock.instant());
    String pk = pk(principal);
    inTurn(
        pk,
        () ->
            ddb.run(
                operation,
                () -> {
                  Map<String, AttributeValue> current = guesses.get(pk);
                  if (current == null) {
                    current = ddb.get(pk, "A");
                  }
                  int lost = 0;
                  while (true) {
                    State s = State.of(current);
                    Map<String, AttributeValue> item = item(pk, change.apply(s, now), now);
                    // the version comes from the state read, so the write checks it
                    Map<String, AttributeValue> versioned = new HashMap<>(item);
                    versioned.put(Ddb.VERSION, Ddb.n(s.version() == null ? 1 : s.version() + 1));
                    Ddb.Cas cas = ddb.putIfVersion(versioned, s.version());
                    if (cas.written()) {
                      remember(pk, versioned);
                      return null;
                    }
                    current = cas.current();
                    Ddb.afterLostRace(++lost);
                  }
                }));
  }

  /**
   * Runs one principal's read-compute-write with the other threads of this process that work on the
   * same principal (or share its stripe) waiting their turn, so that they race only other
   * processes: n threads guessing one principal make about n writes, not n²/2.
   */
  private <T> T inTurn(String pk, Supplier<T> work) {
    ReentrantLock turn = turns[Math.floorMod(pk.hashCode(), turns.length)];
    turn.lock();
    try {
      return work.get();
    } finally {
      turn.unlock();
    }
  }

  private Map<String, AttributeValue> item(String pk, State s, long now) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Ddb.PK, Ddb.s(pk));
    item.put(Ddb.SK, Ddb.s("A"));
    item.put("failures", Ddb.n(s.failures()));
    item.put("inFlight", Ddb.n(s.inFlight()));
    item.put("inFlightUntil", Ddb.n(s.inFlightUntil()));
    item.put("lockouts", Ddb.n(s.lockouts()));
    if (s.lockedUntil() != null) {
      item.put("lockedUntil", Ddb.n(s.lockedUntil()));
    }
    item.put(Ddb.VERSION, Ddb.n(s.version() == null ? 1 : s.version() + 1));
    if (s.failures() == 0 && s.lockouts() == 0) {
      // Nothing but reservations: once they lapse the item reads like an absent one.
      item.put(Ddb.TTL, Ddb.n(Ddb.ttlSeconds(Math.max(s.inFlightUntil(), now))));
    }
    return item;
  }

  private void remember(String pk, Map<String, AttributeValue> item) {
    if (guesses.size() >= MAX_GUESSES) {
      guesses.clear();
    }
    if (item == null) {
      guesses.remove(pk);
    } else {
      guesses.put(pk, item);
    }
  }

  @Override
  public String toString() {
    return "DdbAttemptLimiter[" + policy + "]";
  }
}

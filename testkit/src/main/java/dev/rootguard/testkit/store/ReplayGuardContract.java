package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.testsupport.Race;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ReplayGuard} must pass: a sequence is accepted only if it is higher
 * than every sequence accepted before for that credential, and {@link ReplayGuard#tryAccept} is
 * atomic (of {@value #THREADS} threads submitting one sequence at once, exactly one wins).
 *
 * <pre>{@code
 * class MyReplayGuardTest extends ReplayGuardContract {
 *   @Override protected ReplayGuard newGuard() { return new MyReplayGuard(redis); }
 * }
 * }</pre>
 *
 * <p>A new instance per test method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class ReplayGuardContract extends StoreContract {

  /** Creates the contract; for subclasses. */
  protected ReplayGuardContract() {}

  /**
   * Returns a guard under test. Each call may return a new guard or one sharing data with earlier
   * calls; the tests use fresh random ids.
   *
   * @return the guard
   */
  protected abstract ReplayGuard newGuard();

  /**
   * Returns a second guard over the same data as {@code guard}, to check that accepted sequences
   * are kept. Default: {@code guard} itself, right for an in-memory guard.
   *
   * @param guard a guard from {@link #newGuard()}
   * @return a guard reading the same data
   */
  protected ReplayGuard reopen(ReplayGuard guard) {
    return guard;
  }

  /** Nothing accepted yet reads as empty. */
  @Test
  public void lastAccepted_unknownCredential_empty() {
    assertThat(newGuard().lastAccepted(StoreFixtures.credentialId())).isEmpty();
  }

  /** The first sequence is accepted once; a second submission of it is a replay. */
  @Test
  public void tryAccept_sameSequenceTwice_acceptedOnce() {
    ReplayGuard guard = newGuard();
    CredentialId id = StoreFixtures.credentialId();

    assertThat(guard.tryAccept(id, 0)).isTrue();
    assertThat(guard.tryAccept(id, 0)).isFalse();
    assertThat(guard.lastAccepted(id)).hasValue(0);
    assertThat(reopen(guard).tryAccept(id, 0)).isFalse();
  }

  /** A lower sequence than the last accepted one is refused, a higher one accepted. */
  @Test
  public void tryAccept_lowerThenHigher_onlyHigherAccepted() {
    ReplayGuard guard = newGuard();
    CredentialId id = StoreFixtures.credentialId();
    assertThat(guard.tryAccept(id, 58_000_100L)).isTrue();

    assertThat(guard.tryAccept(id, 58_000_099L)).isFalse();
    assertThat(guard.tryAccept(id, 58_000_101L)).isTrue();
    assertThat(guard.lastAccepted(id)).hasValue(58_000_101L);
    assertThat(reopen(guard).lastAccepted(id)).hasValue(58_000_101L);
  }

  /** The largest sequence is kept exactly, and nothing is accepted after it. */
  @Test
  public void tryAccept_maxValue_keptExactly() {
    ReplayGuard guard = newGuard();
    CredentialId id = StoreFixtures.credentialId();

    assertThat(guard.tryAccept(id, Long.MAX_VALUE - 1)).isTrue();
    assertThat(guard.tryAccept(id, Long.MAX_VALUE)).isTrue();
    assertThat(guard.tryAccept(id, Long.MAX_VALUE)).isFalse();
    assertThat(reopen(guard).lastAccepted(id)).hasValue(Long.MAX_VALUE);
  }

  /** Credentials are independent. */
  @Test
  public void tryAccept_oneCredential_leavesOthersAlone() {
    ReplayGuard guard = newGuard();
    CredentialId a = StoreFixtures.credentialId();
    CredentialId b = StoreFixtures.credentialId();
    assertThat(guard.tryAccept(a, 1_000)).isTrue();

    assertThat(guard.lastAccepted(b)).isEmpty();
    assertThat(guard.tryAccept(b, 5)).isTrue();
    assertThat(guard.lastAccepted(a)).hasValue(1_000);
  }

  /**
   * {@value #THREADS} threads submit the same new sequence at once, for {@link #rounds()} rounds:
   * exactly one is accepted each round.
   */
  @Test
  public void tryAccept_racingThreads_exactlyOneWinnerPerRound() {
    ReplayGuard guard = newGuard();
    CredentialId id = StoreFixtures.credentialId();
    int rounds = checkedRounds();

    int[] winners = Race.rounds(THREADS, rounds, r -> {}, (r, t) -> guard.tryAccept(id, r));

    assertThat(Race.roundsWithoutOneWinner(winners))
        .as("rounds without exactly one winner")
        .isEmpty();
    assertThat(guard.lastAccepted(id)).hasValue(rounds - 1L);
  }

  /**
   * {@value #THREADS} threads each accept the next sequence with read/try retry loops: the last
   * accepted sequence counts every success, so no acceptance was lost or doubled.
   */
  @Test
  public void tryAccept_retryLoops_noLostUpdate() {
    ReplayGuard guard = newGuard();
    CredentialId id = StoreFixtures.credentialId();
    int perThread = Math.max(10, checkedRounds() / 10);
    AtomicInteger successes = new AtomicInteger();

    Race.together(
        THREADS,
        t -> {
          for (int i = 0; i < perThread; i++) {
            while (!guard.tryAccept(id, guard.lastAccepted(id).orElse(0) + 1)) {
              Thread.onSpinWait();
            }
            successes.incrementAndGet();
          }
        });

    assertThat(successes.get()).isEqualTo(THREADS * perThread);
    assertThat(guard.lastAccepted(id)).hasValue((long) THREADS * perThread);
  }

  /** Null credentials are refused with {@link NullPointerException}. */
  @Test
  public void allMethods_nullCredential_throwNullPointerException() {
    ReplayGuard guard = newGuard();

    assertThatThrownBy(() -> guard.tryAccept(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> guard.lastAccepted(null)).isInstanceOf(NullPointerException.class);
  }
}

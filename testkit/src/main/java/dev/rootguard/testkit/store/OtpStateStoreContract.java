package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.testsupport.Race;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OtpStateStore} must pass: unknown credentials read as {@link
 * OtpState#NEVER_USED}, and {@link OtpStateStore#compareAndSet} is atomic (one winner among {@value
 * #THREADS} racing threads, no lost update in retry loops) and survives a reopen.
 *
 * <pre>{@code
 * class MyOtpStateStoreTest extends OtpStateStoreContract {
 *   @Override protected OtpStateStore newStore() { return new MyOtpStateStore(dataSource); }
 * }
 * }</pre>
 *
 * <p>A new instance per test method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class OtpStateStoreContract extends StoreContract {

  /** Creates the contract; for subclasses. */
  protected OtpStateStoreContract() {}

  /**
   * Returns a store under test. Each call may return a new store or one sharing data with earlier
   * calls; the tests use fresh random ids.
   *
   * @return the store
   */
  protected abstract OtpStateStore newStore();

  /**
   * Returns a second store over the same data as {@code store} (a new connection, a re-read file),
   * to check that writes are kept. Default: {@code store} itself, right for an in-memory store.
   *
   * @param store a store from {@link #newStore()}
   * @return a store reading the same data
   */
  protected OtpStateStore reopen(OtpStateStore store) {
    return store;
  }

  /** A credential with nothing stored reads as {@link OtpState#NEVER_USED}. */
  @Test
  public void load_unknownCredential_neverUsed() {
    assertThat(newStore().load(StoreFixtures.credentialId())).isEqualTo(OtpState.NEVER_USED);
  }

  /** The first compare-and-set from {@code NEVER_USED} stores the state. */
  @Test
  public void compareAndSet_fromNeverUsed_storesState() {
    OtpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    OtpState next = new OtpState(58_000_123L, -1);

    assertThat(store.compareAndSet(id, OtpState.NEVER_USED, next)).isTrue();
    assertThat(store.load(id)).isEqualTo(next);
    assertThat(reopen(store).load(id)).isEqualTo(next);
  }

  /** A compare-and-set with a stale expected state changes nothing. */
  @Test
  public void compareAndSet_staleExpected_refusedAndUnchanged() {
    OtpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    OtpState first = new OtpState(100, 0);
    OtpState second = new OtpState(101, 1);
    assertThat(store.compareAndSet(id, OtpState.NEVER_USED, first)).isTrue();
    assertThat(store.compareAndSet(id, first, second)).isTrue();

    assertThat(store.compareAndSet(id, first, new OtpState(500, 0))).isFalse();
    assertThat(store.compareAndSet(id, OtpState.NEVER_USED, new OtpState(600, 0))).isFalse();
    assertThat(store.compareAndSet(id, new OtpState(101, 0), new OtpState(700, 0)))
        .as("expected differs from the stored state in drift only")
        .isFalse();
    assertThat(store.load(id)).isEqualTo(second);
    assertThat(reopen(store).load(id)).isEqualTo(second);
  }

  /** Compare-and-set on a credential with no state and a non-NEVER_USED expected is refused. */
  @Test
  public void compareAndSet_unknownCredentialWithOtherExpected_refused() {
    OtpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();

    assertThat(store.compareAndSet(id, new OtpState(5, 0), new OtpState(6, 0))).isFalse();
    assertThat(store.load(id)).isEqualTo(OtpState.NEVER_USED);
  }

  /** States of different credentials are independent. */
  @Test
  public void compareAndSet_oneCredential_leavesOthersAlone() {
    OtpStateStore store = newStore();
    CredentialId a = StoreFixtures.credentialId();
    CredentialId b = StoreFixtures.credentialId();

    assertThat(store.compareAndSet(a, OtpState.NEVER_USED, new OtpState(9, 0))).isTrue();
    assertThat(store.load(b)).isEqualTo(OtpState.NEVER_USED);
    assertThat(store.compareAndSet(b, OtpState.NEVER_USED, new OtpState(3, 2))).isTrue();
    assertThat(store.load(a)).isEqualTo(new OtpState(9, 0));
  }

  /** Extreme values (the first step of the epoch, far-future steps, large drifts) round-trip. */
  @Test
  public void compareAndSet_extremeValues_roundTrip() {
    OtpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    OtpState zero = new OtpState(0, Integer.MIN_VALUE);
    OtpState max = new OtpState(Long.MAX_VALUE, Integer.MAX_VALUE);

    assertThat(store.compareAndSet(id, OtpState.NEVER_USED, zero)).isTrue();
    assertThat(reopen(store).load(id)).isEqualTo(zero);
    assertThat(store.compareAndSet(id, zero, max)).isTrue();
    assertThat(reopen(store).load(id)).isEqualTo(max);
  }

  /**
   * {@value #THREADS} threads submit the same compare-and-set at once, each with its own next
   * state, for {@link #rounds()} rounds: exactly one wins each round, and the stored state is the
   * winner's.
   */
  @Test
  public void compareAndSet_racingThreads_exactlyOneWinnerPerRound() {
    OtpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    AtomicReference<OtpState> expected = new AtomicReference<>();
    OtpState[] won = new OtpState[THREADS];
    AtomicReference<String> wrongState = new AtomicReference<>();
    int rounds = checkedRounds();

    int[] winners =
        Race.rounds(
            THREADS,
            rounds,
            r -> {
              OtpState now = store.load(id);
              if (r > 0 && !now.equals(lastWinner(won, r - 1)) && wrongState.get() == null) {
                wrongState.set("after round " + (r - 1) + " the store holds " + now);
              }
              expected.set(now);
            },
            (r, t) -> {
              OtpState next = new OtpState(r, t);
              if (store.compareAndSet(id, expected.get(), next)) {
                won[t] = next;
                return true;
              }
              return false;
            });

    assertThat(Race.roundsWithoutOneWinner(winners))
        .as("rounds without exactly one winner")
        .isEmpty();
    assertThat(wrongState.get()).as("state after a round is the winner's").isNull();
    assertThat(store.load(id).lastStep()).isEqualTo(rounds - 1L);
  }

  /** Returns the state won in {@code round} (the thread that won stored a state with that step). */
  private static OtpState lastWinner(OtpState[] won, int round) {
    for (OtpState s : won) {
      if (s != null && s.lastStep() == round) {
        return s;
      }
    }
    return null;
  }

  /**
   * {@value #THREADS} threads each add one to the step with load/compare-and-set retry loops: the
   * final step counts every success, so no update was lost.
   */
  @Test
  public void compareAndSet_retryLoops_noLostUpdate() {
    OtpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    int perThread = Math.max(10, checkedRounds() / 10);
    AtomicInteger successes = new AtomicInteger();

    Race.together(
        THREADS,
        t -> {
          for (int i = 0; i < perThread; i++) {
            while (true) {
              OtpState s = store.load(id);
              long next = s.isNeverUsed() ? 1 : s.lastStep() + 1;
              if (store.compareAndSet(id, s, new OtpState(next, t))) {
                successes.incrementAndGet();
                break;
              }
            }
          }
        });

    assertThat(successes.get()).isEqualTo(THREADS * perThread);
    assertThat(store.load(id).lastStep()).isEqualTo((long) THREADS * perThread);
    assertThat(reopen(store).load(id).lastStep()).isEqualTo((long) THREADS * perThread);
  }

  /** Null arguments are refused with {@link NullPointerException}. */
  @Test
  public void allMethods_nullArguments_throwNullPointerException() {
    OtpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    OtpState s = new OtpState(1, 0);

    assertThatThrownBy(() -> store.load(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(null, OtpState.NEVER_USED, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(id, null, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(id, OtpState.NEVER_USED, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.load(id)).isEqualTo(OtpState.NEVER_USED);
  }
}

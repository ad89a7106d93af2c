package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.totp.TotpState;
import dev.rootguard.mfa.totp.TotpStateStore;
import dev.rootguard.testsupport.Race;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TotpStateStore} must pass: unknown credentials read as {@link
 * TotpState#NEVER_USED}, and {@link TotpStateStore#compareAndSet} is atomic (one winner among
 * {@value #THREADS} racing threads, no lost update in retry loops) and survives a reopen.
 *
 * <pre>{@code
 * class MyTotpStateStoreTest extends TotpStateStoreContract {
 *   @Override protected TotpStateStore newStore() { return new MyTotpStateStore(dataSource); }
 * }
 * }</pre>
 *
 * <p>A new instance per test method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class TotpStateStoreContract extends StoreContract {

  /** Creates the contract; for subclasses. */
  protected TotpStateStoreContract() {}

  /**
   * Returns a store under test. Each call may return a new store or one sharing data with earlier
   * calls; the tests use fresh random ids.
   *
   * @return the store
   */
  protected abstract TotpStateStore newStore();

  /**
   * Returns a second store over the same data as {@code store} (a new connection, a re-read file),
   * to check that writes are kept. Default: {@code store} itself, right for an in-memory store.
   *
   * @param store a store from {@link #newStore()}
   * @return a store reading the same data
   */
  protected TotpStateStore reopen(TotpStateStore store) {
    return store;
  }

  /** A credential with nothing stored reads as {@link TotpState#NEVER_USED}. */
  @Test
  public void load_unknownCredential_neverUsed() {
    assertThat(newStore().load(StoreFixtures.credentialId())).isEqualTo(TotpState.NEVER_USED);
  }

  /** The first compare-and-set from {@code NEVER_USED} stores the state. */
  @Test
  public void compareAndSet_fromNeverUsed_storesState() {
    TotpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    TotpState next = new TotpState(58_000_123L, -1);

    assertThat(store.compareAndSet(id, TotpState.NEVER_USED, next)).isTrue();
    assertThat(store.load(id)).isEqualTo(next);
    assertThat(reopen(store).load(id)).isEqualTo(next);
  }

  /** A compare-and-set with a stale expected state changes nothing. */
  @Test
  public void compareAndSet_staleExpected_refusedAndUnchanged() {
    TotpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    TotpState first = new TotpState(100, 0);
    TotpState second = new TotpState(101, 1);
    assertThat(store.compareAndSet(id, TotpState.NEVER_USED, first)).isTrue();
    assertThat(store.compareAndSet(id, first, second)).isTrue();

    assertThat(store.compareAndSet(id, first, new TotpState(500, 0))).isFalse();
    assertThat(store.compareAndSet(id, TotpState.NEVER_USED, new TotpState(600, 0))).isFalse();
    assertThat(store.compareAndSet(id, new TotpState(101, 0), new TotpState(700, 0)))
        .as("expected differs from the stored state in drift only")
        .isFalse();
    assertThat(store.load(id)).isEqualTo(second);
    assertThat(reopen(store).load(id)).isEqualTo(second);
  }

  /** Compare-and-set on a credential with no state and a non-NEVER_USED expected is refused. */
  @Test
  public void compareAndSet_unknownCredentialWithOtherExpected_refused() {
    TotpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();

    assertThat(store.compareAndSet(id, new TotpState(5, 0), new TotpState(6, 0))).isFalse();
    assertThat(store.load(id)).isEqualTo(TotpState.NEVER_USED);
  }

  /** States of different credentials are independent. */
  @Test
  public void compareAndSet_oneCredential_leavesOthersAlone() {
    TotpStateStore store = newStore();
    CredentialId a = StoreFixtures.credentialId();
    CredentialId b = StoreFixtures.credentialId();

    assertThat(store.compareAndSet(a, TotpState.NEVER_USED, new TotpState(9, 0))).isTrue();
    assertThat(store.load(b)).isEqualTo(TotpState.NEVER_USED);
    assertThat(store.compareAndSet(b, TotpState.NEVER_USED, new TotpState(3, 2))).isTrue();
    assertThat(store.load(a)).isEqualTo(new TotpState(9, 0));
  }

  /** Extreme values (the first step of the epoch, far-future steps, large drifts) round-trip. */
  @Test
  public void compareAndSet_extremeValues_roundTrip() {
    TotpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    TotpState zero = new TotpState(0, Integer.MIN_VALUE);
    TotpState max = new TotpState(Long.MAX_VALUE, Integer.MAX_VALUE);

    assertThat(store.compareAndSet(id, TotpState.NEVER_USED, zero)).isTrue();
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
    TotpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    AtomicReference<TotpState> expected = new AtomicReference<>();
    TotpState[] won = new TotpState[THREADS];
    AtomicReference<String> wrongState = new AtomicReference<>();
    int rounds = checkedRounds();

    int[] winners =
        Race.rounds(
            THREADS,
            rounds,
            r -> {
              TotpState now = store.load(id);
              if (r > 0 && !now.equals(lastWinner(won, r - 1)) && wrongState.get() == null) {
                wrongState.set("after round " + (r - 1) + " the store holds " + now);
              }
              expected.set(now);
            },
            (r, t) -> {
              TotpState next = new TotpState(r, t);
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
  private static TotpState lastWinner(TotpState[] won, int round) {
    for (TotpState s : won) {
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
    TotpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    int perThread = Math.max(10, checkedRounds() / 10);
    AtomicInteger successes = new AtomicInteger();

    Race.together(
        THREADS,
        t -> {
          for (int i = 0; i < perThread; i++) {
            while (true) {
              TotpState s = store.load(id);
              long next = s.isNeverUsed() ? 1 : s.lastStep() + 1;
              if (store.compareAndSet(id, s, new TotpState(next, t))) {
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
    TotpStateStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    TotpState s = new TotpState(1, 0);

    assertThatThrownBy(() -> store.load(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(null, TotpState.NEVER_USED, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(id, null, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(id, TotpState.NEVER_USED, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.load(id)).isEqualTo(TotpState.NEVER_USED);
  }
}

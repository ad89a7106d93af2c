package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.testsupport.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SecurityKeyStore} must pass: credentials come back equal (after a
 * reopen too), an add never replaces one with the same id, {@link
 * SecurityKeyStore#updateSignatureCount} is an atomic compare-and-set (one winner among {@value
 * #THREADS} racing threads, no lost update), and a principal gets exactly one user handle even when
 * threads race to create it.
 *
 * <pre>{@code
 * class MySecurityKeyStoreTest extends SecurityKeyStoreContract {
 *   @Override protected SecurityKeyStore newStore() { return new MySecurityKeyStore(dataSource); }
 * }
 * }</pre>
 *
 * <p>A new instance per test method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class SecurityKeyStoreContract extends StoreContract {

  /** Creates the contract; for subclasses. */
  protected SecurityKeyStoreContract() {}

  /**
   * Returns a store under test. Each call may return a new store or one sharing data with earlier
   * calls; the tests use fresh random ids.
   *
   * @return the store
   */
  protected abstract SecurityKeyStore newStore();

  /**
   * Returns a second store over the same data as {@code store} (a new connection, a re-read file),
   * to check that credentials, counters and handles are kept. Default: {@code store} itself, right
   * for an in-memory store.
   *
   * @param store a store from {@link #newStore()}
   * @return a store reading the same data
   */
  protected SecurityKeyStore reopen(SecurityKeyStore store) {
    return store;
  }

  private static SecurityKeyCredential credential(Principal owner, long count) {
    return StoreFixtures.securityKey(StoreFixtures.credentialId(), owner, count);
  }

  /** An added credential is found equal to what was added, every field included. */
  @Test
  public void add_newCredential_foundEqualAfterReopen() {
    SecurityKeyStore store = newStore();
    SecurityKeyCredential c = credential(StoreFixtures.principal(), 7);

    assertThat(store.add(c)).isTrue();

    assertThat(store.find(c.id())).contains(c);
    assertThat(reopen(store).find(c.id())).contains(c);
  }

  /** An unknown id finds nothing. */
  @Test
  public void find_unknownId_empty() {
    assertThat(newStore().find(StoreFixtures.credentialId())).isEmpty();
  }

  /** A second add under the same id is refused and the first credential stays. */
  @Test
  public void add_sameIdTwice_refusedAndFirstKept() {
    SecurityKeyStore store = newStore();
    SecurityKeyCredential first = credential(StoreFixtures.principal(), 1);
    SecurityKeyCredential second =
        StoreFixtures.securityKey(first.id(), StoreFixtures.principal(), 99);
    assertThat(store.add(first)).isTrue();

    assertThat(store.add(second)).isFalse();
    assertThat(reopen(store).add(second)).isFalse();
    assertThat(reopen(store).find(first.id())).contains(first);
  }

  /**
   * {@value #THREADS} threads add different credentials under one id at once, for a tenth of {@link
   * #rounds()} ids: exactly one add wins each time and the winner's credential is stored.
   */
  @Test
  public void add_racingThreads_exactlyOneWinnerAndItsCredentialKept() {
    SecurityKeyStore store = newStore();
    int rounds = Math.max(10, checkedRounds() / 10);
    CredentialId[] ids = new CredentialId[rounds];
    AtomicReferenceArray<SecurityKeyCredential> won = new AtomicReferenceArray<>(rounds);
    Principal owner = StoreFixtures.principal();

    int[] winners =
        Race.rounds(
            THREADS,
            rounds,
            r -> ids[r] = StoreFixtures.credentialId(),
            (r, t) -> {
              SecurityKeyCredential c = StoreFixtures.securityKey(ids[r], owner, t);
              if (store.add(c)) {
                won.set(r, c);
                return true;
              }
              return false;
            });

    assertThat(Race.roundsWithoutOneWinner(winners)).as("ids added other than once").isEmpty();
    SecurityKeyStore again = reopen(store);
    for (int r = 0; r < rounds; r++) {
      assertThat(again.find(ids[r])).contains(won.get(r));
    }
  }

  /** A principal lists exactly its own credentials; an unknown principal none. */
  @Test
  public void findByPrincipal_severalOwners_ownCredentialsOnly() {
    SecurityKeyStore store = newStore();
    Principal alice = StoreFixtures.principal();
    Principal bob = StoreFixtures.principal();
    SecurityKeyCredential a1 = credential(alice, 0);
    SecurityKeyCredential a2 = credential(alice, 3);
    SecurityKeyCredential b1 = credential(bob, 0);
    for (SecurityKeyCredential c : new SecurityKeyCredential[] {a1, b1, a2}) {
      assertThat(store.add(c)).isTrue();
    }

    assertThat(reopen(store).findByPrincipal(alice)).containsExactlyInAnyOrder(a1, a2);
    assertThat(store.findByPrincipal(bob)).containsExactly(b1);
    assertThat(store.findByPrincipal(StoreFixtures.principal())).isEmpty();
  }

  /** The counter moves only from its current value; a stale or unknown update is refused. */
  @Test
  public void updateSignatureCount_currentOrStale_onlyCurrentApplies() {
    SecurityKeyStore store = newStore();
    SecurityKeyCredential c = credential(StoreFixtures.principal(), 5);
    assertThat(store.add(c)).isTrue();

    assertThat(store.updateSignatureCount(c.id(), 5, 9)).isTrue();
    assertThat(store.updateSignatureCount(c.id(), 5, 10)).isFalse();
    assertThat(store.updateSignatureCount(StoreFixtures.credentialId(), 0, 1)).isFalse();
    assertThat(reopen(store).find(c.id())).contains(c.withSignatureCount(9));
  }

  /** The largest counter (2^32 - 1) is kept exactly. */
  @Test
  public void updateSignatureCount_maxCounter_keptExactly() {
    SecurityKeyStore store = newStore();
    SecurityKeyCredential c = credential(StoreFixtures.principal(), 0);
    assertThat(store.add(c)).isTrue();

    assertThat(store.updateSignatureCount(c.id(), 0, 0xffff_ffffL)).isTrue();

    assertThat(reopen(store).find(c.id()).orElseThrow().signatureCount()).isEqualTo(0xffff_ffffL);
  }

  /**
   * {@value #THREADS} threads move the counter from the same value at once, for {@link #rounds()}
   * rounds: exactly one wins each round.
   */
  @Test
  public void updateSignatureCount_racingThreads_exactlyOneWinnerPerRound() {
    SecurityKeyStore store = newStore();
    SecurityKeyCredential c = credential(StoreFixtures.principal(), 0);
    assertThat(store.add(c)).isTrue();
    int rounds = checkedRounds();

    int[] winners =
        Race.rounds(
            THREADS, rounds, r -> {}, (r, t) -> store.updateSignatureCount(c.id(), r, r + 1));

    assertThat(Race.roundsWithoutOneWinner(winners))
        .as("rounds without exactly one winner")
        .isEmpty();
    assertThat(store.find(c.id()).orElseThrow().signatureCount()).isEqualTo(rounds);
  }

  /**
   * {@value #THREADS} threads each add one to the counter with read/compare-and-set retry loops:
   * the final counter counts every success, so no update was lost.
   */
  @Test
  public void updateSignatureCount_retryLoops_noLostUpdate() {
    SecurityKeyStore store = newStore();
    SecurityKeyCredential c = credential(StoreFixtures.principal(), 0);
    assertThat(store.add(c)).isTrue();
    int perThread = Math.max(10, checkedRounds() / 10);
    AtomicInteger successes = new AtomicInteger();

    Race.together(
        THREADS,
        t -> {
          for (int i = 0; i < perThread; i++) {
            while (true) {
              long n = store.find(c.id()).orElseThrow().signatureCount();
              if (store.updateSignatureCount(c.id(), n, n + 1)) {
                successes.incrementAndGet();
                break;
              }
            }
          }
        });

    assertThat(successes.get()).isEqualTo(THREADS * perThread);
    assertThat(reopen(store).find(c.id()).orElseThrow().signatureCount())
        .isEqualTo((long) THREADS * perThread);
  }

  /**
   * {@value #THREADS} threads ask for one principal's user handle at once, each offering its own:
   * all get the same handle, which then maps back to the principal.
   */
  @Test
  public void userHandle_racingThreads_onePerPrincipal() {
    SecurityKeyStore store = newStore();
    int rounds = Math.max(10, checkedRounds() / 10);
    Principal[] principals = new Principal[rounds];
    List<Set<String>> seen = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      seen.add(ConcurrentHashMap.newKeySet());
    }

    Race.rounds(
        THREADS,
        rounds,
        r -> principals[r] = StoreFixtures.principal(),
        (r, t) -> {
          seen.get(r).add(store.userHandle(principals[r], () -> StoreFixtures.ceremonyId()));
          return false;
        });

    SecurityKeyStore again = reopen(store);
    for (int r = 0; r < rounds; r++) {
      assertThat(seen.get(r)).as("handles handed out for principal %d", r).hasSize(1);
      String handle = seen.get(r).iterator().next();
      assertThat(again.userHandle(principals[r], () -> "other")).isEqualTo(handle);
      assertThat(again.findPrincipalByUserHandle(handle)).contains(principals[r]);
    }
  }

  /** Different principals get different handles; an unknown handle maps to nobody. */
  @Test
  public void userHandle_twoPrincipals_distinctHandles() {
    SecurityKeyStore store = newStore();
    Principal alice = StoreFixtures.principal();
    Principal bob = StoreFixtures.principal();

    String a = store.userHandle(alice, StoreFixtures::ceremonyId);
    String b = store.userHandle(bob, StoreFixtures::ceremonyId);

    assertThat(a).isNotEqualTo(b);
    assertThat(reopen(store).findPrincipalByUserHandle(b)).contains(bob);
    assertThat(store.findPrincipalByUserHandle(StoreFixtures.ceremonyId())).isEmpty();
  }

  /** A removed credential is gone and a counter update on it fails. */
  @Test
  public void remove_existing_goneAndNotUpdatable() {
    SecurityKeyStore store = newStore();
    Principal owner = StoreFixtures.principal();
    SecurityKeyCredential c = credential(owner, 4);
    assertThat(store.add(c)).isTrue();

    assertThat(store.remove(c.id())).isTrue();
    assertThat(store.remove(c.id())).isFalse();
    assertThat(store.updateSignatureCount(c.id(), 4, 5)).isFalse();
    assertThat(reopen(store).find(c.id())).isEmpty();
    assertThat(reopen(store).findByPrincipal(owner)).isEmpty();
  }

  /** Null arguments are refused with {@link NullPointerException}. */
  @Test
  public void allMethods_nullArguments_throwNullPointerException() {
    SecurityKeyStore store = newStore();
    Principal p = StoreFixtures.principal();

    assertThatThrownBy(() -> store.add(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.find(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.findByPrincipal(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.userHandle(null, StoreFixtures::ceremonyId))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.userHandle(p, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.findPrincipalByUserHandle(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.updateSignatureCount(null, 0, 1))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.remove(null)).isInstanceOf(NullPointerException.class);
  }
}

package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.testsupport.Race;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TotpCredentialStore} must pass: a credential comes back with the same
 * secret and settings (after a reopen too), an add never replaces one with the same id (even when
 * {@value #THREADS} threads add at once), owners list their ids sorted, and secrets never show in
 * {@code toString}.
 *
 * <pre>{@code
 * class MyTotpCredentialStoreTest extends TotpCredentialStoreContract {
 *   @Override protected TotpCredentialStore newStore() { return new MyCredentialStore(db, sealer); }
 * }
 * }</pre>
 *
 * <p>A new instance per test method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class TotpCredentialStoreContract extends StoreContract {

  /** Creates the contract; for subclasses. */
  protected TotpCredentialStoreContract() {}

  /**
   * Returns a store under test. Each call may return a new store or one sharing data with earlier
   * calls; the tests use fresh random ids.
   *
   * @return the store
   */
  protected abstract TotpCredentialStore newStore();

  /**
   * Returns a second store over the same data as {@code store} (a new connection, a re-read file),
   * to check that credentials are kept whole. Default: {@code store} itself, right for an in-memory
   * store.
   *
   * @param store a store from {@link #newStore()}
   * @return a store reading the same data
   */
  protected TotpCredentialStore reopen(TotpCredentialStore store) {
    return store;
  }

  /** Checks every field of {@code actual} against {@code expected}, the secret included. */
  static void assertSameCredential(TotpCredential actual, TotpCredential expected) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.owner()).isEqualTo(expected.owner());
    assertThat(actual.parameters()).isEqualTo(expected.parameters());
    assertThat(actual.enrolledStep()).isEqualTo(expected.enrolledStep());
    assertThat(actual.enrolledDrift()).isEqualTo(expected.enrolledDrift());
    assertThat(actual.secret().sameSecretAs(expected.secret())).as("same secret").isTrue();
  }

  /** An added credential is found with the same secret, settings and enrollment step. */
  @Test
  public void add_newCredential_foundWholeAfterReopen() {
    TotpCredentialStore store = newStore();
    TotpCredential c =
        StoreFixtures.totpCredential(StoreFixtures.credentialId(), StoreFixtures.principal());

    assertThat(store.add(c)).isTrue();

    assertSameCredential(store.find(c.id()).orElseThrow(), c);
    assertSameCredential(reopen(store).find(c.id()).orElseThrow(), c);
  }

  /** An unknown id finds nothing. */
  @Test
  public void find_unknownId_empty() {
    assertThat(newStore().find(StoreFixtures.credentialId())).isEmpty();
  }

  /** A second add under the same id is refused and the first secret stays. */
  @Test
  public void add_sameIdTwice_refusedAndFirstKept() {
    TotpCredentialStore store = newStore();
    CredentialId id = StoreFixtures.credentialId();
    TotpCredential first = StoreFixtures.totpCredential(id, StoreFixtures.principal());
    TotpCredential second = StoreFixtures.totpCredential(id, StoreFixtures.principal());
    assertThat(store.add(first)).isTrue();

    assertThat(store.add(second)).isFalse();
    assertThat(reopen(store).add(second)).isFalse();
    assertSameCredential(reopen(store).find(id).orElseThrow(), first);
  }

  /**
   * {@value #THREADS} threads add different credentials under one id at once, for a tenth of {@link
   * #rounds()} ids: exactly one add wins each time and the stored secret is the winner's.
   */
  @Test
  public void add_racingThreads_exactlyOneWinnerAndItsSecretKept() {
    TotpCredentialStore store = newStore();
    int rounds = Math.max(10, checkedRounds() / 10);
    CredentialId[] ids = new CredentialId[rounds];
    AtomicReferenceArray<TotpCredential> won = new AtomicReferenceArray<>(rounds);
    Principal owner = StoreFixtures.principal();

    int[] winners =
        Race.rounds(
            THREADS,
            rounds,
            r -> ids[r] = StoreFixtures.credentialId(),
            (r, t) -> {
              TotpCredential c = StoreFixtures.totpCredential(ids[r], owner);
              if (store.add(c)) {
                won.set(r, c);
                return true;
              }
              return false;
            });

    assertThat(Race.roundsWithoutOneWinner(winners)).as("ids added other than once").isEmpty();
    TotpCredentialStore again = reopen(store);
    for (int r = 0; r < rounds; r++) {
      assertSameCredential(again.find(ids[r]).orElseThrow(), won.get(r));
    }
  }

  /** An owner lists exactly its credential ids, sorted by value; an unknown owner none. */
  @Test
  public void findByOwner_severalOwners_ownIdsSorted() {
    TotpCredentialStore store = newStore();
    Principal alice = StoreFixtures.principal();
    Principal bob = StoreFixtures.principal();
    CredentialId b = CredentialId.of(StoreFixtures.uniqueId("b"));
    CredentialId a = CredentialId.of(StoreFixtures.uniqueId("a"));
    CredentialId c = CredentialId.of(StoreFixtures.uniqueId("c"));
    assertThat(store.add(StoreFixtures.totpCredential(b, alice))).isTrue();
    assertThat(store.add(StoreFixtures.totpCredential(c, bob))).isTrue();
    assertThat(store.add(StoreFixtures.totpCredential(a, alice))).isTrue();

    assertThat(store.findByOwner(alice)).containsExactly(a, b);
    assertThat(reopen(store).findByOwner(bob)).containsExactly(c);
    assertThat(store.findByOwner(StoreFixtures.principal())).isEmpty();
  }

  /** A removed credential is gone, a second remove says so, and the id can be enrolled again. */
  @Test
  public void remove_existing_goneAndIdReusable() {
    TotpCredentialStore store = newStore();
    Principal owner = StoreFixtures.principal();
    TotpCredential c = StoreFixtures.totpCredential(StoreFixtures.credentialId(), owner);
    assertThat(store.add(c)).isTrue();

    assertThat(store.remove(c.id())).isTrue();
    assertThat(store.remove(c.id())).isFalse();
    assertThat(reopen(store).find(c.id())).isEmpty();
    assertThat(store.findByOwner(owner)).isEmpty();
    TotpCredential again = StoreFixtures.totpCredential(c.id(), owner);
    assertThat(store.add(again)).isTrue();
    assertSameCredential(store.find(c.id()).orElseThrow(), again);
  }

  /** Neither the store's nor a found credential's {@code toString} shows the secret. */
  @Test
  public void toString_storeAndFoundCredential_neverShowSecret() {
    TotpCredentialStore store = newStore();
    TotpCredential c =
        StoreFixtures.totpCredential(StoreFixtures.credentialId(), StoreFixtures.principal());
    assertThat(store.add(c)).isTrue();
    String base32 = c.secret().revealBase32();
    String hex = HexFormat.of().formatHex(c.secret().revealBytes());

    for (String s : List.of(store.toString(), store.find(c.id()).orElseThrow().toString())) {
      assertThat(s).doesNotContainIgnoringCase(base32).doesNotContainIgnoringCase(hex);
      assertThat(s)
          .doesNotContain(java.util.Base64.getEncoder().encodeToString(c.secret().revealBytes()));
    }
  }

  /** Null arguments are refused with {@link NullPointerException}. */
  @Test
  public void allMethods_nullArguments_throwNullPointerException() {
    TotpCredentialStore store = newStore();

    assertThatThrownBy(() -> store.add((TotpCredential) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.find(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.findByOwner(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.remove(null)).isInstanceOf(NullPointerException.class);
  }
}

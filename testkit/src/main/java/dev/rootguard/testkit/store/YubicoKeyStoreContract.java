package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.testsupport.Race;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link YubicoKeyStore} must pass: keys come back with the same private id and
 * AES key (after a reopen too), a public id is added once, {@link
 * YubicoKeyStore#compareAndSetYubicoKey} is atomic by version (one winner among {@value #THREADS}
 * racing threads, no lost update), and secrets never show in {@code toString}.
 *
 * <pre>{@code
 * class MyYubicoKeyStoreTest extends YubicoKeyStoreContract {
 *   @Override protected YubicoKeyStore newStore() { return new MyKsm(dataSource, sealer); }
 * }
 * }</pre>
 *
 * <p>A new instance per test method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class YubicoKeyStoreContract extends StoreContract {

  /** Creates the contract; for subclasses. */
  protected YubicoKeyStoreContract() {}

  /**
   * Returns a store under test. Each call may return a new store or one sharing data with earlier
   * calls; the tests use fresh random public ids.
   *
   * @return the store
   */
  protected abstract YubicoKeyStore newStore();

  /**
   * Returns a second store over the same data as {@code store} (a new connection, a re-read file),
   * to check that keys and states are kept. Default: {@code store} itself, right for an in-memory
   * store.
   *
   * @param store a store from {@link #newStore()}
   * @return a store reading the same data
   */
  protected YubicoKeyStore reopen(YubicoKeyStore store) {
    return store;
  }

  static void assertSameKey(YubicoKey actual, YubicoKey expected) {
    assertThat(actual.publicId()).isEqualTo(expected.publicId());
    assertThat(actual.revealPrivateId()).as("private id").isEqualTo(expected.revealPrivateId());
    assertThat(actual.revealAesKey()).as("AES key").isEqualTo(expected.revealAesKey());
  }

  /** A new key is stored whole with the state of a new key. */
  @Test
  public void addYubicoKey_newKey_storedWholeWithNewState() {
    YubicoKeyStore store = newStore();
    YubicoKey key = StoreFixtures.yubicoKey();

    store.addYubicoKey(key);

    YubicoKeyStore again = reopen(store);
    assertSameKey(again.yubicoKey(key.publicId()).orElseThrow(), key);
    TokenState s = again.yubicoKeyState(key.publicId()).orElseThrow();
    assertThat(s.owner()).isEmpty();
    assertThat(s.disabled()).isFalse();
    assertThat(s.lastSequence()).isEmpty();
  }

  /** An unknown public id has neither key nor state. */
  @Test
  public void yubicoKey_unknownPublicId_empty() {
    YubicoKeyStore store = newStore();
    String id = StoreFixtures.yubicoPublicId();

    assertThat(store.yubicoKey(id)).isEmpty();
    assertThat(store.yubicoKeyState(id)).isEmpty();
  }

  /** Adding a public id twice fails naming field {@code publicId}, and the first key stays. */
  @Test
  public void addYubicoKey_duplicatePublicId_throwsAndKeepsFirst() {
    YubicoKeyStore store = newStore();
    YubicoKey first = StoreFixtures.yubicoKey();
    store.addYubicoKey(first);
    YubicoKey second =
        YubicoKey.of(first.publicId(), StoreFixtures.randomBytes(6), StoreFixtures.randomBytes(16));

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> store.addYubicoKey(second));

    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("publicId");
    assertSameKey(reopen(store).yubicoKey(first.publicId()).orElseThrow(), first);
  }

  /** Compare-and-set with the current version stores the change with the next version. */
  @Test
  public void compareAndSetYubicoKey_currentVersion_storesWithNextVersion() {
    YubicoKeyStore store = newStore();
    YubicoKey key = StoreFixtures.yubicoKey();
    store.addYubicoKey(key);
    TokenState s0 = store.yubicoKeyState(key.publicId()).orElseThrow();

    assertThat(store.compareAndSetYubicoKey(key.publicId(), s0, s0.withAccepted(0x1_2345L, 0)))
        .isTrue();

    TokenState s1 = reopen(store).yubicoKeyState(key.publicId()).orElseThrow();
    assertThat(s1.version()).isEqualTo(s0.version() + 1);
    assertThat(s1.lastSequence()).isEqualTo(OptionalLong.of(0x1_2345L));
  }

  /** Compare-and-set with a stale version, or on an unknown public id, changes nothing. */
  @Test
  public void compareAndSetYubicoKey_staleVersionOrUnknownId_refused() {
    YubicoKeyStore store = newStore();
    YubicoKey key = StoreFixtures.yubicoKey();
    store.addYubicoKey(key);
    TokenState s0 = store.yubicoKeyState(key.publicId()).orElseThrow();
    assertThat(store.compareAndSetYubicoKey(key.publicId(), s0, s0.withAccepted(3, 0))).isTrue();
    TokenState s1 = store.yubicoKeyState(key.publicId()).orElseThrow();

    assertThat(store.compareAndSetYubicoKey(key.publicId(), s0, s0.withAccepted(9, 0))).isFalse();
    assertThat(
            store.compareAndSetYubicoKey(StoreFixtures.yubicoPublicId(), s0, s0.withAccepted(9, 0)))
        .isFalse();
    assertThat(reopen(store).yubicoKeyState(key.publicId())).contains(s1);
  }

  /**
   * {@value #THREADS} threads submit the same compare-and-set at once, each with its own counter,
   * for {@link #rounds()} rounds: exactly one wins each round and its counter is stored.
   */
  @Test
  public void compareAndSetYubicoKey_racingThreads_exactlyOneWinnerPerRound() {
    YubicoKeyStore store = newStore();
    YubicoKey key = StoreFixtures.yubicoKey();
    store.addYubicoKey(key);
    AtomicReference<TokenState> expected = new AtomicReference<>();
    long[] wonSequence = new long[1];
    AtomicReference<String> wrong = new AtomicReference<>();

    int[] winners =
        Race.rounds(
            THREADS,
            checkedRounds(),
            r -> {
              TokenState now = store.yubicoKeyState(key.publicId()).orElseThrow();
              if (r > 0 && now.lastSequence().orElse(-1) != wonSequence[0] && wrong.get() == null) {
                wrong.set("after round " + (r - 1) + ": " + now + ", winner " + wonSequence[0]);
              }
              expected.set(now);
            },
            (r, t) -> {
              long seq = (long) r * THREADS + t;
              TokenState e = expected.get();
              if (store.compareAndSetYubicoKey(key.publicId(), e, e.withAccepted(seq, 0))) {
                wonSequence[0] = seq;
                return true;
              }
              return false;
            });

    assertThat(Race.roundsWithoutOneWinner(winners))
        .as("rounds without exactly one winner")
        .isEmpty();
    assertThat(wrong.get()).as("state after a round is the winner's").isNull();
  }

  /**
   * {@value #THREADS} threads each bump the counter with retry loops: the final counter and version
   * count every success.
   */
  @Test
  public void compareAndSetYubicoKey_retryLoops_noLostUpdate() {
    YubicoKeyStore store = newStore();
    YubicoKey key = StoreFixtures.yubicoKey();
    store.addYubicoKey(key);
    long v0 = store.yubicoKeyState(key.publicId()).orElseThrow().version();
    int perThread = Math.max(10, checkedRounds() / 10);

    Race.together(
        THREADS,
        t -> {
          for (int i = 0; i < perThread; i++) {
            while (true) {
              TokenState s = store.yubicoKeyState(key.publicId()).orElseThrow();
              TokenState next = s.withAccepted(s.lastSequence().orElse(-1) + 1, 0);
              if (store.compareAndSetYubicoKey(key.publicId(), s, next)) {
                break;
              }
            }
          }
        });

    TokenState end = reopen(store).yubicoKeyState(key.publicId()).orElseThrow();
    assertThat(end.lastSequence()).hasValue((long) THREADS * perThread - 1);
    assertThat(end.version()).isEqualTo(v0 + (long) THREADS * perThread);
  }

  /** Assigning is stored; on an unknown public id it fails naming {@code publicId}. */
  @Test
  public void assignYubicoKey_storedOrUnknownIdThrows() {
    YubicoKeyStore store = newStore();
    YubicoKey key = StoreFixtures.yubicoKey();
    store.addYubicoKey(key);
    Principal carol = StoreFixtures.principal();

    store.assignYubicoKey(key.publicId(), carol);

    assertThat(reopen(store).yubicoKeyState(key.publicId()).orElseThrow().owner()).contains(carol);
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> store.assignYubicoKey(StoreFixtures.yubicoPublicId(), carol));
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("publicId");
  }

  /** A removed key is gone with its state; the public ids stay sorted. */
  @Test
  public void removeYubicoKey_existing_goneAndIdsSorted() {
    YubicoKeyStore store = newStore();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      YubicoKey k = StoreFixtures.yubicoKey();
      store.addYubicoKey(k);
      ids.add(k.publicId());
    }

    assertThat(store.removeYubicoKey(ids.get(0))).isTrue();
    assertThat(store.removeYubicoKey(ids.get(0))).isFalse();

    YubicoKeyStore again = reopen(store);
    assertThat(again.yubicoKey(ids.get(0))).isEmpty();
    assertThat(again.yubicoKeyState(ids.get(0))).isEmpty();
    List<String> all = again.yubicoPublicIds();
    assertThat(all).isSorted().doesNotContain(ids.get(0)).containsAll(ids.subList(1, 4));
  }

  /** Neither the store's nor a key's {@code toString} shows the AES key or private id. */
  @Test
  public void toString_storeAndKey_neverShowSecrets() {
    YubicoKeyStore store = newStore();
    YubicoKey key = StoreFixtures.yubicoKey();
    store.addYubicoKey(key);
    List<String> forms = new ArrayList<>();
    for (byte[] secret : List.of(key.revealAesKey(), key.revealPrivateId())) {
      forms.add(HexFormat.of().formatHex(secret));
      forms.add(Base64.getEncoder().encodeToString(secret));
    }

    for (String shown :
        List.of(store.toString(), store.yubicoKey(key.publicId()).orElseThrow().toString())) {
      for (String f : forms) {
        assertThat(shown).doesNotContainIgnoringCase(f);
      }
    }
  }

  /** Null arguments are refused with {@link NullPointerException}. */
  @Test
  public void allMethods_nullArguments_throwNullPointerException() {
    YubicoKeyStore store = newStore();
    YubicoKey key = StoreFixtures.yubicoKey();
    store.addYubicoKey(key);
    TokenState s = store.yubicoKeyState(key.publicId()).orElseThrow();

    assertThatThrownBy(() -> store.addYubicoKey(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.yubicoKey(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.yubicoKeyState(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSetYubicoKey(null, s, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSetYubicoKey(key.publicId(), null, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSetYubicoKey(key.publicId(), s, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.removeYubicoKey(null)).isInstanceOf(NullPointerException.class);
  }
}

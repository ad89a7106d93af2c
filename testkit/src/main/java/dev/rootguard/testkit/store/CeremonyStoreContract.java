package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CeremonyStore.Ceremony;
import dev.rootguard.mfa.CeremonyStore.Status;
import dev.rootguard.mfa.CeremonyStore.Taken;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CeremonyStore} must pass: a ceremony is put once (never replaced) and
 * taken at most once, even by {@value #THREADS} threads at the same moment; a taken ceremony then
 * reads {@link Status#USED}; expiry follows the caller's {@code now}; a ceremony of another kind
 * reads {@link Status#UNKNOWN}.
 *
 * <pre>{@code
 * class MyCeremonyStoreTest extends CeremonyStoreContract {
 *   @Override protected CeremonyStore newStore() { return new MyCeremonyStore(dataSource); }
 * }
 * }</pre>
 *
 * <p>The store must hold at least {@link #rounds()} ceremonies plus a few. A new instance per test
 * method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class CeremonyStoreContract extends StoreContract {
  private static final String KIND = "authentication";
  private static final Instant NOW = StoreFixtures.NOW;
  private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(5));

  /** Creates the contract; for subclasses. */
  protected CeremonyStoreContract() {}

  /**
   * Returns a store under test. Each call may return a new store or one sharing data with earlier
   * calls; the tests use fresh random ids.
   *
   * @return the store
   */
  protected abstract CeremonyStore newStore();

  /**
   * Returns a second store over the same data as {@code store} (as another server would see it).
   * Default: {@code store} itself, right for an in-memory store.
   *
   * @param store a store from {@link #newStore()}
   * @return a store reading the same data
   */
  protected CeremonyStore reopen(CeremonyStore store) {
    return store;
  }

  private static Ceremony ceremony(String payload) {
    return new Ceremony(KIND, StoreFixtures.principal(), EXPIRES, payload);
  }

  /** A put ceremony is taken once, whole, then reads as USED. */
  @Test
  public void take_storedCeremony_takenOnceThenUsed() {
    CeremonyStore store = newStore();
    String id = StoreFixtures.ceremonyId();
    Ceremony c = ceremony("{\"challenge\":\"" + StoreFixtures.uniqueId("c") + "\"}");
    assertThat(store.put(id, c)).isTrue();

    Taken first = reopen(store).take(id, KIND, NOW);
    Taken second = store.take(id, KIND, NOW.plusSeconds(1));

    assertThat(first.status()).isEqualTo(Status.TAKEN);
    assertThat(first.ceremony()).contains(c);
    assertThat(second.status()).isEqualTo(Status.USED);
    assertThat(second.ceremony()).isEmpty();
  }

  /** A large payload with non-ASCII text comes back unchanged. */
  @Test
  public void take_largeUnicodePayload_comesBackUnchanged() {
    CeremonyStore store = newStore();
    String id = StoreFixtures.ceremonyId();
    String payload = "{\"name\":\"ルート 🔑 \\\"quoted\\\"\",\"pad\":\"" + "x".repeat(16_000) + "\"}";
    assertThat(store.put(id, ceremony(payload))).isTrue();

    assertThat(store.take(id, KIND, NOW).ceremony().map(Ceremony::payload)).contains(payload);
  }

  /** An id never put reads as UNKNOWN. */
  @Test
  public void take_unknownId_unknown() {
    Taken t = newStore().take(StoreFixtures.ceremonyId(), KIND, NOW);

    assertThat(t.status()).isEqualTo(Status.UNKNOWN);
    assertThat(t.ceremony()).isEmpty();
  }

  /** A ceremony asked for as another kind reads as UNKNOWN and is not handed out. */
  @Test
  public void take_wrongKind_unknown() {
    CeremonyStore store = newStore();
    String id = StoreFixtures.ceremonyId();
    assertThat(store.put(id, ceremony("p"))).isTrue();

    Taken t = store.take(id, "registration", NOW);

    assertThat(t.status()).isEqualTo(Status.UNKNOWN);
    assertThat(t.ceremony()).isEmpty();
  }

  /** A second put under an id never replaces the first ceremony. */
  @Test
  public void put_sameIdTwice_refusedAndFirstKept() {
    CeremonyStore store = newStore();
    String id = StoreFixtures.ceremonyId();
    Ceremony first = ceremony("first");
    assertThat(store.put(id, first)).isTrue();

    assertThat(store.put(id, ceremony("second"))).isFalse();
    assertThat(reopen(store).put(id, ceremony("third"))).isFalse();
    assertThat(store.take(id, KIND, NOW).ceremony()).contains(first);
  }

  /** A put under the id of a taken ceremony (its tombstone) is refused: it cannot be revived. */
  @Test
  public void put_overTombstone_refusedAndStillUsed() {
    CeremonyStore store = newStore();
    String id = StoreFixtures.ceremonyId();
    assertThat(store.put(id, ceremony("first"))).isTrue();
    assertThat(store.take(id, KIND, NOW).status()).isEqualTo(Status.TAKEN);

    assertThat(store.put(id, ceremony("again"))).isFalse();
    assertThat(store.take(id, KIND, NOW).status()).isEqualTo(Status.USED);
  }

  /** At its expiry instant (not after) a ceremony is no longer taken, and never is again. */
  @Test
  public void take_atExpiresAt_expiredAndNeverTaken() {
    CeremonyStore store = newStore();
    String id = StoreFixtures.ceremonyId();
    assertThat(store.put(id, ceremony("p"))).isTrue();

    Taken atExpiry = store.take(id, KIND, EXPIRES);
    Taken later = store.take(id, KIND, EXPIRES.plusSeconds(60));

    assertThat(atExpiry.status()).isEqualTo(Status.EXPIRED);
    assertThat(atExpiry.ceremony()).isEmpty();
    assertThat(later.status()).isIn(Status.EXPIRED, Status.UNKNOWN);
  }

  /** Expiry follows the caller's {@code now}: a second before expiry the ceremony is taken. */
  @Test
  public void take_secondBeforeExpiry_taken() {
    CeremonyStore store = newStore();
    String id = StoreFixtures.ceremonyId();
    assertThat(store.put(id, ceremony("p"))).isTrue();

    assertThat(store.take(id, KIND, EXPIRES.minusSeconds(1)).status()).isEqualTo(Status.TAKEN);
  }

  /**
   * {@value #THREADS} threads take one ceremony at once, for {@link #rounds()} ceremonies: exactly
   * one gets TAKEN, and every other thread USED.
   */
  @Test
  public void take_racingThreads_exactlyOneTakenRestUsed() {
    CeremonyStore store = newStore();
    int rounds = checkedRounds();
    String[] ids = new String[rounds];
    AtomicIntegerArray used = new AtomicIntegerArray(rounds);

    int[] winners =
        Race.rounds(
            THREADS,
            rounds,
            r -> {
              ids[r] = StoreFixtures.ceremonyId();
              if (!store.put(ids[r], ceremony("round " + r))) {
                throw new AssertionError("put refused a fresh id");
              }
            },
            (r, t) -> {
              Taken taken = store.take(ids[r], KIND, NOW);
              if (taken.status() == Status.USED) {
                used.incrementAndGet(r);
              }
              return taken.status() == Status.TAKEN
                  && taken.ceremony().map(Ceremony::payload).orElse("").equals("round " + r);
            });

    assertThat(Race.roundsWithoutOneWinner(winners))
        .as("rounds without exactly one TAKEN")
        .isEmpty();
    List<String> notUsed = new ArrayList<>();
    for (int r = 0; r < rounds && notUsed.size() < 10; r++) {
      if (used.get(r) != THREADS - 1) {
        notUsed.add("round " + r + ": " + used.get(r) + " USED");
      }
    }
    assertThat(notUsed).as("rounds whose losers did not all read USED").isEmpty();
  }

  /**
   * {@value #THREADS} threads put different ceremonies under one id at once, for a tenth of {@link
   * #rounds()} ids: exactly one put succeeds and its ceremony is the one taken.
   */
  @Test
  public void put_racingThreads_exactlyOneStored() {
    CeremonyStore store = newStore();
    int rounds = Math.max(10, checkedRounds() / 10);
    String[] ids = new String[rounds];
    String[] wonPayload = new String[rounds];

    int[] winners =
        Race.rounds(
            THREADS,
            rounds,
            r -> ids[r] = StoreFixtures.ceremonyId(),
            (r, t) -> {
              String payload = "round " + r + " thread " + t;
              if (store.put(ids[r], ceremony(payload))) {
                wonPayload[r] = payload;
                return true;
              }
              return false;
            });

    assertThat(Race.roundsWithoutOneWinner(winners)).as("ids stored other than once").isEmpty();
    for (int r = 0; r < rounds; r++) {
      assertThat(store.take(ids[r], KIND, NOW).ceremony().map(Ceremony::payload))
          .contains(wonPayload[r]);
    }
  }

  /**
   * Purging deletes expired ceremonies (they then read UNKNOWN) and counts them, and keeps the ones
   * still pending.
   */
  @Test
  public void purgeExpired_mixedCeremonies_deletesOnlyExpired() {
    CeremonyStore store = newStore();
    String early1 = StoreFixtures.ceremonyId();
    String early2 = StoreFixtures.ceremonyId();
    String late = StoreFixtures.ceremonyId();
    Principal p = StoreFixtures.principal();
    Instant lateExpiry = EXPIRES.plus(Duration.ofHours(1));
    assertThat(store.put(early1, new Ceremony(KIND, p, EXPIRES, "a"))).isTrue();
    assertThat(store.put(early2, new Ceremony(KIND, p, EXPIRES, "b"))).isTrue();
    assertThat(store.put(late, new Ceremony(KIND, p, lateExpiry, "c"))).isTrue();
    Instant purgeAt = EXPIRES.plusSeconds(1);

    int purged = store.purgeExpired(purgeAt);

    assertThat(purged)
        .as("at least the two expired ceremonies of this test")
        .isGreaterThanOrEqualTo(2);
    assertThat(store.take(early1, KIND, purgeAt).status()).isEqualTo(Status.UNKNOWN);
    assertThat(store.take(early2, KIND, purgeAt).status()).isEqualTo(Status.UNKNOWN);
    assertThat(store.take(late, KIND, purgeAt).status()).isEqualTo(Status.TAKEN);
  }

  /** Ids outside 16 to 128 URL-safe characters are refused. */
  @Test
  public void put_malformedId_throwsIllegalArgumentException() {
    CeremonyStore store = newStore();
    Ceremony c = ceremony("p");

    assertThatThrownBy(() -> store.put("too-short", c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put("x".repeat(129), c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put("has space in it 0123", c))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Null arguments are refused with {@link NullPointerException}. */
  @Test
  public void allMethods_nullArguments_throwNullPointerException() {
    CeremonyStore store = newStore();
    String id = StoreFixtures.ceremonyId();

    assertThatThrownBy(() -> store.put(null, ceremony("p")))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.put(id, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.take(null, KIND, NOW)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.take(id, null, NOW)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.take(id, KIND, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.purgeExpired(null)).isInstanceOf(NullPointerException.class);
  }

  /** The store's {@code toString} never shows a payload (payloads are never logged). */
  @Test
  public void toString_afterPut_showsNoPayload() {
    CeremonyStore store = newStore();
    String secret = StoreFixtures.uniqueId("payload");
    assertThat(store.put(StoreFixtures.ceremonyId(), ceremony(secret))).isTrue();

    assertThat(store.toString()).doesNotContain(secret);
  }
}

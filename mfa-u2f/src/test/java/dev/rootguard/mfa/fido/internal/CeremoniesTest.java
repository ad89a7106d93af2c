package dev.rootguard.mfa.fido.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The verifier's side of pending ceremonies: ids, expiry, bounded retries on id collisions, and the
 * two purge triggers (every 256 starts, and at least once a minute by the clock).
 */
class CeremoniesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Principal ALICE = Principal.of("alice");

  /** Wraps the in-memory store, counts purges and can refuse a number of puts. */
  private static final class RecordingStore implements CeremonyStore {
    final CeremonyStore inner = CeremonyStore.inMemory(10_000);
    final List<Instant> purges = new ArrayList<>();
    final List<String> putIds = new ArrayList<>();
    int refuseNextPuts;

    @Override
    public boolean put(String id, Ceremony ceremony) {
      putIds.add(id);
      if (refuseNextPuts > 0) {
        refuseNextPuts--;
        return false;
      }
      return inner.put(id, ceremony);
    }

    @Override
    public Taken take(String id, String kind, Instant now) {
      return inner.take(id, kind, now);
    }

    @Override
    public int purgeExpired(Instant now) {
      purges.add(now);
      return inner.purgeExpired(now);
    }
  }

  private final MutableClock clock = new MutableClock(T0);
  private final RecordingStore store = new RecordingStore();
  private final Ceremonies ceremonies = new Ceremonies(store, clock, Duration.ofMinutes(5));

  @Test
  void start_expiresAfterTheTtl_andTheIdIs24Base64UrlCharacters() {
    Ceremonies.Started s = ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(s.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    // 18 random bytes = 144 bits, 24 characters of base64url without padding
    assertThat(s.id()).matches(Pattern.compile("[A-Za-z0-9_-]{24}"));
    assertThat(ceremonies.store()).isSameAs(store);
  }

  @Test
  void start_idsAreFreshEachTime() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ids.add(ceremonies.start(Ceremonies.REGISTRATION, ALICE, "{}").id());
    }
    assertThat(ids).hasSize(200);
  }

  @Test
  void take_returnsTheCeremonyOnce_forItsKindOnly() {
    String id = ceremonies.start(Ceremonies.REGISTRATION, ALICE, "payload").id();
    assertThat(ceremonies.take(id, Ceremonies.AUTHENTICATION).status())
        .isEqualTo(CeremonyStore.Status.UNKNOWN);
    CeremonyStore.Taken t = ceremonies.take(id, Ceremonies.REGISTRATION);
    assertThat(t.status()).isEqualTo(CeremonyStore.Status.TAKEN);
    assertThat(t.ceremony().orElseThrow().payload()).isEqualTo("payload");
    assertThat(t.ceremony().orElseThrow().principal()).isEqualTo(ALICE);
    assertThat(ceremonies.take(id, Ceremonies.REGISTRATION).status())
        .isEqualTo(CeremonyStore.Status.USED);
  }

  @Test
  void take_afterTheTtl_isExpired() {
    String id = ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}").id();
    clock.set(T0.plus(Duration.ofMinutes(5)).plusSeconds(1));
    assertThat(ceremonies.take(id, Ceremonies.AUTHENTICATION).status())
        .isEqualTo(CeremonyStore.Status.EXPIRED);
  }

  @Test
  void take_malformedIdIsUnknown_notAnException() {
    assertThat(ceremonies.take("short", Ceremonies.AUTHENTICATION).status())
        .isEqualTo(CeremonyStore.Status.UNKNOWN);
    assertThat(ceremonies.take("has spaces in it, 24 chars", Ceremonies.AUTHENTICATION).status())
        .isEqualTo(CeremonyStore.Status.UNKNOWN);
  }

  @Test
  void start_idCollision_retriesWithANewId() {
    store.refuseNextPuts = 4;
    Ceremonies.Started s = ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(store.putIds).hasSize(5).doesNotHaveDuplicates().endsWith(s.id());
    assertThat(ceremonies.take(s.id(), Ceremonies.AUTHENTICATION).status())
        .isEqualTo(CeremonyStore.Status.TAKEN);
  }

  @Test
  void start_fiveRefusalsInARow_isAStoreFailure() {
    store.refuseNextPuts = 5;
    assertThatThrownBy(() -> ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("5");
    assertThat(store.putIds).hasSize(5);
  }

  @Test
  void start_purgesOnEvery256thStart_withoutTheClockMoving() {
    for (int i = 1; i < 256; i++) {
      ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    }
    assertThat(store.purges).isEmpty();
    ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(store.purges).containsExactly(T0);
    for (int i = 0; i < 255; i++) {
      ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    }
    assertThat(store.purges).hasSize(1);
    ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(store.purges).hasSize(2);
  }

  @Test
  void start_purgesOnceAMinuteByTheClock() {
    clock.set(T0.plusSeconds(59));
    ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(store.purges).isEmpty();
    clock.set(T0.plusSeconds(60));
    ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(store.purges).containsExactly(T0.plusSeconds(60));
    // the minute restarts from the last purge
    clock.set(T0.plusSeconds(119));
    ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(store.purges).hasSize(1);
    clock.set(T0.plusSeconds(120));
    ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(store.purges).containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
  }

  @Test
  void start_purgeDropsExpiredCeremonies() {
    String old = ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}").id();
    clock.set(T0.plus(Duration.ofMinutes(6)));
    ceremonies.start(Ceremonies.AUTHENTICATION, ALICE, "{}");
    assertThat(store.purges).containsExactly(T0.plus(Duration.ofMinutes(6)));
    assertThat(ceremonies.take(old, Ceremonies.AUTHENTICATION).status())
        .isIn(CeremonyStore.Status.UNKNOWN, CeremonyStore.Status.EXPIRED);
  }

  @Test
  void constructor_refusesNulls() {
    assertThatThrownBy(() -> new Ceremonies(null, clock, Duration.ofMinutes(1)))
        .hasMessageContaining("store");
    assertThatThrownBy(() -> new Ceremonies(store, null, Duration.ofMinutes(1)))
        .hasMessageContaining("clock");
    assertThatThrownBy(() -> new Ceremonies(store, clock, null)).hasMessageContaining("ttl");
  }
}

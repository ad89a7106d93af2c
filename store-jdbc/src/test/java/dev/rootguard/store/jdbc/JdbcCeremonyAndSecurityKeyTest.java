package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CeremonyStore.Ceremony;
import dev.rootguard.mfa.CeremonyStore.Status;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.testsupport.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcCeremonyAndSecurityKeyTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00.000000123Z");
  private final JdbcStores stores =
      JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();

  private static String id() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static Ceremony ceremony(String kind, Instant expires) {
    return new Ceremony(kind, Principal.of("alice"), expires, "{\"challenge\":\"abc\"}");
  }

  @Test
  void take_sixteenThreadsRacing_exactlyOneTakenRestUsed() throws Exception {
    CeremonyStore store = stores.ceremonies();
    for (int round = 0; round < 50; round++) {
      String id = id();
      store.put(id, ceremony("authentication", NOW.plusSeconds(60)));
      List<Status> r = Race.collect(16, i -> store.take(id, "authentication", NOW).status());

      assertThat(r).filteredOn(s -> s == Status.TAKEN).hasSize(1);
      assertThat(r).filteredOn(s -> s == Status.USED).hasSize(15);
    }
  }

  @Test
  void take_taken_returnsCeremonyExactly() {
    CeremonyStore store = stores.ceremonies();
    String id = id();
    Ceremony c = ceremony("registration", NOW.plusSeconds(300));
    assertThat(store.put(id, c)).isTrue();

    CeremonyStore.Taken t = store.take(id, "registration", NOW);

    assertThat(t.status()).isEqualTo(Status.TAKEN);
    assertThat(t.ceremony()).hasValue(c);
  }

  @Test
  void put_existingId_refusedAndOriginalKept() {
    CeremonyStore store = stores.ceremonies();
    String id = id();
    store.put(id, ceremony("registration", NOW.plusSeconds(300)));

    assertThat(
            store.put(
                id, new Ceremony("registration", Principal.of("eve"), NOW.plusSeconds(300), "{}")))
        .isFalse();
    assertThat(store.take(id, "registration", NOW).ceremony().orElseThrow().principal())
        .isEqualTo(Principal.of("alice"));
  }

  @Test
  void take_expiryFromCallersClock_expiredAtTheInstant() {
    CeremonyStore store = stores.ceremonies();
    String id = id();
    Instant expires = NOW.plusSeconds(60);
    store.put(id, ceremony("authentication", expires));

    assertThat(store.take(id, "authentication", expires).status()).isEqualTo(Status.EXPIRED);
    assertThat(store.take(id, "authentication", expires.minusNanos(1)).status())
        .isEqualTo(Status.TAKEN);
    assertThat(store.take(id, "authentication", expires.minusNanos(1)).status())
        .isEqualTo(Status.USED);
    assertThat(store.take(id, "authentication", expires).status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void take_otherKindOrUnknownId_unknown() {
    CeremonyStore store = stores.ceremonies();
    String id = id();
    store.put(id, ceremony("registration", NOW.plusSeconds(60)));

    assertThat(store.take(id, "authentication", NOW).status()).isEqualTo(Status.UNKNOWN);
    assertThat(store.take(id(), "registration", NOW).status()).isEqualTo(Status.UNKNOWN);
    assertThat(store.take(id, "registration", NOW).status()).isEqualTo(Status.TAKEN);
  }

  @Test
  void purgeExpired_removesExpiredAndTombstonesOnly() {
    CeremonyStore store = stores.ceremonies();
    Instant far = Instant.parse("2200-01-01T00:00:00Z");
    String old = id();
    String live = id();
    store.put(old, ceremony("registration", far.plusSeconds(1)));
    store.put(live, ceremony("registration", far.plusSeconds(120)));

    assertThat(store.purgeExpired(far.plusSeconds(60))).isGreaterThanOrEqualTo(1);
    assertThat(store.take(old, "registration", far).status()).isEqualTo(Status.UNKNOWN);
    assertThat(store.take(live, "registration", far).status()).isEqualTo(Status.TAKEN);
  }

  @Test
  void put_badId_rejectedNamingId() {
    assertThatThrownBy(() -> stores.ceremonies().put("short", ceremony("registration", NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("id:");
  }

  // ---- security keys ----

  private static SecurityKeyCredential key(Principal p, String id, long count) {
    return new SecurityKeyCredential(
        p,
        CredentialId.of(id),
        "handle-" + p.id(),
        "pQECAyYgASFYI...",
        count,
        UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8"),
        "YubiKey 5",
        "packed",
        true,
        false,
        false,
        true,
        Set.of("usb", "nfc"),
        false,
        NOW.plus(Duration.ofSeconds(count)));
  }

  @Test
  void securityKeys_addFindAndList_roundTripEveryField() {
    SecurityKeyStore keys = stores.securityKeys();
    Principal bob = Principal.of("bob-" + id());
    SecurityKeyCredential k1 = key(bob, "cred-" + id(), 1);
    SecurityKeyCredential k2 = key(bob, "cred-" + id(), 2);

    assertThat(keys.add(k2)).isTrue();
    assertThat(keys.add(k1)).isTrue();
    assertThat(keys.add(k1.withSignatureCount(99))).isFalse();
    assertThat(keys.find(k1.id())).hasValue(k1);
    assertThat(keys.findByPrincipal(bob)).containsExactly(k1, k2);
    assertThat(keys.remove(k1.id())).isTrue();
    assertThat(keys.find(k1.id())).isEmpty();
  }

  @Test
  void updateSignatureCount_sixteenThreadsSameExpected_exactlyOneWinner() throws Exception {
    SecurityKeyStore keys = stores.securityKeys();
    SecurityKeyCredential k = key(Principal.of("carol"), "cred-" + id(), 10);
    keys.add(k);
    for (long round = 0; round < 50; round++) {
      long expected = 10 + round;
      List<Boolean> r =
          Race.collect(16, i -> keys.updateSignatureCount(k.id(), expected, expected + 1));

      assertThat(r).filteredOn(b -> b).hasSize(1);
    }
    assertThat(keys.find(k.id()).orElseThrow().signatureCount()).isEqualTo(60);
  }

  @Test
  void updateSignatureCount_outOfRange_rejectedNamingField() {
    assertThatThrownBy(
            () -> stores.securityKeys().updateSignatureCount(CredentialId.of("x"), 1, 1L << 32))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e -> assertThat(((InvalidInputException) e).field()).isEqualTo("signatureCount"));
  }

  @Test
  void securityKeys_transportWithComma_rejectedNamingFieldAndNothingStored() {
    SecurityKeyCredential good = key(Principal.of("heidi"), "cred-" + id(), 1);
    SecurityKeyCredential bad =
        new SecurityKeyCredential(
            good.principal(),
            good.id(),
            good.userHandle(),
            good.publicKey(),
            good.signatureCount(),
            good.aaguid(),
            good.authenticatorName(),
            good.attestationFormat(),
            good.attestationTrusted(),
            good.backupEligible(),
            good.backedUp(),
            good.hardware(),
            Set.of("usb,nfc"),
            good.legacyU2f(),
            good.registeredAt());

    assertThatThrownBy(() -> stores.securityKeys().add(bad))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("transports"));
    assertThat(stores.securityKeys().find(good.id())).isEmpty();
  }

  @Test
  void userHandle_sixteenThreadsRacing_principalGetsExactlyOne() throws Exception {
    SecurityKeyStore keys = stores.securityKeys();
    Principal dave = Principal.of("dave-" + id());
    AtomicInteger made = new AtomicInteger();
    List<String> handles =
        Race.collect(
            16, i -> keys.userHandle(dave, () -> "h" + made.incrementAndGet() + "-" + id()));

    assertThat(Set.copyOf(handles)).hasSize(1);
    assertThat(keys.findPrincipalByUserHandle(handles.get(0))).hasValue(dave);
    assertThat(keys.findPrincipalByUserHandle("nobody")).isEmpty();
    assertThat(keys.userHandle(dave, () -> "never")).isEqualTo(handles.get(0));
  }
}

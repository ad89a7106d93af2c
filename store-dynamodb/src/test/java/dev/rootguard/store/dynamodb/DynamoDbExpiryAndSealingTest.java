package dev.rootguard.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CeremonyStore.Status;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.seal.SealingException;
import dev.rootguard.testkit.store.StoreFixtures;
import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Expired items still in the table (TTL deletes lazily, dynalite never) read as absent by the
 * injected clock; secrets are sealed at rest and bound to their item; a crashed {@code addAll}
 * leaves nothing visible.
 */
class DynamoDbExpiryAndSealingTest {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  private Map<String, AttributeValue> raw(String pk, String sk) {
    Map<String, AttributeValue> item =
        DDB.client()
            .getItem(
                r ->
                    r.tableName(DDB.table())
                        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? null : item;
  }

  private void putRaw(Map<String, AttributeValue> item) {
    DDB.client().putItem(r -> r.tableName(DDB.table()).item(item));
  }

  @Test
  void ceremony_pastExpiryButStillStored_expiredThenUnknown() {
    CeremonyStore store = DDB.open().ceremonies();
    String id = StoreFixtures.ceremonyId();
    Instant expires = Instant.parse("2026-12-01T09:05:00.250Z");
    assertThat(
            store.put(
                id, new CeremonyStore.Ceremony("authentication", Principal.of("a"), expires, "p")))
        .isTrue();
    Map<String, AttributeValue> item = raw("CEREMONY#" + id, "C");
    assertThat(item.get("ttl").n())
        .as("TTL: epoch seconds, rounded up")
        .isEqualTo(Long.toString(expires.getEpochSecond() + 1));

    assertThat(store.take(id, "authentication", expires).status()).isEqualTo(Status.EXPIRED);
    assertThat(raw("CEREMONY#" + id, "C")).as("still stored, unused").isNotNull();
    assertThat(raw("CEREMONY#" + id, "C").get("used").bool()).isFalse();
    assertThat(store.take(id, "authentication", expires.minusMillis(1)).status())
        .isEqualTo(Status.TAKEN);
    assertThat(store.take(id, "authentication", expires.plusSeconds(3600)).status())
        .isEqualTo(Status.UNKNOWN);
  }

  @Test
  void attempts_lapsedReservationsStillStored_holdNoBudget() {
    MutableClock clock = new MutableClock(StoreFixtures.NOW);
    DynamoDbStores stores =
        DynamoDbStores.builder(DDB.client(), DDB.table(), DynaliteTable.sealer())
            .clock(clock)
            .lockoutPolicy(new LockoutPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(1)))
            .reservationTimeout(Duration.ofSeconds(5))
            .build();
    Principal p = StoreFixtures.principal();
    assertThat(stores.attemptLimiter().tryAcquire(p)).isEmpty();
    assertThat(stores.attemptLimiter().tryAcquire(p)).isEmpty();
    assertThat(stores.attemptLimiter().tryAcquire(p)).as("budget held in flight").isPresent();

    clock.advance(Duration.ofSeconds(5));
    Map<String, AttributeValue> item = raw("ATTEMPTS#" + p.id(), "A");
    assertThat(item.get("inFlight").n()).as("the item still says 2 in flight").isEqualTo("2");
    assertThat(Long.parseLong(item.get("ttl").n()))
        .isEqualTo(StoreFixtures.NOW.getEpochSecond() + 5);
    // a fresh instance (no cached guess) decides from the stored item and the clock
    DynamoDbStores other =
        DynamoDbStores.builder(DDB.client(), DDB.table(), DynaliteTable.sealer())
            .clock(clock)
            .lockoutPolicy(new LockoutPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(1)))
            .build();
    assertThat(other.attemptLimiter().tryAcquire(p)).isEmpty();
  }

  @Test
  void attempts_lockout_endsByInjectedClockAlthoughItemStays() {
    MutableClock clock = new MutableClock(StoreFixtures.NOW);
    DynamoDbStores stores =
        DynamoDbStores.builder(DDB.client(), DDB.table(), DynaliteTable.sealer())
            .clock(clock)
            .lockoutPolicy(new LockoutPolicy(1, Duration.ofMinutes(1), Duration.ofMinutes(1)))
            .build();
    Principal p = StoreFixtures.principal();
    assertThat(stores.attemptLimiter().tryAcquire(p)).isEmpty();
    stores.attemptLimiter().recordFailure(p);
    assertThat(stores.attemptLimiter().tryAcquire(p)).contains(StoreFixtures.NOW.plusSeconds(60));
    assertThat(raw("ATTEMPTS#" + p.id(), "A").get("ttl"))
        .as("an item with a lockout served has no TTL: the next lockout doubles")
        .isNull();
    clock.advance(Duration.ofSeconds(60));
    assertThat(stores.attemptLimiter().tryAcquire(p)).isEmpty();
  }

  @Test
  void secrets_sealedAtRestAndBoundToTheirItem() {
    DynamoDbStores stores = DDB.open();
    Principal p = StoreFixtures.principal();
    CredentialId c = StoreFixtures.credentialId();
    TotpCredential cred = StoreFixtures.totpCredential(c, p);
    stores.totpCredentials().add(cred);
    HardwareToken a = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    HardwareToken b = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    stores.tokens().addAll(List.of(a, b));
    YubicoKey y = StoreFixtures.yubicoKey();
    stores.yubicoKeys().addYubicoKey(y);

    Map<String, byte[]> secrets =
        Map.of(
            "TOTP#" + c.value() + "/CRED", cred.secret().revealBytes(),
            "TOKEN#" + a.serial() + "/T", a.revealSecret(),
            "YUBICO#" + y.publicId() + "/Y", y.revealAesKey());
    for (var e : secrets.entrySet()) {
      String[] key = e.getKey().split("/");
      Map<String, AttributeValue> item = raw(key[0], key[1]);
      assertThat(item.get("secret").s()).startsWith("rgs1.k1.");
      String all = item.toString();
      byte[] s = e.getValue();
      assertThat(all)
          .doesNotContain(HexFormat.of().formatHex(s))
          .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(s))
          .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(s))
          .doesNotContain(new String(s, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    // b's seed sealed under a's item does not open: the associated data is "token:<serial>"
    Map<String, AttributeValue> bItem = new HashMap<>(raw("TOKEN#" + b.serial(), "T"));
    bItem.put("secret", raw("TOKEN#" + a.serial(), "T").get("secret"));
    putRaw(bItem);
    assertThat(catchThrowable(() -> stores.tokens().token(b.serial())))
        .isInstanceOf(SealingException.class)
        .hasMessageNotContaining(HexFormat.of().formatHex(a.revealSecret()));
    assertThat(stores.tokens().token(a.serial())).isPresent();
  }

  @Test
  void addAll_crashedBeforeCommit_invisibleThenClearedByNextWriter() {
    MutableClock clock = new MutableClock(StoreFixtures.NOW);
    DynamoDbStores stores =
        DynamoDbStores.builder(DDB.client(), DDB.table(), DynaliteTable.sealer())
            .clock(clock)
            .reservationTimeout(Duration.ofSeconds(30))
            .build();
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    HardwareToken u = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    stores.tokens().add(t);
    // make t look like the claim of a batch that crashed before its commit
    Map<String, AttributeValue> claim = new HashMap<>(raw("TOKEN#" + t.serial(), "T"));
    claim.put("batch", AttributeValue.fromS("crashed"));
    putRaw(claim);
    long deadline = StoreFixtures.NOW.plusSeconds(10).getEpochSecond() * 1_000_000_000L;
    putRaw(
        Map.of(
            "pk", AttributeValue.fromS("BATCH#crashed"),
            "sk", AttributeValue.fromS("B"),
            "status", AttributeValue.fromS("PENDING"),
            "deadline", AttributeValue.fromN(Long.toString(deadline))));

    assertThat(stores.tokens().token(t.serial())).as("pending claim").isEmpty();
    assertThat(stores.tokens().state(t.serial())).isEmpty();
    assertThat(stores.tokens().serials()).doesNotContain(t.serial());
    assertThat(stores.tokens().remove(t.serial())).isFalse();

    clock.advance(Duration.ofSeconds(10));
    stores.tokens().addAll(List.of(t, u));
    assertThat(raw("BATCH#crashed", "B").get("status").s())
        .as("the late batch was aborted by the next writer")
        .isEqualTo("ABORTED");
    assertThat(stores.tokens().token(t.serial())).isPresent();
    assertThat(stores.tokens().token(u.serial())).isPresent();
    assertThat(raw("TOKEN#" + t.serial(), "T")).doesNotContainKey("batch");
  }

  @Test
  void addAll_committedButNotCleared_visibleAndClearedByReader() {
    DynamoDbStores stores = DDB.open();
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    stores.tokens().add(t);
    Map<String, AttributeValue> claim = new HashMap<>(raw("TOKEN#" + t.serial(), "T"));
    claim.put("batch", AttributeValue.fromS("done"));
    putRaw(claim);
    putRaw(
        Map.of(
            "pk", AttributeValue.fromS("BATCH#done"),
            "sk", AttributeValue.fromS("B"),
            "status", AttributeValue.fromS("COMMITTED"),
            "deadline", AttributeValue.fromN("0")));

    var state = stores.tokens().state(t.serial()).orElseThrow();
    assertThat(raw("TOKEN#" + t.serial(), "T")).doesNotContainKey("batch");
    assertThat(stores.tokens().compareAndSet(t.serial(), state, state.withDisabled(true))).isTrue();
  }
}

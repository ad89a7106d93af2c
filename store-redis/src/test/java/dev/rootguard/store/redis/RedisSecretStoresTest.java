package dev.rootguard.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SealingException;
import dev.rootguard.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest: TOTP secrets, token seeds and Yubico keys are sealed before they reach Redis.
 * Everything under the store's prefix is read back with a plain Lettuce client (not the store) and
 * searched for the secrets in hex, Base64, Base64url and Base32. Also: every token field round
 * trips, and {@code reseal()} moves every sealed value to the new key after a rotation.
 */
class RedisSecretStoresTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String prefix = "sec-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private final List<RedisStores> open = new ArrayList<>();

  @AfterEach
  void close() {
    open.forEach(RedisStores::close);
  }

  private RedisStores stores(dev.rootguard.seal.SecretSealer sealer) {
    RedisStores s = RedisStores.builder(RedisServer.shared().uri(), sealer).prefix(prefix).build();
    open.add(s);
    s.init();
    return s;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Every string stored under the prefix: key names, values, hash fields and set members. */
  private String dump() {
    RedisClient client = RedisClient.create(RedisServer.shared().uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      RedisCommands<String, String> r = c.sync();
      StringBuilder sb = new StringBuilder();
      for (String k : r.keys(prefix + "*")) {
        sb.append(k).append('\n');
        switch (r.type(k)) {
          case "string" -> sb.append(r.get(k)).append('\n');
          case "hash" -> r.hgetall(k).forEach((f, v) -> sb.append(f).append('=').append(v));
          case "set" -> r.smembers(k).forEach(m -> sb.append(m).append('\n'));
          case "zset" -> r.zrange(k, 0, -1).forEach(m -> sb.append(m).append('\n'));
          default -> throw new AssertionError("unexpected type of " + k);
        }
        sb.append('\n');
      }
      return sb.toString();
    } finally {
      client.shutdown();
    }
  }

  private static void assertNowhere(String dump, byte[] secret) {
    List<String> forms =
        List.of(
            HexFormat.of().formatHex(secret),
            HexFormat.of().withUpperCase().formatHex(secret),
            Base64.getEncoder().withoutPadding().encodeToString(secret),
            Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
            base32(secret),
            base32(secret).toLowerCase(Locale.ROOT));
    for (String f : forms) {
      assertThat(dump).doesNotContain(f);
    }
  }

  /** RFC 4648 Base32 without padding, written here (independent of the code under test). */
  private static String base32(byte[] b) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte x : b) {
      buffer = (buffer << 8) | (x & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  @Test
  void everySecret_sealedAtRest() {
    RedisStores stores = stores(Fixtures.sealer("k1", 1));
    byte[] totp = random(20);
    byte[] seed = random(20);
    byte[] privateId = random(6);
    byte[] aes = random(16);
    stores
        .totpCredentials()
        .add(
            TotpCredential.builder(
                    CredentialId.of("phone-1"), Principal.of("alice"), OtpSecret.fromBytes(totp))
                .build());
    stores.tokens().add(HardwareToken.builder("SER-1", OathType.TOTP, seed).build());
    stores.yubicoKeys().addYubicoKey(YubicoKey.of("cccccbdefghi", privateId, aes));

    String dump = dump();

    assertThat(dump).contains("phone-1").contains("SER-1").contains("cccccbdefghi");
    assertNowhere(dump, totp);
    assertNowhere(dump, seed);
    assertNowhere(dump, privateId);
    assertNowhere(dump, aes);
    assertThat(
            stores
                .totpCredentials()
                .find(CredentialId.of("phone-1"))
                .orElseThrow()
                .secret()
                .sameSecretAs(OtpSecret.fromBytes(totp)))
        .isTrue();
  }

  @Test
  void token_everyFieldRoundTrips() {
    RedisStores stores = stores(Fixtures.sealer("k1", 1));
    HardwareToken t =
        HardwareToken.builder("SER-2", OathType.TOTP, random(32))
            .manufacturer("Feitian")
            .issuer("ACME")
            .keyId("kid-7")
            .algorithm(HmacAlgorithm.SHA256)
            .digits(8)
            .timeStep(Duration.ofSeconds(60))
            .t0(Instant.ofEpochSecond(1000))
            .timeDrift(2)
            .validFrom(Instant.parse("2025-01-01T00:00:00.25Z"))
            .validUntil(Instant.parse("2030-01-01T00:00:00.5Z"))
            .build();
    stores.tokens().add(t);

    HardwareToken back = stores.tokens().token("SER-2").orElseThrow();

    assertThat(back.sameSecretAs(t)).isTrue();
    assertThat(back.manufacturer()).isEqualTo(t.manufacturer());
    assertThat(back.issuer()).isEqualTo(t.issuer());
    assertThat(back.keyId()).isEqualTo(t.keyId());
    assertThat(back.algorithm()).isEqualTo(t.algorithm());
    assertThat(back.digits()).isEqualTo(8);
    assertThat(back.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(back.t0()).isEqualTo(Instant.ofEpochSecond(1000));
    assertThat(back.timeDrift()).isEqualTo(2);
    assertThat(back.validFrom()).isEqualTo(t.validFrom());
    assertThat(back.validUntil()).isEqualTo(t.validUntil());
    assertThat(stores.tokens().state("SER-2").orElseThrow().driftSteps()).isEqualTo(2);
  }

  @Test
  void reseal_afterRotation_everyValueUnderNewKey_oldKeyAloneCannotOpen() {
    byte[] raw = random(32);
    LocalKeySealer sealer = LocalKeySealer.ofKey("old-key", raw);
    RedisStores stores = stores(sealer);
    byte[] totp = random(20);
    stores
        .totpCredentials()
        .add(
            TotpCredential.builder(
                    CredentialId.of("phone-2"), Principal.of("bob"), OtpSecret.fromBytes(totp))
                .parameters(OtpParameters.of(HmacAlgorithm.SHA1, 6, 30))
                .build());
    stores.tokens().add(HardwareToken.builder("SER-3", OathType.HOTP, random(20)).build());
    stores.yubicoKeys().addYubicoKey(YubicoKey.of("cccccbdefghj", random(6), random(16)));

    String newKey = sealer.rotate();
    RedisStores.Resealed r = stores.reseal();
    RedisStores.Resealed again = stores.reseal();

    assertThat(r.resealed()).isEqualTo(3);
    assertThat(again.resealed()).isZero();
    assertThat(again.unchanged()).isEqualTo(3);
    assertThat(dump()).doesNotContain("old-key");
    assertThat(newKey).isNotEqualTo("old-key");
    RedisStores wrong = stores(LocalKeySealer.ofKey("old-key", raw));
    assertThatThrownBy(() -> wrong.totpCredentials().find(CredentialId.of("phone-2")))
        .isInstanceOf(SealingException.class);
    assertThat(
            stores
                .totpCredentials()
                .find(CredentialId.of("phone-2"))
                .orElseThrow()
                .secret()
                .sameSecretAs(OtpSecret.fromBytes(totp)))
        .isTrue();
  }
}

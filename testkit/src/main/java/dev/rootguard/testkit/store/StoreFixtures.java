package dev.rootguard.testkit.store;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.TotpCredential;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Random ids and records for store tests, built from RootGuard's public API only. Every id carries
 * a random suffix, so tests can share one database without seeing each other's rows; every record
 * sets its optional fields to values other than the defaults, so a store that drops a field fails a
 * round-trip check.
 *
 * <pre>{@code
 * HardwareToken token = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
 * store.add(token);
 * assertThat(store.token(token.serial()).orElseThrow().sameSecretAs(token)).isTrue();
 * }</pre>
 *
 * <p>Thread-safe (stateless apart from a shared {@link SecureRandom}).
 *
 * @since 0.2.0
 */
public final class StoreFixtures {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final String MODHEX = "cbdefghijklnrtuv";

  /**
   * The instant fixtures use as "now": a whole second, so stores that keep seconds lose nothing.
   */
  public static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  private StoreFixtures() {}

  /**
   * Returns {@code prefix} followed by a dash and 16 random lower-case base32 characters.
   *
   * @param prefix what the id is for, e.g. {@code "alice"}
   * @return the id
   */
  public static String uniqueId(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    StringBuilder sb = new StringBuilder(prefix.length() + 17).append(prefix).append('-');
    for (int i = 0; i < 16; i++) {
      sb.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
    }
    return sb.toString();
  }

  /**
   * Returns a new random credential id.
   *
   * @return the id
   */
  public static CredentialId credentialId() {
    return CredentialId.of(uniqueId("credential"));
  }

  /**
   * Returns a new random principal.
   *
   * @return the principal
   */
  public static Principal principal() {
    return Principal.of(uniqueId("principal"));
  }

  /**
   * Returns a new random ceremony id: 22 URL-safe characters (128 random bits), the shape {@link
   * dev.rootguard.mfa.CeremonyStore#put} requires.
   *
   * @return the id
   */
  public static String ceremonyId() {
    return base64Url(16);
  }

  /**
   * Returns a new random hardware token serial.
   *
   * @return the serial
   */
  public static String tokenSerial() {
    return uniqueId("TOKEN").toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Returns a new random Yubico OTP public id: 12 modhex characters.
   *
   * @return the public id
   */
  public static String yubicoPublicId() {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(MODHEX.charAt(RANDOM.nextInt(MODHEX.length())));
    }
    return sb.toString();
  }

  /**
   * Returns a TOTP credential with a fresh random secret and non-default settings (SHA-256, 8
   * digits, 60-second steps, {@code t0} of 1,000 s, an enrollment step and drift).
   *
   * @param id the credential id
   * @param owner the owner
   * @return the credential
   */
  public static TotpCredential totpCredential(CredentialId id, Principal owner) {
    return TotpCredential.builder(id, owner, OtpSecret.generate(HmacAlgorithm.SHA256))
        .parameters(
            OtpParameters.of(HmacAlgorithm.SHA256, 8, 60).withT0(Instant.ofEpochSecond(1_000)))
        .enrolledStep(29_480_000L)
        .enrolledDrift(-1)
        .build();
  }

  /**
   * Returns a TOTP hardware token with a random 20-byte seed and every optional field set.
   *
   * @param serial the serial
   * @return the token
   */
  public static HardwareToken totpToken(String serial) {
    return HardwareToken.builder(serial, OathType.TOTP, randomBytes(20))
        .keyId("key-" + serial)
        .manufacturer("RootGuard Test Tokens")
        .issuer("rootguard-testkit")
        .algorithm(HmacAlgorithm.SHA256)
        .digits(8)
        .timeStep(Duration.ofSeconds(60))
        .t0(Instant.ofEpochSecond(60))
        .timeDrift(2)
        .validFrom(NOW.minus(Duration.ofDays(365)))
        .validUntil(NOW.plus(Duration.ofDays(3 * 365)))
        .build();
  }

  /**
   * Returns an HOTP hardware token with a random 20-byte seed and a starting counter of 7.
   *
   * @param serial the serial
   * @return the token
   */
  public static HardwareToken hotpToken(String serial) {
    return HardwareToken.builder(serial, OathType.HOTP, randomBytes(20))
        .manufacturer("RootGuard Test Tokens")
        .counter(7)
        .build();
  }

  /**
   * Returns a Yubico OTP key with a random public id, private id and AES key.
   *
   * @return the key
   */
  public static YubicoKey yubicoKey() {
    return YubicoKey.of(yubicoPublicId(), randomBytes(6), randomBytes(16));
  }

  /**
   * Returns a registered FIDO credential with random user handle, public key and AAGUID.
   *
   * @param id the credential id
   * @param owner the owner
   * @param signatureCount the signature counter
   * @return the credential
   */
  public static SecurityKeyCredential securityKey(
      CredentialId id, Principal owner, long signatureCount) {
    return new SecurityKeyCredential(
        owner,
        id,
        base64Url(32),
        base64Url(77),
        signatureCount,
        UUID.randomUUID(),
        "RootGuard test key",
        "packed",
        true,
        false,
        false,
        true,
        Set.of("usb", "nfc"),
        false,
        NOW.plusSeconds(RANDOM.nextInt(86_400)));
  }

  /**
   * Returns random bytes.
   *
   * @param n how many
   * @return the bytes
   */
  public static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String base64Url(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
  }
}

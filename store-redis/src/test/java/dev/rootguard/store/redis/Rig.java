package dev.rootguard.store.redis;

import com.yubico.yubikit.core.otp.ChecksumUtils;
import com.yubico.yubikit.core.otp.Modhex;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.HardwareTokenVerifier;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoOtpVerifier;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpVerifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wires one {@link MfaAuthenticator} with TOTP, OATH hardware token and Yubico OTP verifiers over
 * {@link RedisStores}, as a platform would; shared by the in-JVM tests and the cross-process test.
 */
final class Rig {
  private Rig() {}

  static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

  /** Deterministic test secrets, so that separate JVMs agree on them without talking. */
  static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i * 7 + 3);
    }
    return b;
  }

  static MfaAuthenticator authenticator(RedisStores stores, Clock clock) {
    TotpVerifier totp =
        TotpVerifier.builder()
            .clock(clock)
            .stateStore(stores.totpStates())
            .credentialStore(stores.totpCredentials())
            .build();
    HardwareTokenVerifier hotp =
        HardwareTokenVerifier.builder(stores.tokens()).clock(clock).build();
    YubicoOtpVerifier yubico = YubicoOtpVerifier.builder(stores.yubicoKeys()).clock(clock).build();
    return MfaAuthenticator.builder()
        .verifier(totp)
        .verifier(hotp)
        .verifier(yubico)
        .attemptLimiter(stores.attemptLimiter())
        .replayGuard(stores.replayGuard())
        .clock(clock)
        .build();
  }

  /** The relying party of the FIDO tests. */
  static final String RP_ID = "example.com";

  /** The origin the software authenticator's "browser" is on. */
  static final String ORIGIN = "https://example.com";

  /**
   * A FIDO verifier that keeps its pending ceremonies and credentials in Redis, as every server of
   * a platform would build it. Ceremonies expire by the system clock, which separate JVMs on one
   * host share.
   */
  static SecurityKeyVerifier securityKeys(RedisStores stores) {
    return SecurityKeyVerifier.builder(RP_ID, "RootGuard store-redis tests")
        .origins(Set.of(ORIGIN))
        .clock(Clock.systemUTC())
        .credentialStore(stores.securityKeys())
        .ceremonyStore(stores.ceremonies())
        .build();
  }

  /** An authenticator for FIDO attempts, with the shared attempt limiter. */
  static MfaAuthenticator fidoAuthenticator(
      RedisStores stores, SecurityKeyVerifier keys, Clock clock) {
    return MfaAuthenticator.builder()
        .verifier(keys)
        .attemptLimiter(stores.attemptLimiter())
        .replayGuard(stores.replayGuard())
        .clock(clock)
        .build();
  }

  /** Enrolls one TOTP app, one HOTP fob and one Yubico key for the principal. */
  static void enroll(RedisStores stores, Principal p, String tag) {
    stores
        .totpCredentials()
        .add(TotpCredential.builder(totpId(tag), p, OtpSecret.fromBytes(bytes(20, 1))).build());
    stores
        .tokens()
        .add(HardwareToken.builder(hotpSerial(tag), OathType.HOTP, bytes(20, 2)).build());
    stores.tokens().assign(hotpSerial(tag), p);
    stores.yubicoKeys().addYubicoKey(yubicoKey(tag));
    stores.yubicoKeys().assignYubicoKey(yubicoKey(tag).publicId(), p);
  }

  static CredentialId totpId(String tag) {
    return CredentialId.of("totp-" + tag);
  }

  static String hotpSerial(String tag) {
    return "HOTP-" + tag;
  }

  static YubicoKey yubicoKey(String tag) {
    // a modhex public id derived from the tag
    String alphabet = "cbdefghijklnrtuv";
    StringBuilder id = new StringBuilder();
    int h = tag.hashCode();
    for (int i = 0; i < 12; i++) {
      id.append(alphabet.charAt((h >>> (i * 2)) & 15 ^ (i & 15)));
    }
    return YubicoKey.of(id.toString(), bytes(6, 3), bytes(16, 4));
  }

  static MfaAttempt totpAttempt(Principal p, String tag, Instant at) {
    long step = Math.floorDiv(at.getEpochSecond(), 30);
    return MfaAttempt.of(p, Factor.TOTP_APP, totpId(tag), Fixtures.hotp(bytes(20, 1), step, 6));
  }

  static MfaAttempt hotpAttempt(Principal p, String tag, long counter) {
    return MfaAttempt.of(
        p,
        Factor.HARDWARE_OTP,
        CredentialId.of(hotpSerial(tag)),
        Fixtures.hotp(bytes(20, 2), counter, 6));
  }

  static MfaAttempt yubicoAttempt(Principal p, String tag, int counter) {
    YubicoKey k = yubicoKey(tag);
    return MfaAttempt.of(p, Factor.YUBICO_OTP, k.credentialId(), yubicoOtp(k, counter, 1, 0));
  }

  /** A Yubico OTP, built here from the published format with the JCA and YubiKit's CRC. */
  static String yubicoOtp(YubicoKey key, int sessionCounter, int timestamp, int use) {
    byte[] p = new byte[16];
    System.arraycopy(key.revealPrivateId(), 0, p, 0, 6);
    p[6] = (byte) sessionCounter;
    p[7] = (byte) (sessionCounter >> 8);
    p[8] = (byte) timestamp;
    p[9] = (byte) (timestamp >> 8);
    p[10] = (byte) (timestamp >> 16);
    p[11] = (byte) use;
    p[12] = 0x5a;
    p[13] = 0x3c;
    int crc = ~ChecksumUtils.calculateCrc(p, 14) & 0xffff;
    p[14] = (byte) crc;
    p[15] = (byte) (crc >> 8);
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.revealAesKey(), "AES"));
      return key.publicId() + Modhex.encode(aes.doFinal(p));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}

package dev.rootguard.testkit.process;

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
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fixtures of the cross-process harness, usable in a store's in-JVM tests too: one {@link
 * MfaAuthenticator} with TOTP, OATH hardware token and Yubico OTP verifiers over {@link
 * SharedStores}, as a platform would wire it; a FIDO {@link SecurityKeyVerifier} over the shared
 * ceremony and credential stores; enrollment through the store SPIs; and attempts built from
 * deterministic secrets, so that separate JVMs agree on every code without talking. The codes are
 * computed here with the JCA (RFC 4226 HOTP, the published Yubico OTP format), independent of the
 * verifiers under test.
 *
 * <pre>{@code
 * SharedStores stores = ...;   // e.g. over your backend, see SharedStoresFactory
 * MutableClock clock = new MutableClock(CrossProcessFixtures.T0);
 * CrossProcessFixtures.enroll(stores, principal, "t1");
 * MfaAuthenticator mfa = CrossProcessFixtures.authenticator(stores, clock);
 * assertThat(mfa.authenticate(CrossProcessFixtures.totpAttempt(principal, "t1", clock.instant()))
 *     .isAccepted()).isTrue();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.2.0
 */
public final class CrossProcessFixtures {
  private CrossProcessFixtures() {}

  /** The first instant of the harness; round N is {@link #roundInstant(int)}. */
  public static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

  /** The relying party of the FIDO tests. */
  public static final String RP_ID = "example.com";

  /** The origin the software authenticator's "browser" is on. */
  public static final String ORIGIN = "https://example.com";

  /**
   * Returns the principal a run with {@code tag} uses for {@code factor}.
   *
   * @param tag the run's tag
   * @param factor what the principal is for ({@code totp}, {@code hotp}, {@code lockout}...)
   * @return {@code xproc-FACTOR-TAG}
   */
  public static Principal principal(String tag, String factor) {
    return Principal.of("xproc-" + factor + "-" + tag);
  }

  /**
   * Returns the credential tag a run with {@code tag} uses for {@code factor}.
   *
   * @param tag the run's tag
   * @param factor what the credentials are for
   * @return {@code TAG-FACTOR}
   */
  public static String tag(String tag, String factor) {
    return tag + "-" + factor;
  }

  /**
   * Returns the instant of round N, the same in every JVM: a new TOTP step each round.
   *
   * @param round the round, from 0
   * @return {@link #T0} plus 30 s times (round + 1)
   */
  public static Instant roundInstant(int round) {
    return T0.plusSeconds(30L * (round + 1));
  }

  /**
   * Returns deterministic test bytes.
   *
   * @param n how many
   * @param seed which sequence
   * @return the bytes
   */
  public static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i * 7 + 3);
    }
    return b;
  }

  /**
   * Wires TOTP, OATH hardware token and Yubico OTP verifiers with the shared attempt limiter and
   * replay guard.
   *
   * @param stores the stores
   * @param clock the clock of the verifiers and the authenticator
   * @return the authenticator
   */
  public static MfaAuthenticator authenticator(SharedStores stores, Clock clock) {
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

  /**
   * A FIDO verifier that keeps its pending ceremonies and credentials in the shared stores, as
   * every server of a platform would build it. Ceremonies expire by the system clock, which
   * separate JVMs on one host share.
   *
   * @param stores the stores
   * @return the verifier for {@link #RP_ID} and {@link #ORIGIN}
   */
  public static SecurityKeyVerifier securityKeys(SharedStores stores) {
    return SecurityKeyVerifier.builder(RP_ID, "RootGuard cross-process tests")
        .origins(Set.of(ORIGIN))
        .clock(Clock.systemUTC())
        .credentialStore(stores.securityKeys())
        .ceremonyStore(stores.ceremonies())
        .build();
  }

  /**
   * An authenticator for FIDO attempts, with the shared attempt limiter and replay guard.
   *
   * @param stores the stores
   * @param keys the FIDO verifier
   * @param clock the authenticator's clock
   * @return the authenticator
   */
  public static MfaAuthenticator fidoAuthenticator(
      SharedStores stores, SecurityKeyVerifier keys, Clock clock) {
    return MfaAuthenticator.builder()
        .verifier(keys)
        .attemptLimiter(stores.attemptLimiter())
        .replayGuard(stores.replayGuard())
        .clock(clock)
        .build();
  }

  /**
   * Enrolls one TOTP app, one HOTP fob and one Yubico key for the principal, through the store SPIs
   * only.
   *
   * @param stores the stores
   * @param p the principal
   * @param tag the credentials' tag (see {@link #totpId}, {@link #hotpSerial}, {@link #yubicoKey})
   */
  public static void enroll(SharedStores stores, Principal p, String tag) {
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

  /**
   * Returns the id of the TOTP app enrolled with {@code tag}.
   *
   * @param tag the credentials' tag
   * @return {@code totp-TAG}
   */
  public static CredentialId totpId(String tag) {
    return CredentialId.of("totp-" + tag);
  }

  /**
   * Returns the serial of the HOTP fob enrolled with {@code tag}.
   *
   * @param tag the credentials' tag
   * @return {@code HOTP-TAG}
   */
  public static String hotpSerial(String tag) {
    return "HOTP-" + tag;
  }

  /**
   * Returns the Yubico key enrolled with {@code tag} (a modhex public id derived from the tag).
   *
   * @param tag the credentials' tag
   * @return the key
   */
  public static YubicoKey yubicoKey(String tag) {
    String alphabet = "cbdefghijklnrtuv";
    StringBuilder id = new StringBuilder();
    int h = tag.hashCode();
    for (int i = 0; i < 12; i++) {
      id.append(alphabet.charAt((h >>> (i * 2)) & 15 ^ (i & 15)));
    }
    return YubicoKey.of(id.toString(), bytes(6, 3), bytes(16, 4));
  }

  /**
   * Returns the right TOTP attempt at {@code at}.
   *
   * @param p the principal
   * @param tag the credentials' tag
   * @param at the instant (its 30-second step is the code's)
   * @return the attempt
   */
  public static MfaAttempt totpAttempt(Principal p, String tag, Instant at) {
    long step = Math.floorDiv(at.getEpochSecond(), 30);
    return MfaAttempt.of(p, Factor.TOTP_APP, totpId(tag), hotp(bytes(20, 1), step, 6));
  }

  /**
   * Returns the right HOTP attempt for {@code counter}.
   *
   * @param p the principal
   * @param tag the credentials' tag
   * @param counter the HOTP counter
   * @return the attempt
   */
  public static MfaAttempt hotpAttempt(Principal p, String tag, long counter) {
    return MfaAttempt.of(
        p, Factor.HARDWARE_OTP, CredentialId.of(hotpSerial(tag)), hotp(bytes(20, 2), counter, 6));
  }

  /**
   * Returns a valid Yubico OTP attempt with session counter {@code counter}.
   *
   * @param p the principal
   * @param tag the credentials' tag
   * @param counter the session counter (each must be higher than the last accepted)
   * @return the attempt
   */
  public static MfaAttempt yubicoAttempt(Principal p, String tag, int counter) {
    YubicoKey k = yubicoKey(tag);
    return MfaAttempt.of(p, Factor.YUBICO_OTP, k.credentialId(), yubicoOtp(k, counter, 1, 0));
  }

  /**
   * Builds a Yubico OTP from the published format with the JCA and YubiKit's CRC.
   *
   * @param key the key
   * @param sessionCounter the session counter
   * @param timestamp the 24-bit timestamp
   * @param use the session use counter
   * @return the OTP: public id then 32 modhex characters
   */
  public static String yubicoOtp(YubicoKey key, int sessionCounter, int timestamp, int use) {
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
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * RFC 4226 HOTP computed here with the JCA, independent of the code under test.
   *
   * @param key the secret
   * @param counter the counter (or TOTP step)
   * @param digits the code length
   * @return the code, zero-padded
   */
  public static String hotp(byte[] key, long counter, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int o = h[h.length - 1] & 0xf;
      int bin =
          ((h[o] & 0x7f) << 24)
              | ((h[o + 1] & 0xff) << 16)
              | ((h[o + 2] & 0xff) << 8)
              | (h[o + 3] & 0xff);
      int mod = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", bin % mod);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}

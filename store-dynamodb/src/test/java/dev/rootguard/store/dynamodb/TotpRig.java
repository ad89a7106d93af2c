package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpVerifier;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TOTP authenticator over {@link DynamoDbStores} as a platform wires it, with codes computed here
 * by an independent RFC 4226 oracle (the JCA), not by the code under test.
 */
final class TotpRig {
  private TotpRig() {}

  static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

  static byte[] secret(int seed) {
    byte[] b = new byte[20];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (seed * 31 + i * 7 + 3);
    }
    return b;
  }

  static MfaAuthenticator authenticator(DynamoDbStores stores, Clock clock) {
    return MfaAuthenticator.builder()
        .verifier(
            TotpVerifier.builder()
                .clock(clock)
                .stateStore(stores.totpStates())
                .credentialStore(stores.totpCredentials())
                .build())
        .attemptLimiter(stores.attemptLimiter())
        .replayGuard(stores.replayGuard())
        .clock(clock)
        .build();
  }

  static CredentialId enroll(DynamoDbStores stores, Principal p, String tag) {
    CredentialId id = CredentialId.of("totp-" + tag);
    stores
        .totpCredentials()
        .add(TotpCredential.builder(id, p, OtpSecret.fromBytes(secret(1))).build());
    return id;
  }

  static MfaAttempt attempt(Principal p, CredentialId id, Instant at) {
    long step = Math.floorDiv(at.getEpochSecond(), 30);
    return MfaAttempt.of(p, Factor.TOTP_APP, id, hotp(secret(1), step));
  }

  static MfaResult.Reason reason(MfaResult r) {
    if (r.isAccepted()) {
      throw new AssertionError("must not be accepted");
    }
    return ((MfaResult.Rejected) r).reason();
  }

  static String hotp(byte[] key, long counter) {
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
      return String.format(Locale.ROOT, "%06d", bin % 1_000_000);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}

package dev.rootguard.mfa.hardware;

import dev.rootguard.mfa.FactorDetail;
import java.util.OptionalLong;

/**
 * What {@link YubicoOtpVerifier} learned from an accepted Yubico OTP: the key's session counter
 * (power-ups), the use counter within the session, and the key's internal timestamp (8 Hz ticks
 * since power-up). The {@linkplain #sequence() sequence} is {@code sessionCounter * 256 +
 * sessionUse}, which strictly increases with every OTP the key emits.
 *
 * <pre>{@code
 * if (result instanceof MfaResult.Accepted a && a.detail() instanceof YubicoOtpMatch m) {
 *   log.debug("session {} use {}", m.sessionCounter(), m.sessionUse());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessionCounter the non-volatile counter (0 to 32767; the caps-lock bit is cleared)
 * @param sessionUse the use counter within the session (0 to 255)
 * @param timestamp the 24-bit timestamp
 * @since 0.1.0
 */
public record YubicoOtpMatch(int sessionCounter, int sessionUse, int timestamp)
    implements FactorDetail {
  /** Checks the ranges. */
  public YubicoOtpMatch {
    if (sessionCounter < 0 || sessionCounter > 0x7fff) {
      throw new IllegalArgumentException("sessionCounter: must be 0..32767, was " + sessionCounter);
    }
    if (sessionUse < 0 || sessionUse > 0xff) {
      throw new IllegalArgumentException("sessionUse: must be 0..255, was " + sessionUse);
    }
    if (timestamp < 0 || timestamp > 0xffffff) {
      throw new IllegalArgumentException("timestamp: must be 0..16777215, was " + timestamp);
    }
  }

  @Override
  public OptionalLong sequence() {
    return OptionalLong.of(((long) sessionCounter << 8) | sessionUse);
  }
}

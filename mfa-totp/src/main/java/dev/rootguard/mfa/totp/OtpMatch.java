package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.FactorDetail;
import java.util.OptionalLong;

/**
 * What an accepted TOTP or HOTP verification learned: the time step (or HOTP counter) the code
 * belonged to and the drift now recorded for the credential.
 *
 * <pre>{@code
 * if (result instanceof MfaResult.Accepted a && a.detail() instanceof OtpMatch m) {
 *   long step = m.step();      // never accepted again for this credential
 *   int drift = m.drift();     // steps between the device's clock and ours
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param step the matched TOTP time step or HOTP counter
 * @param drift the drift, in steps, recorded after this verification (0 for HOTP)
 * @since 0.1.0
 */
public record OtpMatch(long step, int drift) implements FactorDetail {
  /** Returns the matched step, the sequence a replay guard records. */
  @Override
  public OptionalLong sequence() {
    return OptionalLong.of(step);
  }
}

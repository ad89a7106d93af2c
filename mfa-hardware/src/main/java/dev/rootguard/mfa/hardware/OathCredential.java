package dev.rootguard.mfa.hardware;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import java.time.Duration;
import java.util.Objects;

/**
 * One OATH credential stored on a YubiKey, as its YKOATH {@code LIST} reports it: the name (often
 * {@code issuer:account}, with a {@code period/} prefix when the period is not 30 s), the type and
 * the hash. The secret never leaves the key.
 *
 * <pre>{@code
 * for (OathCredential c : oath.listCredentials()) {
 *   System.out.println(c.name() + " " + c.type());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the credential's name on the key
 * @param type HOTP or TOTP
 * @param algorithm the HMAC hash
 * @param period the TOTP period (from the name's prefix, 30 s if none)
 * @since 0.1.0
 */
public record OathCredential(String name, OathType type, HmacAlgorithm algorithm, Duration period) {
  /** Checks the arguments. */
  public OathCredential {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(period, "period");
  }
}

package dev.rootguard.mfa;

import dev.rootguard.InvalidInputException;
import java.util.Objects;

/**
 * The stable, non-secret name of one enrolled credential: a TOTP device's serial or ARN, a hardware
 * token's serial number, a YubiKey's public id, a FIDO credential id (base64url). Replay guards and
 * counters are kept per credential.
 *
 * <pre>{@code
 * CredentialId id = CredentialId.of("arn:aws:iam::123456789012:mfa/root-account-mfa-device");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the identifier; 1 to 1024 characters, no control characters
 * @since 0.1.0
 */
public record CredentialId(String value) {
  /** Longest accepted identifier (a FIDO credential id is at most 1023 bytes). */
  public static final int MAX_LENGTH = 1024;

  /**
   * Validates the identifier.
   *
   * @throws InvalidInputException if the value is empty, too long or has control characters
   */
  public CredentialId {
    Objects.requireNonNull(value, "value");
    Identifiers.check("credentialId", value, MAX_LENGTH);
  }

  /**
   * Returns the credential id with this value.
   *
   * @param value the identifier
   * @return the credential id
   * @throws InvalidInputException if the value is empty, too long or has control characters
   */
  public static CredentialId of(String value) {
    return new CredentialId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

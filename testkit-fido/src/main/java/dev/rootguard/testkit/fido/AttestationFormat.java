package dev.rootguard.testkit.fido;

/**
 * The attestation statement format a {@link SoftwareAuthenticator} produces at registration.
 *
 * <pre>{@code
 * SoftwareAuthenticator key = SoftwareAuthenticator.builder().format(AttestationFormat.FIDO_U2F).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#sctn-defined-attestation-formats">WebAuthn Level
 *     3 §8</a>
 * @since 0.1.0
 */
public enum AttestationFormat {
  /** {@code packed} with a full attestation certificate chain (x5c): a FIDO2 / CTAP2 key. */
  PACKED("packed"),
  /** {@code fido-u2f}: a legacy CTAP1 / U2F key; no AAGUID, no user verification. */
  FIDO_U2F("fido-u2f"),
  /** {@code none}: what browsers send when the relying party asks for no attestation. */
  NONE("none");

  private final String id;

  AttestationFormat(String id) {
    this.id = id;
  }

  /**
   * Returns the format identifier as it appears in the attestation object.
   *
   * @return for example {@code "packed"}
   */
  public String id() {
    return id;
  }
}

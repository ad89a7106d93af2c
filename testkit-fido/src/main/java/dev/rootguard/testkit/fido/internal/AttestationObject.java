package dev.rootguard.testkit.fido.internal;

/**
 * Encodes the CTAP2 attestation object (WebAuthn Level 3 §6.5.4: {@code {fmt, attStmt, authData}})
 * for the three formats a software authenticator makes: {@code packed} with an x5c chain (§8.2),
 * {@code fido-u2f} (§8.6, signing {@code 0x00 || rpIdHash || clientDataHash || credentialId ||
 * publicKey}) and {@code none} (§8.7). Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] att = AttestationObject.none(authData);
 * }</pre>
 */
public final class AttestationObject {
  private AttestationObject() {}

  /**
   * Encodes a {@code none} attestation object.
   *
   * @param authData the authenticator data
   * @return the CBOR attestation object
   */
  public static byte[] none(byte[] authData) {
    Cbor att = new Cbor().map(3).text("fmt").text("none").text("attStmt").map(0);
    return att.text("authData").bytes(authData).toByteArray();
  }

  /**
   * Encodes a {@code packed} attestation object with a full (x5c) attestation.
   *
   * @param authData the authenticator data
   * @param clientDataHash SHA-256 of the client data JSON
   * @param ca the attestation CA whose leaf signs
   * @param tamper whether to flip a bit of the signature
   * @return the CBOR attestation object
   */
  public static byte[] packed(
      byte[] authData, byte[] clientDataHash, AttestationCa ca, boolean tamper) {
    byte[] sig = ca.signAttestation(Digests.concat(authData, clientDataHash), tamper);
    Cbor att = new Cbor().map(3).text("fmt").text("packed").text("attStmt");
    att.map(3).text("alg").integer(-7).text("sig").bytes(sig).text("x5c").array(1);
    att.bytes(ca.attestationCertificateDer());
    return att.text("authData").bytes(authData).toByteArray();
  }

  /**
   * Encodes a {@code fido-u2f} attestation object.
   *
   * @param authData the authenticator data
   * @param rpIdHash the RP id hash in the signed data (the application parameter)
   * @param clientDataHash SHA-256 of the client data JSON (the challenge parameter)
   * @param credentialId the key handle
   * @param rawPublicKey the uncompressed public key (65 bytes)
   * @param ca the attestation CA whose leaf signs
   * @param tamper whether to flip a bit of the signature
   * @return the CBOR attestation object
   */
  public static byte[] fidoU2f(
      byte[] authData,
      byte[] rpIdHash,
      byte[] clientDataHash,
      byte[] credentialId,
      byte[] rawPublicKey,
      AttestationCa ca,
      boolean tamper) {
    byte[] signed =
        Digests.concat(new byte[] {0}, rpIdHash, clientDataHash, credentialId, rawPublicKey);
    byte[] sig = ca.signAttestation(signed, tamper);
    Cbor att = new Cbor().map(3).text("fmt").text("fido-u2f").text("attStmt");
    att.map(2).text("sig").bytes(sig).text("x5c").array(1);
    att.bytes(ca.attestationCertificateDer());
    return att.text("authData").bytes(authData).toByteArray();
  }
}

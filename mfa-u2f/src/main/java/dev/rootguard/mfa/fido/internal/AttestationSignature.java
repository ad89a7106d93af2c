package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;

/**
 * RootGuard's own verdict on an ES256 attestation signature of the {@code packed} and {@code
 * fido-u2f} formats: {@link RegistrationCeremony}'s §7.1 step 19, run before java-webauthn-server
 * so that a bad signature is named {@code BAD_SIGNATURE} (java-webauthn-server's exception type
 * does not tell a bad signature from other refusals, and its message text is not read). It can only
 * refuse, never accept: java-webauthn-server verifies the statement again.
 *
 * <p>Thread-safe.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#sctn-packed-attestation">WebAuthn §8.2</a>
 * @see <a href="https://www.w3.org/TR/webauthn-3/#sctn-fido-u2f-attestation">WebAuthn §8.6</a>
 */
public final class AttestationSignature {
  /** The verdict. */
  public enum Verdict {
    /** The signature verifies. */
    VALID,
    /** The signature does not verify. */
    INVALID,
    /** Another format or algorithm, or a statement too broken to check. */
    NOT_CHECKED
  }

  private static final int ES256 = -7;

  private AttestationSignature() {}

  /**
   * Checks the attestation signature.
   *
   * @param es256 the verifier
   * @param attestationObject the decoded attestation object ({@code fmt}, {@code attStmt}, {@code
   *     authData})
   * @param clientDataJson the client data JSON bytes
   * @param credentialId the new credential's id
   * @param cosePublicKey the new credential's COSE public key
   * @return the verdict
   */
  public static Verdict check(
      Es256 es256,
      JsonNode attestationObject,
      byte[] clientDataJson,
      byte[] credentialId,
      byte[] cosePublicKey) {
    try {
      String fmt = attestationObject.path("fmt").asText("");
      JsonNode stmt = attestationObject.path("attStmt");
      byte[] authData = binary(attestationObject.get("authData"));
      byte[] sig = binary(stmt.get("sig"));
      if (authData == null || authData.length < 37 || sig == null) {
        return Verdict.NOT_CHECKED;
      }
      byte[] clientDataHash = Codec.sha256(clientDataJson);
      CoseKey credentialKey = CoseKey.parse(cosePublicKey);
      switch (fmt) {
        case "packed":
          {
            if (!stmt.path("alg").isInt() || stmt.path("alg").intValue() != ES256) {
              return Verdict.NOT_CHECKED;
            }
            CoseKey signer = stmt.has("x5c") ? firstCertificateKey(stmt.get("x5c")) : credentialKey;
            if (signer == null || !signer.isEs256()) {
              return Verdict.NOT_CHECKED;
            }
            return verdict(es256.verify(signer, concat(authData, clientDataHash), sig));
          }
        case "fido-u2f":
          {
            CoseKey signer = firstCertificateKey(stmt.get("x5c"));
            if (signer == null || !signer.isEs256() || !credentialKey.isEs256()) {
              return Verdict.NOT_CHECKED;
            }
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            signed.write(0x00);
            signed.write(authData, 0, 32); // rpIdHash
            signed.write(clientDataHash);
            signed.write(credentialId);
            signed.write(0x04);
            signed.write(credentialKey.x().bytes());
            signed.write(credentialKey.y().bytes());
            return verdict(es256.verify(signer, signed.toByteArray(), sig));
          }
        default:
          return Verdict.NOT_CHECKED;
      }
    } catch (IOException | RuntimeException e) {
      return Verdict.NOT_CHECKED;
    }
  }

  private static Verdict verdict(boolean ok) {
    return ok ? Verdict.VALID : Verdict.INVALID;
  }

  /** The P-256 key of {@code x5c[0]} as a COSE ES256 key, or null. */
  private static CoseKey firstCertificateKey(JsonNode x5c) throws IOException {
    if (x5c == null || !x5c.isArray() || x5c.isEmpty()) {
      return null;
    }
    byte[] der = binary(x5c.get(0));
    if (der == null) {
      return null;
    }
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      return null;
    }
    if (!(cert.getPublicKey() instanceof ECPublicKey ec)
        || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      return null;
    }
    byte[] raw = new byte[65];
    raw[0] = 0x04;
    unsigned32(ec.getW().getAffineX(), raw, 1);
    unsigned32(ec.getW().getAffineY(), raw, 33);
    return CoseKey.parse(CoseKey.fromRawP256(raw));
  }

  private static void unsigned32(BigInteger v, byte[] out, int at) {
    byte[] b = v.toByteArray();
    int skip = b.length > 32 ? b.length - 32 : 0;
    int len = b.length - skip;
    System.arraycopy(b, skip, out, at + 32 - len, len);
  }

  private static byte[] binary(JsonNode n) throws IOException {
    return n != null && n.isBinary() ? n.binaryValue() : null;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

package dev.rootguard.mfa.fido.internal;

import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ES256 (ECDSA P-256 with SHA-256) signature verification with Bouncy Castle's lightweight API: no
 * JCA provider is registered or looked up, so global JVM state is untouched. Keeps a bounded cache
 * of decoded public keys. Thread-safe; share one instance.
 */
public final class Es256 {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
  private static final int CACHE_MAX = 10_000;
  private final ConcurrentHashMap<ByteArrayView, ECPublicKeyParameters> keys =
      new ConcurrentHashMap<>();

  /** Creates a verifier with its own small cache of decoded public keys. */
  public Es256() {}

  /**
   * Verifies an ES256 signature.
   *
   * @param key the COSE key (must be {@link CoseKey#isEs256()})
   * @param signedData the signed bytes (authenticator data || SHA-256(client data))
   * @param derSignature the ASN.1 DER signature
   * @return true if valid
   */
  public boolean verify(CoseKey key, byte[] signedData, byte[] derSignature) {
    BigInteger[] rs = decodeDer(derSignature);
    if (rs == null) {
      return false;
    }
    ECPublicKeyParameters pub = publicKey(key);
    if (pub == null) {
      return false;
    }
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, pub);
    return signer.verifySignature(Codec.sha256(signedData), rs[0], rs[1]);
  }

  private ECPublicKeyParameters publicKey(CoseKey key) {
    byte[] raw = new byte[65];
    raw[0] = 4;
    System.arraycopy(key.x().bytes(), 0, raw, 1, 32);
    System.arraycopy(key.y().bytes(), 0, raw, 33, 32);
    ByteArrayView id = new ByteArrayView(raw);
    ECPublicKeyParameters cached = keys.get(id);
    if (cached != null) {
      return cached;
    }
    try {
      ECPoint q = DOMAIN.getCurve().decodePoint(raw);
      if (!q.isValid()) {
        return null;
      }
      ECPublicKeyParameters p = new ECPublicKeyParameters(q, DOMAIN);
      if (keys.size() >= CACHE_MAX) {
        keys.clear();
      }
      keys.put(id, p);
      return p;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static BigInteger[] decodeDer(byte[] der) {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(der);
      if (!(p instanceof ASN1Sequence seq) || seq.size() != 2) {
        return null;
      }
      if (!java.util.Arrays.equals(seq.getEncoded(ASN1Encoding.DER), der)) {
        return null; // not strict DER
      }
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      return new BigInteger[] {r, s};
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
  }
}

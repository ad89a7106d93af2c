package dev.rootguard.testkit.fido.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Makes P-256 key pairs and ES256 signatures with a Bouncy Castle provider used by instance (never
 * registered in the JVM). Thread-safe: each call takes its own {@link Signature} or generator.
 *
 * <pre>{@code
 * EcSigner signer = new EcSigner(new BouncyCastleProvider(), new SecureRandom());
 * byte[] sig = signer.sign(signer.newKeyPair().getPrivate(), data, false);
 * }</pre>
 */
public final class EcSigner {
  private final BouncyCastleProvider bc;
  private final SecureRandom random;

  /**
   * Creates a signer.
   *
   * @param bc the provider
   * @param random the randomness for keys, signatures, ids and serial numbers
   */
  public EcSigner(BouncyCastleProvider bc, SecureRandom random) {
    this.bc = bc;
    this.random = random;
  }

  /**
   * Returns the provider.
   *
   * @return the Bouncy Castle provider
   */
  public BouncyCastleProvider provider() {
    return bc;
  }

  /**
   * Returns the randomness.
   *
   * @return the random source
   */
  public SecureRandom random() {
    return random;
  }

  /**
   * Generates a P-256 key pair.
   *
   * @return the key pair
   */
  public KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc);
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  /**
   * Signs with SHA256withECDSA (DER signature).
   *
   * @param key the private key
   * @param data the data to sign
   * @param tamper whether to flip the last bit of the signature afterwards
   * @return the signature
   */
  public byte[] sign(PrivateKey key, byte[] data, boolean tamper) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA", bc);
      s.initSign(key, random);
      s.update(data);
      byte[] sig = s.sign();
      if (tamper) {
        sig[sig.length - 1] ^= 0x01;
      }
      return sig;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }
}

package dev.rootguard.testkit.fido.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The made-up attestation PKI of a software authenticator: a self-signed root (reusable across
 * authenticators), an attestation leaf certificate under it (with the FIDO AAGUID extension
 * 1.3.6.1.4.1.45724.1.1.4 for {@code packed}, as WebAuthn §8.2.1 requires) and an empty CRL.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * AttestationCa ca = AttestationCa.create(signer, null, aaguid, true);
 * X509Certificate root = ca.rootCertificate();
 * }</pre>
 */
public final class AttestationCa {
  private static final String AAGUID_EXTENSION_OID = "1.3.6.1.4.1.45724.1.1.4";

  private final EcSigner signer;
  private final KeyPair rootKey;
  private final X509Certificate rootCertificate;
  private final KeyPair attestationKey;
  private final X509Certificate attestationCertificate;

  private AttestationCa(
      EcSigner signer,
      KeyPair rootKey,
      X509Certificate rootCertificate,
      KeyPair attestationKey,
      X509Certificate attestationCertificate) {
    this.signer = signer;
    this.rootKey = rootKey;
    this.rootCertificate = rootCertificate;
    this.attestationKey = attestationKey;
    this.attestationCertificate = attestationCertificate;
  }

  /**
   * Makes a fresh attestation key and certificate, under {@code sameRootAs}'s root or a new root.
   *
   * @param signer the key and signature maker
   * @param sameRootAs another CA whose root to reuse, or null for a new root
   * @param aaguid the AAGUID to put in the leaf certificate
   * @param aaguidExtension whether the leaf gets the AAGUID extension ({@code packed})
   * @return the CA
   */
  public static AttestationCa create(
      EcSigner signer, AttestationCa sameRootAs, UUID aaguid, boolean aaguidExtension) {
    KeyPair rootKey;
    X509Certificate rootCertificate;
    if (sameRootAs != null) {
      rootKey = sameRootAs.rootKey;
      rootCertificate = sameRootAs.rootCertificate;
    } else {
      rootKey = signer.newKeyPair();
      rootCertificate = rootCertificate(signer, rootKey);
    }
    KeyPair attestationKey = signer.newKeyPair();
    X509Certificate leaf =
        attestationCertificate(
            signer, rootKey, rootCertificate, attestationKey, aaguid, aaguidExtension);
    return new AttestationCa(signer, rootKey, rootCertificate, attestationKey, leaf);
  }

  /**
   * Returns the root certificate.
   *
   * @return the self-signed root
   */
  public X509Certificate rootCertificate() {
    return rootCertificate;
  }

  /**
   * Returns the attestation leaf certificate.
   *
   * @return the leaf
   */
  public X509Certificate attestationCertificate() {
    return attestationCertificate;
  }

  /**
   * Returns the DER encoding of the leaf, for an attestation statement's {@code x5c}.
   *
   * @return the encoded leaf
   */
  public byte[] attestationCertificateDer() {
    try {
      return attestationCertificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  /**
   * Signs with the attestation key.
   *
   * @param data the data to sign
   * @param tamper whether to flip a bit of the signature
   * @return the ES256 signature
   */
  public byte[] signAttestation(byte[] data, boolean tamper) {
    return signer.sign(attestationKey.getPrivate(), data, tamper);
  }

  /**
   * Returns an empty CRL signed by the root, valid from yesterday for a year.
   *
   * @return the CRL
   */
  public X509CRL emptyCrl() {
    try {
      Instant now = Instant.now();
      X509v2CRLBuilder b =
          new X509v2CRLBuilder(
              X500Name.getInstance(rootCertificate.getSubjectX500Principal().getEncoded()),
              Date.from(now.minus(Duration.ofDays(1))));
      b.setNextUpdate(Date.from(now.plus(Duration.ofDays(365))));
      return new JcaX509CRLConverter()
          .setProvider(signer.provider())
          .getCRL(
              b.build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(signer.provider())
                      .build(rootKey.getPrivate())));
    } catch (OperatorCreationException | CRLException e) {
      throw new IllegalStateException("cannot make the CRL", e);
    }
  }

  private static X509Certificate rootCertificate(EcSigner signer, KeyPair kp) {
    X500Name name = new X500Name("C=US, O=RootGuard Test, CN=RootGuard Test Attestation Root");
    try {
      X509v3CertificateBuilder cb = certificateBuilder(signer, name, name, kp.getPublic());
      cb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      cb.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      cb.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(kp.getPublic()));
      return signCertificate(signer, cb, kp.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the attestation root", e);
    }
  }

  private static X509Certificate attestationCertificate(
      EcSigner signer,
      KeyPair rootKey,
      X509Certificate rootCertificate,
      KeyPair attestationKey,
      UUID aaguid,
      boolean aaguidExtension) {
    X500Name subject =
        new X500Name(
            "C=US, O=RootGuard Test, OU=Authenticator Attestation, CN=RootGuard Software Authenticator");
    X500Name issuer = X500Name.getInstance(rootCertificate.getSubjectX500Principal().getEncoded());
    try {
      X509v3CertificateBuilder cb =
          certificateBuilder(signer, issuer, subject, attestationKey.getPublic());
      cb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      cb.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(attestationKey.getPublic()));
      cb.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(rootCertificate));
      if (aaguidExtension) {
        ByteBuffer a = ByteBuffer.allocate(16);
        a.putLong(aaguid.getMostSignificantBits()).putLong(aaguid.getLeastSignificantBits());
        cb.addExtension(
            new ASN1ObjectIdentifier(AAGUID_EXTENSION_OID), false, new DEROctetString(a.array()));
      }
      return signCertificate(signer, cb, rootKey.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the attestation certificate", e);
    }
  }

  private static X509v3CertificateBuilder certificateBuilder(
      EcSigner signer, X500Name issuer, X500Name subject, PublicKey key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, signer.random()).setBit(63),
        Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(3650))),
        subject,
        key);
  }

  private static X509Certificate signCertificate(
      EcSigner signer, X509v3CertificateBuilder cb, PrivateKey issuerKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(signer.provider())
          .getCertificate(
              cb.build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(signer.provider())
                      .build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}

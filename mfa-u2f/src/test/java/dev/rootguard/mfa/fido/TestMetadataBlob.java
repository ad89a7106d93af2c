package dev.rootguard.mfa.fido;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds a FIDO MDS3-format metadata BLOB (a JWT signed with RS256, as the real one, under our own
 * test CA), so the offline metadata policy can be tested without the real FIDO Alliance service.
 */
final class TestMetadataBlob {
  static final String LEGAL_HEADER =
      "Retrieval and use of this BLOB indicates acceptance of the appropriate agreement located at https://fidoalliance.org/metadata/metadata-legal-terms/";

  private final BouncyCastleProvider bc = new BouncyCastleProvider();
  final KeyPair rootKey;
  final X509Certificate root;
  final KeyPair signerKey;
  final X509Certificate signer;
  final X509CRL rootCrl;

  TestMetadataBlob() throws Exception {
    rootKey = keyPair();
    X500Name rootName = new X500Name("C=US, O=RootGuard Test MDS, CN=RootGuard Test MDS Root");
    root = cert(rootName, rootName, rootKey, rootKey, true);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", bc);
    rsa.initialize(2048);
    signerKey = rsa.generateKeyPair();
    signer =
        cert(
            rootName,
            new X500Name("C=US, O=RootGuard Test MDS, CN=BLOB Signer"),
            signerKey,
            rootKey,
            false);
    Instant now = Instant.now();
    X509v2CRLBuilder crl = new X509v2CRLBuilder(rootName, Date.from(now.minus(Duration.ofDays(1))));
    crl.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
    rootCrl =
        new JcaX509CRLConverter()
            .setProvider(bc)
            .getCRL(
                crl.build(
                    new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(bc)
                        .build(rootKey.getPrivate())));
  }

  /** Returns a BLOB JWT with one entry for this AAGUID and attestation root. */
  String blob(
      UUID aaguid, X509Certificate attestationRoot, String description, String keyProtection)
      throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode header = m.createObjectNode();
    header.put("alg", "RS256"); // as the real MDS3 BLOB
    header.put("typ", "JWT");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(signer.getEncoded()));

    ObjectNode payload = m.createObjectNode();
    payload.put("legalHeader", LEGAL_HEADER);
    payload.put("no", 42);
    payload.put("nextUpdate", java.time.LocalDate.now().plusDays(30).toString());
    ArrayNode entries = payload.putArray("entries");
    ObjectNode e = entries.addObject();
    e.put("aaguid", aaguid.toString());
    ObjectNode st = e.putObject("metadataStatement");
    st.put("legalHeader", LEGAL_HEADER);
    st.put("aaguid", aaguid.toString());
    st.put("description", description);
    st.put("authenticatorVersion", 1);
    st.put("protocolFamily", "fido2");
    st.put("schema", 3);
    st.putArray("upv").addObject().put("major", 1).put("minor", 0);
    st.putArray("authenticationAlgorithms").add("secp256r1_ecdsa_sha256_raw");
    st.putArray("publicKeyAlgAndEncodings").add("cose");
    st.putArray("attestationTypes").add("basic_full");
    st.putArray("userVerificationDetails")
        .addArray()
        .addObject()
        .put("userVerificationMethod", "presence_internal");
    st.putArray("keyProtection").add(keyProtection);
    st.putArray("matcherProtection").add("on_chip");
    st.putArray("attachmentHint").add("external").add("wired");
    st.putArray("tcDisplay");
    st.putArray("attestationRootCertificates")
        .add(Base64.getEncoder().encodeToString(attestationRoot.getEncoded()));
    ArrayNode reports = e.putArray("statusReports");
    reports.addObject().put("status", "FIDO_CERTIFIED_L1").put("effectiveDate", "2024-01-01");
    e.put("timeOfLastStatusChange", "2024-01-01");

    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(m.writeValueAsBytes(header))
            + "."
            + b64.encodeToString(m.writeValueAsBytes(payload));
    Signature s = Signature.getInstance("SHA256withRSA", bc);
    s.initSign(signerKey.getPrivate());
    s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(s.sign());
  }

  private KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc);
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private X509Certificate cert(
      X500Name issuer, X500Name subject, KeyPair subjectKey, KeyPair issuerKey, boolean ca)
      throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(ca ? 0 : 1)),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            subject,
            subjectKey.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    return new JcaX509CertificateConverter()
        .setProvider(bc)
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(bc)
                    .build(issuerKey.getPrivate())));
  }
}

package dev.rootguard.testkit.fido;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A software FIDO authenticator for unit tests: it answers WebAuthn creation and request options
 * (the JSON a relying party gives {@code navigator.credentials}) with the JSON a browser's {@code
 * PublicKeyCredential.toJSON()} produces, signed with real ES256 keys and real {@code packed} or
 * {@code fido-u2f} attestations under a self-made attestation CA. Platform teams test their
 * registration and sign-in flows with it, without hardware or a browser.
 *
 * <p>Keys are generated with Bouncy Castle; the provider is used by instance and never registered
 * in the JVM. Every ceremony can be bent with {@link Overrides} (another origin, RP id, challenge,
 * signature counter, a flipped signature bit) to test that a verifier rejects it.
 *
 * <pre>{@code
 * SoftwareAuthenticator key = SoftwareAuthenticator.builder().format(AttestationFormat.PACKED).build();
 * String created = key.register(creationOptionsJson, "https://example.com");
 * String asserted = key.authenticate(requestOptionsJson, "https://example.com");
 * String phished = key.authenticate(requestOptionsJson, "https://example.com",
 *     o -> o.origin("https://examp1e.com"));
 * }</pre>
 *
 * <p>Never use it in production: its keys live in memory and its attestation CA is made up.
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class SoftwareAuthenticator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
  private static final String AAGUID_EXTENSION_OID = "1.3.6.1.4.1.45724.1.1.4";
  private static final int FLAG_UP = 0x01;
  private static final int FLAG_UV = 0x04;
  private static final int FLAG_BE = 0x08;
  private static final int FLAG_BS = 0x10;
  private static final int FLAG_AT = 0x40;

  private final BouncyCastleProvider bc;
  private final SecureRandom random;
  private final AttestationFormat format;
  private final UUID aaguid;
  private final boolean userVerifying;
  private final boolean backupEligible;
  private final boolean backupState;
  private final KeyPair rootKey;
  private final X509Certificate rootCertificate;
  private final KeyPair attestationKey;
  private final X509Certificate attestationCertificate;
  private final Map<String, StoredKey> keys;

  private static final class StoredKey {
    final byte[] credentialId;
    final KeyPair keyPair;
    final String rpId;
    final String appId;
    final byte[] userHandle;
    long signCount;

    StoredKey(
        byte[] credentialId,
        KeyPair keyPair,
        String rpId,
        String appId,
        byte[] userHandle,
        long n) {
      this.credentialId = credentialId;
      this.keyPair = keyPair;
      this.rpId = rpId;
      this.appId = appId;
      this.userHandle = userHandle;
      this.signCount = n;
    }

    StoredKey copy() {
      return new StoredKey(credentialId, keyPair, rpId, appId, userHandle, signCount);
    }
  }

  private SoftwareAuthenticator(Builder b) {
    this.bc = new BouncyCastleProvider();
    this.random = new SecureRandom();
    this.format = b.format;
    this.aaguid = b.aaguid != null ? b.aaguid : defaultAaguid(b.format);
    this.userVerifying =
        b.userVerifying != null ? b.userVerifying : b.format != AttestationFormat.FIDO_U2F;
    this.backupEligible = b.backupEligible;
    this.backupState = b.backupState;
    this.keys = new ConcurrentHashMap<>();
    if (b.attestationCa != null) {
      this.rootKey = b.attestationCa.rootKey;
      this.rootCertificate = b.attestationCa.rootCertificate;
    } else {
      this.rootKey = newKeyPair();
      this.rootCertificate = rootCertificate(rootKey);
    }
    this.attestationKey = newKeyPair();
    this.attestationCertificate = makeAttestationCertificate();
    if (format == AttestationFormat.FIDO_U2F && userVerifying) {
      throw new IllegalArgumentException(
          "userVerifying: a fido-u2f authenticator cannot verify users");
    }
  }

  private SoftwareAuthenticator(SoftwareAuthenticator original) {
    this.bc = original.bc;
    this.random = original.random;
    this.format = original.format;
    this.aaguid = original.aaguid;
    this.userVerifying = original.userVerifying;
    this.backupEligible = original.backupEligible;
    this.backupState = original.backupState;
    this.rootKey = original.rootKey;
    this.rootCertificate = original.rootCertificate;
    this.attestationKey = original.attestationKey;
    this.attestationCertificate = original.attestationCertificate;
    this.keys = new ConcurrentHashMap<>();
    original.keys.forEach((k, v) -> keys.put(k, copyOf(v)));
  }

  private static StoredKey copyOf(StoredKey k) {
    synchronized (k) {
      return k.copy();
    }
  }

  private static UUID defaultAaguid(AttestationFormat format) {
    return format == AttestationFormat.FIDO_U2F
        ? new UUID(0, 0)
        : UUID.fromString("726f6f74-6775-6172-642d-746573746b69");
  }

  /**
   * Starts building a software authenticator.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a software authenticator with {@code packed} attestation and user verification.
   *
   * @return the authenticator
   */
  public static SoftwareAuthenticator packed() {
    return builder().build();
  }

  /**
   * Returns a software U2F (CTAP1) authenticator with {@code fido-u2f} attestation.
   *
   * @return the authenticator
   */
  public static SoftwareAuthenticator u2f() {
    return builder().format(AttestationFormat.FIDO_U2F).build();
  }

  /**
   * Returns the self-made root certificate that signed this authenticator's attestation
   * certificate: give it to a relying party's attestation trust policy.
   *
   * @return the root certificate
   */
  public X509Certificate attestationRootCertificate() {
    return rootCertificate;
  }

  /**
   * Returns an empty certificate revocation list signed by the attestation root, valid from
   * yesterday for a year, for relying parties that check revocation.
   *
   * @return the CRL
   */
  public java.security.cert.X509CRL attestationRootCrl() {
    try {
      Instant now = Instant.now();
      org.bouncycastle.cert.X509v2CRLBuilder b =
          new org.bouncycastle.cert.X509v2CRLBuilder(
              X500Name.getInstance(rootCertificate.getSubjectX500Principal().getEncoded()),
              Date.from(now.minus(Duration.ofDays(1))));
      b.setNextUpdate(Date.from(now.plus(Duration.ofDays(365))));
      return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter()
          .setProvider(bc)
          .getCRL(
              b.build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(bc)
                      .build(rootKey.getPrivate())));
    } catch (OperatorCreationException | java.security.cert.CRLException e) {
      throw new IllegalStateException("cannot make the CRL", e);
    }
  }

  /**
   * Returns the attestation (leaf) certificate this authenticator puts in its attestation
   * statements.
   *
   * @return the attestation certificate
   */
  public X509Certificate attestationCertificate() {
    return attestationCertificate;
  }

  /**
   * Returns the AAGUID this authenticator reports ({@code 00000000-…} for U2F).
   *
   * @return the AAGUID
   */
  public UUID aaguid() {
    return aaguid;
  }

  /**
   * Returns the attestation format produced at registration.
   *
   * @return the format
   */
  public AttestationFormat format() {
    return format;
  }

  /**
   * Returns the ids (base64url) of the credentials this authenticator holds.
   *
   * @return the ids, in no particular order
   */
  public List<String> credentialIds() {
    return List.copyOf(keys.keySet());
  }

  /**
   * Returns the signature counter of a credential: the value its last ceremony reported.
   *
   * @param credentialId the credential id, base64url
   * @return the counter
   * @throws IllegalArgumentException if the credential is not held here
   */
  public long signCount(String credentialId) {
    StoredKey k = key(credentialId);
    synchronized (k) {
      return k.signCount;
    }
  }

  /**
   * Sets a credential's signature counter, for example back to a lower value to play a cloned key.
   *
   * @param credentialId the credential id, base64url
   * @param signCount the new counter; the next assertion reports {@code signCount + 1}
   * @throws IllegalArgumentException if the credential is not held here or the count is negative
   */
  public void setSignCount(String credentialId, long signCount) {
    if (signCount < 0 || signCount > 0xffffffffL) {
      throw new IllegalArgumentException("signCount: must be 0..2^32-1, was " + signCount);
    }
    StoredKey k = key(credentialId);
    synchronized (k) {
      k.signCount = signCount;
    }
  }

  /**
   * Returns an independent copy of this authenticator holding the same private keys and counters: a
   * cloned key. The two then advance their counters independently.
   *
   * @return the clone
   */
  public SoftwareAuthenticator cloneKey() {
    return new SoftwareAuthenticator(this);
  }

  private StoredKey key(String credentialId) {
    StoredKey k = keys.get(Objects.requireNonNull(credentialId, "credentialId"));
    if (k == null) {
      throw new IllegalArgumentException("credentialId: not held by this authenticator");
    }
    return k;
  }

  /**
   * Answers {@code navigator.credentials.create()} options. Like a browser, it sends attestation
   * format {@code none} with a zero AAGUID when the options ask for attestation {@code "none"} (or
   * do not ask); {@code "direct"} or {@code "indirect"} get this authenticator's own format.
   *
   * @param creationOptionsJson the options, either the {@code publicKey} object or wrapped as
   *     {@code {"publicKey": {...}}}
   * @param origin the origin the "browser" is on, for example {@code "https://example.com"}
   * @return the registration response JSON, as {@code PublicKeyCredential.toJSON()} gives it
   * @throws IllegalArgumentException if the options are not valid JSON options
   * @throws IllegalStateException if a real authenticator would refuse (an excluded credential is
   *     held here, or user verification or a resident key is required from a U2F key)
   */
  public String register(String creationOptionsJson, String origin) {
    return register(creationOptionsJson, origin, o -> {});
  }

  /**
   * Answers {@code navigator.credentials.create()} options, bent by overrides.
   *
   * @param creationOptionsJson the options
   * @param origin the origin the "browser" is on
   * @param overrides changes to make to the ceremony
   * @return the registration response JSON
   * @throws IllegalArgumentException if the options are not valid JSON options
   * @throws IllegalStateException if a real authenticator would refuse
   */
  public String register(String creationOptionsJson, String origin, Consumer<Overrides> overrides) {
    Objects.requireNonNull(origin, "origin");
    Overrides o = new Overrides();
    overrides.accept(o);
    JsonNode options = unwrap(parse(creationOptionsJson, "creationOptionsJson"));
    String rpId = text(options.path("rp"), "id", null);
    if (rpId == null) {
      rpId = java.net.URI.create(origin).getHost();
    }
    byte[] challenge = b64(text(options, "challenge", null), "challenge");
    byte[] userHandle = b64(text(options.path("user"), "id", null), "user.id");
    for (JsonNode ex : options.path("excludeCredentials")) {
      if (keys.containsKey(ex.path("id").asText())) {
        throw new IllegalStateException("InvalidStateError: an excluded credential is held here");
      }
    }
    String uv = options.path("authenticatorSelection").path("userVerification").asText("preferred");
    String rk = options.path("authenticatorSelection").path("residentKey").asText("discouraged");
    if (format == AttestationFormat.FIDO_U2F && ("required".equals(rk))) {
      throw new IllegalStateException("NotAllowedError: a U2F key cannot create resident keys");
    }
    boolean uvDone = userVerification(uv, o);
    boolean es256 = false;
    for (JsonNode p : options.path("pubKeyCredParams")) {
      es256 |= p.path("alg").asInt() == -7;
    }
    if (!es256) {
      throw new IllegalStateException("NotSupportedError: only ES256 (-7) is supported");
    }
    // like a browser: attestation "none" (the default) strips the statement and the AAGUID
    AttestationFormat fmt =
        "none".equals(options.path("attestation").asText("none")) && !o.keepAttestation
            ? AttestationFormat.NONE
            : format;
    byte[] credentialId = new byte[format == AttestationFormat.FIDO_U2F ? 64 : 32];
    random.nextBytes(credentialId);
    KeyPair kp = newKeyPair();
    long count = format == AttestationFormat.FIDO_U2F ? 0 : 1;
    StoredKey stored = new StoredKey(credentialId, kp, rpId, null, userHandle, count);
    String id = B64URL.encodeToString(credentialId);

    byte[] clientData =
        clientDataJson(
            o.type != null ? o.type : "webauthn.create",
            o.challenge != null ? o.challenge : B64URL.encodeToString(challenge),
            o.origin != null ? o.origin : origin);
    byte[] rpIdHash = sha256(o.rpId != null ? o.rpId : rpId);
    int flags = FLAG_UP | FLAG_AT;
    if (uvDone) {
      flags |= FLAG_UV;
    }
    if (format != AttestationFormat.FIDO_U2F && backupEligible) {
      flags |= FLAG_BE;
      if (backupState) {
        flags |= FLAG_BS;
      }
    }
    if (o.userPresent != null && !o.userPresent) {
      flags &= ~FLAG_UP;
    }
    byte[] cose = coseKey((ECPublicKey) kp.getPublic());
    UUID reportedAaguid = fmt == AttestationFormat.NONE ? new UUID(0, 0) : aaguid;
    ByteBuffer authData =
        ByteBuffer.allocate(32 + 1 + 4 + 16 + 2 + credentialId.length + cose.length);
    authData
        .put(rpIdHash)
        .put((byte) flags)
        .putInt((int) (o.signCount != null ? o.signCount : count));
    authData.putLong(reportedAaguid.getMostSignificantBits());
    authData.putLong(reportedAaguid.getLeastSignificantBits());
    authData.putShort((short) credentialId.length).put(credentialId).put(cose);
    byte[] authDataBytes = authData.array();
    byte[] clientDataHash = sha256(clientData);

    Cbor att = new Cbor().map(3).text("fmt").text(fmt.id()).text("attStmt");
    switch (fmt) {
      case PACKED:
        {
          byte[] sig = sign(attestationKey.getPrivate(), concat(authDataBytes, clientDataHash), o);
          att.map(3).text("alg").integer(-7).text("sig").bytes(sig).text("x5c").array(1);
          att.bytes(encoded(attestationCertificate));
          break;
        }
      case FIDO_U2F:
        {
          byte[] signed =
              concat(
                  new byte[] {0},
                  rpIdHash,
                  clientDataHash,
                  credentialId,
                  rawPublicKey((ECPublicKey) kp.getPublic()));
          byte[] sig = sign(attestationKey.getPrivate(), signed, o);
          att.map(2).text("sig").bytes(sig).text("x5c").array(1);
          att.bytes(encoded(attestationCertificate));
          break;
        }
      default:
        att.map(0);
    }
    att.text("authData").bytes(authDataBytes);
    keys.put(id, stored);

    ObjectNode response = JSON.createObjectNode();
    response.put("clientDataJSON", B64URL.encodeToString(clientData));
    response.put("attestationObject", B64URL.encodeToString(att.toByteArray()));
    response.putArray("transports").add("usb");
    return credentialJson(id, response, JSON.createObjectNode());
  }

  /**
   * Registers a key through the old U2F API (no WebAuthn), under an AppID, as a platform that used
   * U2F before WebAuthn has them on file. Sign in with it later through the AppID extension.
   *
   * @param appId the U2F AppID, for example {@code "https://example.com/app-id.json"}
   * @return what the platform stored for the key
   */
  public LegacyU2fKey registerLegacyU2f(String appId) {
    Objects.requireNonNull(appId, "appId");
    byte[] keyHandle = new byte[64];
    random.nextBytes(keyHandle);
    KeyPair kp = newKeyPair();
    String id = B64URL.encodeToString(keyHandle);
    keys.put(id, new StoredKey(keyHandle, kp, null, appId, null, 0));
    return new LegacyU2fKey(
        appId, id, B64URL.encodeToString(rawPublicKey((ECPublicKey) kp.getPublic())));
  }

  /**
   * Answers {@code navigator.credentials.get()} options.
   *
   * @param requestOptionsJson the options, either the {@code publicKey} object or wrapped as {@code
   *     {"publicKey": {...}}}
   * @param origin the origin the "browser" is on
   * @return the assertion response JSON, as {@code PublicKeyCredential.toJSON()} gives it
   * @throws IllegalArgumentException if the options are not valid JSON options
   * @throws IllegalStateException if no held credential fits the options, or user verification is
   *     required from a key that cannot verify users
   */
  public String authenticate(String requestOptionsJson, String origin) {
    return authenticate(requestOptionsJson, origin, o -> {});
  }

  /**
   * Answers {@code navigator.credentials.get()} options, bent by overrides.
   *
   * @param requestOptionsJson the options
   * @param origin the origin the "browser" is on
   * @param overrides changes to make to the ceremony
   * @return the assertion response JSON
   * @throws IllegalArgumentException if the options are not valid JSON options
   * @throws IllegalStateException if no held credential fits the options
   */
  public String authenticate(
      String requestOptionsJson, String origin, Consumer<Overrides> overrides) {
    Objects.requireNonNull(origin, "origin");
    Overrides o = new Overrides();
    overrides.accept(o);
    JsonNode options = unwrap(parse(requestOptionsJson, "requestOptionsJson"));
    String rpId = text(options, "rpId", null);
    if (rpId == null) {
      rpId = java.net.URI.create(origin).getHost();
    }
    String appId = text(options.path("extensions"), "appid", null);
    byte[] challenge = b64(text(options, "challenge", null), "challenge");
    StoredKey key =
        choose(options, rpId, appId, o)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "NotAllowedError: no credential held here fits the request"));
    boolean viaAppId = key.rpId == null || (appId != null && appId.equals(key.appId));
    boolean uvDone = userVerification(options.path("userVerification").asText("preferred"), o);
    long count;
    synchronized (key) {
      key.signCount = key.signCount + 1;
      count = key.signCount;
    }
    if (o.signCount != null) {
      count = o.signCount;
    }
    byte[] clientData =
        clientDataJson(
            o.type != null ? o.type : "webauthn.get",
            o.challenge != null ? o.challenge : B64URL.encodeToString(challenge),
            o.origin != null ? o.origin : origin);
    byte[] rpIdHash = sha256(o.rpId != null ? o.rpId : viaAppId ? key.appId : rpId);
    int flags = FLAG_UP;
    if (uvDone) {
      flags |= FLAG_UV;
    }
    if (format != AttestationFormat.FIDO_U2F && key.rpId != null && backupEligible) {
      flags |= FLAG_BE;
      if (backupState) {
        flags |= FLAG_BS;
      }
    }
    if (o.userPresent != null && !o.userPresent) {
      flags &= ~FLAG_UP;
    }
    byte[] authData =
        ByteBuffer.allocate(37).put(rpIdHash).put((byte) flags).putInt((int) count).array();
    byte[] sig = sign(key.keyPair.getPrivate(), concat(authData, sha256(clientData)), o);
    String id = B64URL.encodeToString(key.credentialId);

    ObjectNode response = JSON.createObjectNode();
    response.put("clientDataJSON", B64URL.encodeToString(clientData));
    response.put("authenticatorData", B64URL.encodeToString(authData));
    response.put("signature", B64URL.encodeToString(sig));
    if (o.userHandle != null) {
      response.put("userHandle", o.userHandle);
    } else if (key.userHandle != null) {
      response.put("userHandle", B64URL.encodeToString(key.userHandle));
    }
    ObjectNode ext = JSON.createObjectNode();
    if (appId != null) {
      ext.put("appid", viaAppId);
    }
    return credentialJson(o.credentialId != null ? o.credentialId : id, response, ext);
  }

  private Optional<StoredKey> choose(JsonNode options, String rpId, String appId, Overrides o) {
    if (o.useCredential != null) {
      return Optional.of(key(o.useCredential));
    }
    JsonNode allow = options.path("allowCredentials");
    List<StoredKey> candidates = new ArrayList<>();
    if (allow.isArray() && allow.size() > 0) {
      for (JsonNode c : allow) {
        StoredKey k = keys.get(c.path("id").asText());
        if (k != null) {
          candidates.add(k);
        }
      }
    } else {
      for (StoredKey k : keys.values()) {
        if (k.rpId != null && k.userHandle != null) {
          candidates.add(k);
        }
      }
    }
    for (StoredKey k : candidates) {
      if (rpId.equals(k.rpId) || (appId != null && appId.equals(k.appId))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  private boolean userVerification(String requirement, Overrides o) {
    if (o.userVerified != null) {
      return o.userVerified;
    }
    if ("required".equals(requirement) && !userVerifying) {
      throw new IllegalStateException("NotAllowedError: this key cannot verify users");
    }
    return userVerifying && !"discouraged".equals(requirement);
  }

  private String credentialJson(String id, ObjectNode response, ObjectNode extensions) {
    ObjectNode cred = JSON.createObjectNode();
    cred.put("id", id);
    cred.put("rawId", id);
    cred.put("type", "public-key");
    cred.set("response", response);
    cred.put("authenticatorAttachment", "cross-platform");
    cred.set("clientExtensionResults", extensions);
    try {
      return JSON.writeValueAsString(cred);
    } catch (IOException e) {
      throw new IllegalStateException("bug: cannot write JSON", e);
    }
  }

  private static byte[] clientDataJson(String type, String challenge, String origin) {
    ObjectNode cd = JSON.createObjectNode();
    cd.put("type", type);
    cd.put("challenge", challenge);
    cd.put("origin", origin);
    cd.put("crossOrigin", false);
    try {
      return JSON.writeValueAsBytes(cd);
    } catch (IOException e) {
      throw new IllegalStateException("bug: cannot write JSON", e);
    }
  }

  private static JsonNode parse(String json, String field) {
    Objects.requireNonNull(json, field);
    try {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException(field + ": not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException(field + ": not valid JSON", e);
    }
  }

  private static JsonNode unwrap(JsonNode n) {
    return n.has("publicKey") ? n.get("publicKey") : n;
  }

  private static String text(JsonNode n, String field, String dflt) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : dflt;
  }

  private static byte[] b64(String s, String field) {
    if (s == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    try {
      return B64URL_DECODER.decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": not base64url", e);
    }
  }

  private byte[] sign(PrivateKey key, byte[] data, Overrides o) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA", bc);
      s.initSign(key, random);
      s.update(data);
      byte[] sig = s.sign();
      if (o.tamperSignature) {
        sig[sig.length - 1] ^= 0x01;
      }
      return sig;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }

  private KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc);
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  private X509Certificate rootCertificate(KeyPair kp) {
    X500Name name = new X500Name("C=US, O=RootGuard Test, CN=RootGuard Test Attestation Root");
    try {
      X509v3CertificateBuilder cb = certificateBuilder(name, name, kp.getPublic());
      cb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      cb.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      cb.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(kp.getPublic()));
      return signCertificate(cb, kp.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the attestation root", e);
    }
  }

  private X509Certificate makeAttestationCertificate() {
    X500Name subject =
        new X500Name(
            "C=US, O=RootGuard Test, OU=Authenticator Attestation, CN=RootGuard Software Authenticator");
    X500Name issuer = X500Name.getInstance(rootCertificate.getSubjectX500Principal().getEncoded());
    try {
      X509v3CertificateBuilder cb = certificateBuilder(issuer, subject, attestationKey.getPublic());
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
      if (format == AttestationFormat.PACKED) {
        ByteBuffer a = ByteBuffer.allocate(16);
        a.putLong(aaguid.getMostSignificantBits()).putLong(aaguid.getLeastSignificantBits());
        cb.addExtension(
            new org.bouncycastle.asn1.ASN1ObjectIdentifier(AAGUID_EXTENSION_OID),
            false,
            new DEROctetString(a.array()));
      }
      return signCertificate(cb, rootKey.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the attestation certificate", e);
    }
  }

  private X509v3CertificateBuilder certificateBuilder(
      X500Name issuer, X500Name subject, java.security.PublicKey key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, random).setBit(63),
        Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(3650))),
        subject,
        key);
  }

  private X509Certificate signCertificate(X509v3CertificateBuilder cb, PrivateKey issuerKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(bc)
          .getCertificate(
              cb.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  static byte[] rawPublicKey(ECPublicKey key) {
    return concat(new byte[] {4}, fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
  }

  private static byte[] coseKey(ECPublicKey key) {
    return new Cbor()
        .map(5)
        .integer(1)
        .integer(2)
        .integer(3)
        .integer(-7)
        .integer(-1)
        .integer(1)
        .integer(-2)
        .bytes(fixed(key.getW().getAffineX()))
        .integer(-3)
        .bytes(fixed(key.getW().getAffineY()))
        .toByteArray();
  }

  private static byte[] fixed(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  private static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  @Override
  public String toString() {
    return "SoftwareAuthenticator[format="
        + format.id()
        + ", aaguid="
        + aaguid
        + ", credentials="
        + keys.size()
        + "]";
  }

  /**
   * Changes to make to one ceremony, to test that a relying party rejects it. Unset values keep the
   * honest behaviour. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Overrides {
    private String origin;
    private String rpId;
    private String challenge;
    private String type;
    private Long signCount;
    private Boolean userVerified;
    private Boolean userPresent;
    private boolean tamperSignature;
    private boolean keepAttestation;
    private String credentialId;
    private String useCredential;
    private String userHandle;

    private Overrides() {}

    /**
     * Puts another origin in the client data (a phishing page).
     *
     * @param origin the origin
     * @return this
     */
    public Overrides origin(String origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /**
     * Hashes another RP id into the authenticator data.
     *
     * @param rpId the RP id
     * @return this
     */
    public Overrides rpId(String rpId) {
      this.rpId = Objects.requireNonNull(rpId, "rpId");
      return this;
    }

    /**
     * Puts another challenge (base64url) in the client data.
     *
     * @param challenge the challenge
     * @return this
     */
    public Overrides challenge(String challenge) {
      this.challenge = Objects.requireNonNull(challenge, "challenge");
      return this;
    }

    /**
     * Puts another ceremony type in the client data (e.g. {@code "webauthn.create"} in an
     * assertion).
     *
     * @param type the type
     * @return this
     */
    public Overrides type(String type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Reports this signature counter instead of the next one (the key's own counter still
     * advances).
     *
     * @param signCount the counter to report
     * @return this
     */
    public Overrides signCount(long signCount) {
      this.signCount = signCount;
      return this;
    }

    /**
     * Sets or clears the user-verified flag regardless of the request.
     *
     * @param verified whether to report user verification
     * @return this
     */
    public Overrides userVerified(boolean verified) {
      this.userVerified = verified;
      return this;
    }

    /**
     * Sets or clears the user-present flag.
     *
     * @param present whether to report user presence
     * @return this
     */
    public Overrides userPresent(boolean present) {
      this.userPresent = present;
      return this;
    }

    /**
     * Flips one bit of the signature after signing.
     *
     * @return this
     */
    public Overrides tamperSignature() {
      this.tamperSignature = true;
      return this;
    }

    /**
     * Sends the attestation statement even when the options ask for attestation {@code "none"} (a
     * browser would strip it).
     *
     * @return this
     */
    public Overrides keepAttestation() {
      this.keepAttestation = true;
      return this;
    }

    /**
     * Reports another credential id (base64url) in the response than the key that signed.
     *
     * @param credentialId the id to report
     * @return this
     */
    public Overrides reportCredentialId(String credentialId) {
      this.credentialId = Objects.requireNonNull(credentialId, "credentialId");
      return this;
    }

    /**
     * Signs with this held credential regardless of the request's allow list.
     *
     * @param credentialId the held credential's id, base64url
     * @return this
     */
    public Overrides useCredential(String credentialId) {
      this.useCredential = Objects.requireNonNull(credentialId, "credentialId");
      return this;
    }

    /**
     * Reports this user handle (base64url) in the assertion.
     *
     * @param userHandle the user handle
     * @return this
     */
    public Overrides userHandle(String userHandle) {
      this.userHandle = Objects.requireNonNull(userHandle, "userHandle");
      return this;
    }
  }

  /**
   * Builds a {@link SoftwareAuthenticator}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private AttestationFormat format = AttestationFormat.PACKED;
    private UUID aaguid;
    private Boolean userVerifying;
    private boolean backupEligible;
    private boolean backupState;
    private SoftwareAuthenticator attestationCa;

    private Builder() {}

    /**
     * Sets the attestation format. Default: {@link AttestationFormat#PACKED}.
     *
     * @param format the format
     * @return this
     */
    public Builder format(AttestationFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Sets the AAGUID reported by a {@code packed} authenticator. Default: a fixed RootGuard test
     * AAGUID ({@code 726f6f74-6775-6172-642d-746573746b69}); zero for U2F.
     *
     * @param aaguid the AAGUID
     * @return this
     */
    public Builder aaguid(UUID aaguid) {
      this.aaguid = Objects.requireNonNull(aaguid, "aaguid");
      return this;
    }

    /**
     * Sets whether the authenticator can verify users (a PIN or fingerprint). Default: true for
     * {@code packed} and {@code none}, false (and not allowed) for {@code fido-u2f}.
     *
     * @param userVerifying whether user verification is possible
     * @return this
     */
    public Builder userVerifying(boolean userVerifying) {
      this.userVerifying = userVerifying;
      return this;
    }

    /**
     * Makes this authenticator act as a synced passkey provider: the backup-eligible flag (and,
     * when {@code backedUp}, the backup-state flag) are set. Default: a device-bound key.
     *
     * @param backedUp whether the credential is already backed up
     * @return this
     */
    public Builder syncedPasskey(boolean backedUp) {
      this.backupEligible = true;
      this.backupState = backedUp;
      return this;
    }

    /**
     * Uses the attestation root of another software authenticator, so one trust root covers a fleet
     * of test keys. Default: a fresh root per authenticator.
     *
     * @param other the authenticator whose root signs this one's attestation certificate
     * @return this
     */
    public Builder sameAttestationRootAs(SoftwareAuthenticator other) {
      this.attestationCa = Objects.requireNonNull(other, "other");
      return this;
    }

    /**
     * Builds the authenticator, generating its keys and certificates.
     *
     * @return the authenticator
     * @throws IllegalArgumentException if a {@code fido-u2f} key is set to verify users
     */
    public SoftwareAuthenticator build() {
      return new SoftwareAuthenticator(this);
    }
  }
}

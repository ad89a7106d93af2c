package dev.rootguard.mfa.fido;

import com.yubico.fido.metadata.FidoMetadataDownloader;
import com.yubico.fido.metadata.FidoMetadataService;
import com.yubico.fido.metadata.MetadataBLOB;
import com.yubico.fido.metadata.MetadataBLOBPayloadEntry;
import com.yubico.fido.metadata.MetadataStatement;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.attestation.AttestationTrustSource;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.extension.uvm.KeyProtectionType;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.fido.internal.AttestationRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which authenticators a registration accepts, judged by their attestation: anything ({@link
 * #none()}, {@link #anyAuthenticator()}), only those chaining to given roots ({@link #trusted}), or
 * only those the FIDO Metadata Service vouches for ({@link #fidoMetadata}). A platform uses the
 * last two to require attested hardware keys (for example only YubiKeys) for root-grade accounts.
 *
 * <p>A registered credential counts as <em>hardware</em> for CIS only when its attestation was
 * trusted by {@link #trusted} or {@link #fidoMetadata} (and, with metadata, the metadata says its
 * keys are protected in hardware or a secure element) and it is device-bound (not a synced
 * passkey). With {@link #none()} and {@link #anyAuthenticator()} nothing is proven, so nothing
 * counts as hardware.
 *
 * <pre>{@code
 * AttestationPolicy yubikeysOnly = AttestationPolicy.trusted(List.of(yubicoRootCa));
 * AttestationPolicy mds = AttestationPolicy.fidoMetadata(Path.of("/etc/app/mds3-blob.jwt"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#sctn-attestation-trust-verification">WebAuthn
 *     Level 3 §7.1 step 23</a>
 * @since 0.1.0
 */
public final class AttestationPolicy {
  /** SHA-256 of "GlobalSign Root CA - R3", the root that signs the FIDO MDS3 BLOB. */
  static final String FIDO_MDS_ROOT_SHA256 =
      "cbb522d7b7f127ad6a0113865bdf1cd4102e7d0759af635a7cf4720dc963c53b";

  enum Kind {
    NONE,
    ANY,
    TRUSTED,
    METADATA
  }

  private final Kind kind;
  private final Set<X509Certificate> roots;
  private final FidoMetadataService metadata;
  private final int metadataEntries;
  private final CertStore crls;

  private AttestationPolicy(
      Kind kind, Set<X509Certificate> roots, FidoMetadataService metadata, int entries) {
    this(kind, roots, metadata, entries, null);
  }

  private AttestationPolicy(
      Kind kind,
      Set<X509Certificate> roots,
      FidoMetadataService metadata,
      int entries,
      CertStore crls) {
    this.kind = kind;
    this.roots = roots;
    this.metadata = metadata;
    this.metadataEntries = entries;
    this.crls = crls;
  }

  /**
   * Asks for no attestation and accepts every authenticator. Browsers then hide the AAGUID. The
   * default.
   *
   * @return the policy
   */
  public static AttestationPolicy none() {
    return new AttestationPolicy(Kind.NONE, Set.of(), null, 0);
  }

  /**
   * Asks for direct attestation, verifies any attestation statement that is sent and records the
   * AAGUID, but accepts every authenticator, attested or not.
   *
   * @return the policy
   */
  public static AttestationPolicy anyAuthenticator() {
    return new AttestationPolicy(Kind.ANY, Set.of(), null, 0);
  }

  /**
   * Accepts only authenticators whose attestation certificate chains to one of these roots (for
   * example Yubico's U2F root CA). Revocation is not checked (attestation roots rarely publish
   * CRLs).
   *
   * @param roots the trusted attestation root certificates; at least one
   * @return the policy
   * @throws InvalidInputException if {@code roots} is empty (field {@code roots})
   */
  public static AttestationPolicy trusted(Collection<X509Certificate> roots) {
    Objects.requireNonNull(roots, "roots");
    if (roots.isEmpty()) {
      throw new InvalidInputException("roots", "at least one trusted root is required");
    }
    return new AttestationPolicy(Kind.TRUSTED, Set.copyOf(roots), null, 0);
  }

  /**
   * Accepts only authenticators listed in an offline FIDO Metadata Service (MDS3) BLOB file, the
   * JWT downloaded from {@code https://mds3.fidoalliance.org/}. The BLOB's signature must chain to
   * the FIDO Alliance's root, "GlobalSign Root CA - R3", taken from this JVM's {@code cacerts} and
   * checked by its SHA-256 fingerprint. Nothing is downloaded at runtime; refresh the file
   * yourself. Authenticators' attestation chains are checked against the metadata's roots without
   * revocation checking (there are no CRLs offline); revoked authenticators are excluded through
   * the BLOB's status reports.
   *
   * @param blobFile the MDS3 BLOB (a JWT) on disk
   * @return the policy
   * @throws InvalidInputException if the file cannot be read or does not verify (field {@code
   *     blobFile})
   */
  public static AttestationPolicy fidoMetadata(Path blobFile) {
    return fidoMetadata(blobFile, fidoMdsRoot(), List.of(), Clock.systemUTC());
  }

  /**
   * Accepts only authenticators listed in an offline MDS3-format BLOB signed under another root: a
   * private metadata service, or a test BLOB. Nothing is downloaded at runtime.
   *
   * @param blobFile the BLOB (a JWT whose header carries the signing chain in {@code x5c})
   * @param blobTrustRoot the root the BLOB's signing chain must end in
   * @param crls certificate revocation lists for the BLOB's signing chain and for authenticators'
   *     attestation chains; when given, both are checked for revocation (as MDS3 requires), when
   *     empty only the BLOB's chain is (and fails without CRLs)
   * @param clock the clock the BLOB's validity is judged by
   * @return the policy
   * @throws InvalidInputException if the file cannot be read or does not verify (field {@code
   *     blobFile})
   */
  public static AttestationPolicy fidoMetadata(
      Path blobFile, X509Certificate blobTrustRoot, Collection<? extends CRL> crls, Clock clock) {
    Objects.requireNonNull(blobFile, "blobFile");
    Objects.requireNonNull(blobTrustRoot, "blobTrustRoot");
    Objects.requireNonNull(crls, "crls");
    Objects.requireNonNull(clock, "clock");
    String jwt;
    try {
      jwt = Files.readString(blobFile, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new InvalidInputException("blobFile", "cannot read " + blobFile + ": " + e, e);
    }
    try {
      FidoMetadataDownloader.FidoMetadataDownloaderBuilder b =
          FidoMetadataDownloader.builder()
              .expectLegalHeader(
                  "Retrieval and use of this BLOB indicates acceptance of the appropriate agreement located at https://fidoalliance.org/metadata/metadata-legal-terms/")
              .useTrustRoot(blobTrustRoot)
              .useBlob(jwt)
              .clock(clock);
      b.useCrls(List.copyOf(crls));
      MetadataBLOB blob = b.build().loadCachedBlob();
      CertStore store =
          crls.isEmpty()
              ? null
              : CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls));
      FidoMetadataService.FidoMetadataServiceBuilder sb =
          FidoMetadataService.builder().useBlob(blob);
      if (store != null) {
        sb.certStore(store);
      }
      return new AttestationPolicy(
          Kind.METADATA, Set.of(), sb.build(), blob.getPayload().getEntries().size(), store);
    } catch (GeneralSecurityException
        | IOException
        | com.yubico.webauthn.data.exception.Base64UrlException
        | com.yubico.fido.metadata.UnexpectedLegalHeader
        | com.yubico.fido.metadata.FidoMetadataDownloaderException
        | RuntimeException e) {
      throw new InvalidInputException(
          "blobFile", "not a valid FIDO metadata BLOB (" + blobFile + "): " + e.getMessage(), e);
    }
  }

  private static X509Certificate fidoMdsRoot() {
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    try (InputStream in = Files.newInputStream(cacerts)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(in, null);
      for (String alias : java.util.Collections.list(ks.aliases())) {
        Certificate c = ks.getCertificate(alias);
        if (c instanceof X509Certificate x
            && HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(x.getEncoded()))
                .equals(FIDO_MDS_ROOT_SHA256)) {
          return x;
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException("blobFile", "cannot read the JVM's cacerts: " + e, e);
    }
    throw new InvalidInputException(
        "blobFile",
        "this JVM's cacerts lacks GlobalSign Root CA - R3; pass the FIDO root explicitly");
  }

  Kind kind() {
    return kind;
  }

  AttestationConveyancePreference conveyance() {
    return kind == Kind.NONE
        ? AttestationConveyancePreference.NONE
        : AttestationConveyancePreference.DIRECT;
  }

  boolean requiresTrust() {
    return kind == Kind.TRUSTED || kind == Kind.METADATA;
  }

  Optional<AttestationTrustSource> trustSource() {
    switch (kind) {
      case TRUSTED:
        return Optional.of(
            (chain, aaguid) ->
                AttestationTrustSource.TrustRootsResult.builder()
                    .trustRoots(roots)
                    .enableRevocationChecking(false)
                    .build());
      case METADATA:
        return Optional.of(
            (chain, aaguid) -> {
              AttestationTrustSource.TrustRootsResult r = metadata.findTrustRoots(chain, aaguid);
              AttestationTrustSource.TrustRootsResult.TrustRootsResultBuilder b =
                  AttestationTrustSource.TrustRootsResult.builder()
                      .trustRoots(r.getTrustRoots())
                      .enableRevocationChecking(crls != null);
              if (crls != null) {
                b.certStore(crls);
              }
              return b.build();
            });
      default:
        return Optional.empty();
    }
  }

  /** What metadata says about a registration, if anything. */
  record Known(String name, boolean hardwareProtected) {}

  Known describe(RegistrationResult r) {
    if (kind == Kind.TRUSTED) {
      return new Known("", true);
    }
    if (kind != Kind.METADATA) {
      return new Known("", false);
    }
    Set<MetadataBLOBPayloadEntry> entries;
    try {
      entries = metadata.findEntries(r);
    } catch (RuntimeException e) {
      return new Known("", false);
    }
    for (MetadataBLOBPayloadEntry e : entries) {
      Optional<MetadataStatement> st = e.getMetadataStatement();
      if (st.isPresent()) {
        Set<KeyProtectionType> kp = st.get().getKeyProtection();
        boolean hw =
            kp.contains(KeyProtectionType.KEY_PROTECTION_HARDWARE)
                || kp.contains(KeyProtectionType.KEY_PROTECTION_SECURE_ELEMENT);
        return new Known(st.get().getDescription().orElse(""), hw);
      }
    }
    return new Known("", false);
  }

  /** This policy in the terms the ceremonies use (java-webauthn-server's types stay internal). */
  AttestationRules rules() {
    AttestationPolicy policy = this;
    return new AttestationRules() {
      @Override
      public AttestationConveyancePreference conveyance() {
        return policy.conveyance();
      }

      @Override
      public boolean requiresTrust() {
        return policy.requiresTrust();
      }

      @Override
      public Optional<AttestationTrustSource> trustSource() {
        return policy.trustSource();
      }

      @Override
      public Described describe(RegistrationResult result) {
        Known k = policy.describe(result);
        return new Described(k.name(), k.hardwareProtected());
      }
    };
  }

  static ByteArray noAaguid() {
    return new ByteArray(new byte[16]);
  }

  @Override
  public String toString() {
    switch (kind) {
      case TRUSTED:
        return "AttestationPolicy.trusted(" + roots.size() + " roots)";
      case METADATA:
        return "AttestationPolicy.fidoMetadata(" + metadataEntries + " entries)";
      case ANY:
        return "AttestationPolicy.anyAuthenticator()";
      default:
        return "AttestationPolicy.none()";
    }
  }
}

package dev.rootguard.aws;

import dev.rootguard.aws.internal.KmsDataKey;
import dev.rootguard.seal.Envelope;
import dev.rootguard.seal.SealingException;
import dev.rootguard.seal.SecretSealer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * A {@link SecretSealer} that uses AWS KMS envelope encryption: KMS {@code GenerateDataKey} hands
 * out a 256-bit data key, the secret is sealed here with AES-256-GCM under that data key, and the
 * envelope carries the data key as KMS wrapped it (its {@code CiphertextBlob}) beside the nonce and
 * the ciphertext. {@link #open} unwraps the data key with KMS {@code Decrypt}, pinned to the key id
 * the envelope names. The KMS key never leaves KMS, and the secret never goes to KMS.
 *
 * <p><b>Data keys are reused, within bounds.</b> One data key seals at most {@link
 * Builder#maxSealsPerDataKey(long) N} values (default 2<sup>20</sup>) and is used for at most
 * {@link Builder#dataKeyLifetime(Duration) T} (default 5 minutes, measured on the injected {@link
 * Clock}); then the next seal asks KMS for a new one. Unwrapped data keys are cached for opening,
 * each for at most the same T, in a least-recently-used cache of at most {@link
 * Builder#maxCachedDataKeys(int) M} entries (default 1,000). A data key this sealer generated is
 * put in that cache too, so opening what it just sealed needs no {@code Decrypt}. Retired and
 * evicted key bytes are overwritten with zeros once no seal or open still uses them (best-effort:
 * the JCA cipher, the SDK's HTTP buffers and the garbage collector may hold copies this class
 * cannot reach). Because of T, disabling the KMS key or revoking this caller's access takes effect
 * here within T.
 *
 * <p><b>Envelope.</b> {@link #seal} returns {@code rgs1.<keyId>.<base64url body>} ({@link
 * Envelope}), where {@code keyId} is the KMS key id exactly as given to {@link #builder} and the
 * body (format version 1) is, with lengths in bytes and integers unsigned big-endian:
 *
 * <pre>
 * offset   length   field
 * 0        1        format version, 0x01
 * 1        2        n, length of the wrapped data key, 1..6144
 * 3        n        wrapped data key: the KMS CiphertextBlob from GenerateDataKey (opaque)
 * 3+n      12       AES-GCM nonce, fresh from SecureRandom for every value
 * 15+n     m+16     AES-256-GCM ciphertext of the m-byte secret, then the 128-bit tag
 * </pre>
 *
 * <p>The GCM associated data is the first 3+n bytes of the body (version, length and wrapped key)
 * followed by the UTF-8 bytes of {@code "rgs1." + keyId + "\0" + context}, which is the binding
 * {@link dev.rootguard.seal.LocalKeySealer} uses. A value moved to another record, an envelope
 * relabelled with another key id, or any altered byte fails to open.
 *
 * <p><b>KMS encryption context.</b> Both KMS calls pass the fixed {@link #ENCRYPTION_CONTEXT}
 * {@code {"rootguard": "seal/1"}}. It shows the purpose in CloudTrail and lets a key policy allow
 * the key for RootGuard sealing only (condition {@code kms:EncryptionContext:rootguard} = {@code
 * seal/1}; see {@code kms-sealer-policy.json}). The record's context is deliberately <i>not</i> in
 * the KMS encryption context: a data key serves many records, so a per-record KMS context would
 * cost one {@code GenerateDataKey} per seal and one {@code Decrypt} per open (no caching, KMS
 * request quotas and latency on every verification), and it would write every record identity
 * (token serials, user names) into CloudTrail in clear. The record binding is enforced instead by
 * the GCM associated data above, for every value.
 *
 * <p><b>Naming the key.</b> Prefer the key ARN. A key id, an alias name ({@code alias/…}) or an
 * alias ARN also work, but {@code Decrypt} is pinned to the id in the envelope, so repointing an
 * alias to another KMS key makes the values sealed before fail to open. KMS automatic key rotation
 * needs nothing here (the ARN stays the same). To move to another KMS key, build a sealer for the
 * new key with {@link Builder#alsoOpen(String)} naming the old one, and run {@code rootguard store
 * reseal}. An envelope naming any other key id is refused without a KMS call.
 *
 * <p>Permissions: {@code kms:GenerateDataKey} and {@code kms:Decrypt} on the key, listed in {@code
 * kms-sealer-policy.json} (a resource of this package and a file at the module's root).
 *
 * <pre>{@code
 * KmsClient kms = KmsClient.builder().region(Region.EU_WEST_1).build();
 * SecretSealer sealer =
 *     KmsSecretSealer.builder(kms, "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
 *         .build();
 * String sealed = sealer.seal(seed, "token:GALT12345678");
 * byte[] again = sealer.open(sealed, "token:GALT12345678");
 * }</pre>
 *
 * <p>Thread-safe; share one instance (its data key caches are per instance). The {@code KmsClient}
 * stays the caller's to close. Key bytes never reach {@code toString}, logs or messages.
 *
 * <p>Length: this class is just over 600 lines because its documentation (the envelope format,
 * rotation, permissions: about 100 lines) and its builder's documented setters (about 130) sit
 * beside about 300 lines of sealing, opening and data-key caching that belong together; the data
 * key itself already lives in {@code internal.KmsDataKey}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/kms/latest/developerguide/kms-cryptography.html#enveloping">AWS
 *     KMS envelope encryption</a>
 * @see <a href="https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf">NIST
 *     SP 800-38D §8.3 (random nonces)</a>
 * @since 0.2.0
 */
public final class KmsSecretSealer implements SecretSealer {
  /** The KMS encryption context of every {@code GenerateDataKey} and {@code Decrypt} call. */
  public static final Map<String, String> ENCRYPTION_CONTEXT = Map.of("rootguard", "seal/1");

  static final int FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 3;
  static final int DATA_KEY_BYTES = 32;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int MAX_WRAPPED_KEY_BYTES = 6144;
  static final long DEFAULT_MAX_SEALS_PER_DATA_KEY = 1L << 20;
  static final long MAX_SEALS_PER_DATA_KEY = 1L << 32;
  static final Duration DEFAULT_DATA_KEY_LIFETIME = Duration.ofMinutes(5);
  static final Duration MAX_DATA_KEY_LIFETIME = Duration.ofHours(24);
  static final int DEFAULT_MAX_CACHED_DATA_KEYS = 1_000;
  static final int MAX_CACHED_DATA_KEYS = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(KmsSecretSealer.class);
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KmsClient kms;
  private final String keyId;
  private final Set<String> openable;
  private final Clock clock;
  private final long maxSeals;
  private final Duration lifetime;
  private final int maxCached;

  private final Object sealLock = new Object();

  /** The data key seals use now; guarded by {@link #sealLock}. */
  private KmsDataKey sealKey;

  /** How many more values {@link #sealKey} may seal; guarded by {@link #sealLock}. */
  private long sealsLeft;

  /**
   * Unwrapped data keys by key id and wrapped key, least recently used first; guarded by itself.
   */
  private final LinkedHashMap<String, KmsDataKey> opened;

  private KmsSecretSealer(Builder b) {
    this.kms = b.kms;
    this.keyId = b.keyId;
    Set<String> ids = new LinkedHashSet<>();
    ids.add(b.keyId);
    ids.addAll(b.alsoOpen);
    this.openable = Set.copyOf(ids);
    this.clock = b.clock;
    this.maxSeals = b.maxSeals;
    this.lifetime = b.lifetime;
    this.maxCached = b.maxCached;
    this.opened =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, KmsDataKey> eldest) {
            if (size() > maxCached) {
              eldest.getValue().retire();
              return true;
            }
            return false;
          }
        };
  }

  /**
   * Returns a builder for a sealer over {@code kms} that seals with the KMS key {@code keyId}.
   *
   * @param kms the KMS client (not closed by the sealer)
   * @param keyId the KMS key: a key ARN (preferred), key id, alias name or alias ARN; it becomes
   *     the envelope's key id, so 1 to 256 characters of {@code [A-Za-z0-9:/_+=@-]}
   * @return the builder
   * @throws IllegalArgumentException if the key id has a character outside that set or is too long
   */
  public static Builder builder(KmsClient kms, String keyId) {
    return new Builder(kms, keyId);
  }

  @Override
  public String seal(byte[] plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context");
    KmsDataKey dk = reserveSealKey();
    byte[] wrapped = dk.wrapped();
    int header = HEADER_BYTES + wrapped.length;
    Cipher c;
    byte[] out;
    try {
      c = Cipher.getInstance(TRANSFORMATION);
      out = new byte[header + NONCE_BYTES + plaintext.length + TAG_BYTES];
      out[0] = (byte) FORMAT_VERSION;
      out[1] = (byte) (wrapped.length >>> 8);
      out[2] = (byte) wrapped.length;
      System.arraycopy(wrapped, 0, out, HEADER_BYTES, wrapped.length);
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      System.arraycopy(nonce, 0, out, header, NONCE_BYTES);
      c.init(Cipher.ENCRYPT_MODE, dk, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    } catch (GeneralSecurityException e) {
      throw new SealingException(keyId, "AES-GCM seal failed: " + e.getClass().getName(), e);
    } finally {
      dk.release();
    }
    try {
      c.updateAAD(out, 0, header);
      c.updateAAD(aadTail(keyId, context));
      c.doFinal(plaintext, 0, plaintext.length, out, header + NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new SealingException(keyId, "AES-GCM seal failed: " + e.getClass().getName(), e);
    }
    return Envelope.of(keyId, out).text();
  }

  @Override
  public byte[] open(String envelope, String context) {
    Objects.requireNonNull(context, "context");
    Envelope e = Envelope.parse(envelope);
    String id = e.keyId();
    if (!openable.contains(id)) {
      throw new SealingException(
          id,
          "not a KMS key this sealer opens (it seals with "
              + keyId
              + " and opens "
              + openable.size()
              + " key id(s); add old keys with alsoOpen)",
          null);
    }
    byte[] body = e.body();
    int header = headerLength(id, body);
    byte[] wrapped = Arrays.copyOfRange(body, HEADER_BYTES, header);
    KmsDataKey dk = unwrap(id, wrapped);
    Cipher c;
    try {
      c = Cipher.getInstance(TRANSFORMATION);
      c.init(
          Cipher.DECRYPT_MODE, dk, new GCMParameterSpec(TAG_BYTES * 8, body, header, NONCE_BYTES));
    } catch (GeneralSecurityException ex) {
      throw new SealingException(id, "AES-GCM open failed: " + ex.getClass().getName(), ex);
    } finally {
      dk.release();
    }
    try {
      c.updateAAD(body, 0, header);
      c.updateAAD(aadTail(id, context));
      int from = header + NONCE_BYTES;
      return c.doFinal(body, from, body.length - from);
    } catch (AEADBadTagException bad) {
      throw new SealingException(
          id, "cannot open: altered value, or sealed for another record", null);
    } catch (GeneralSecurityException ex) {
      throw new SealingException(id, "AES-GCM open failed: " + ex.getClass().getName(), ex);
    }
  }

  @Override
  public String currentKeyId() {
    return keyId;
  }

  /**
   * Drops every cached data key, for sealing and for opening, and overwrites its bytes once no call
   * in progress still uses it. The next seal and each next open of a data key ask KMS again. Use it
   * after revoking access, when waiting for the data key lifetime is not good enough.
   */
  public void clearCachedKeys() {
    synchronized (sealLock) {
      if (sealKey != null) {
        sealKey.retire();
        sealKey = null;
      }
    }
    synchronized (opened) {
      opened.values().forEach(KmsDataKey::retire);
      opened.clear();
    }
  }

  // ---- sealing: the current data key ----

  private KmsDataKey reserveSealKey() {
    synchronized (sealLock) {
      Instant now = clock.instant();
      if (sealKey == null || sealsLeft <= 0 || sealKey.expired(now, lifetime)) {
        LOG.debug(
            "new data key from kms:GenerateDataKey for {} ({})",
            keyId,
            sealKey == null ? "none yet" : sealsLeft <= 0 ? "seal count reached" : "lifetime over");
        if (sealKey != null) {
          sealKey.retire();
          sealKey = null;
        }
        sealKey = generate(now);
        sealsLeft = maxSeals;
      }
      sealsLeft--;
      if (!sealKey.acquire()) {
        throw new IllegalStateException("bug: the current seal data key was retired");
      }
      return sealKey;
    }
  }

  /** Calls GenerateDataKey; returns the seal copy and caches an open copy. */
  private KmsDataKey generate(Instant now) {
    GenerateDataKeyResponse r;
    try {
      r =
          kms.generateDataKey(
              b ->
                  b.keyId(keyId)
                      .keySpec(DataKeySpec.AES_256)
                      .encryptionContext(ENCRYPTION_CONTEXT));
    } catch (SdkException e) {
      throw kmsFailure(keyId, "kms:GenerateDataKey", e);
    }
    byte[] plain = r.plaintext() == null ? new byte[0] : r.plaintext().asByteArrayUnsafe();
    try {
      if (plain.length != DATA_KEY_BYTES) {
        throw new SealingException(
            keyId,
            "kms:GenerateDataKey returned a "
                + plain.length
                + "-byte data key, expected "
                + DATA_KEY_BYTES,
            null);
      }
      byte[] wrapped = r.ciphertextBlob() == null ? new byte[0] : r.ciphertextBlob().asByteArray();
      if (wrapped.length < 1 || wrapped.length > MAX_WRAPPED_KEY_BYTES) {
        throw new SealingException(
            keyId,
            "kms:GenerateDataKey returned a "
                + wrapped.length
                + "-byte CiphertextBlob, expected 1.."
                + MAX_WRAPPED_KEY_BYTES,
            null);
      }
      cache(cacheKey(keyId, wrapped), new KmsDataKey(plain.clone(), wrapped, now));
      return new KmsDataKey(plain.clone(), wrapped, now);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  // ---- opening: unwrapped data keys ----

  private static int headerLength(String id, byte[] body) {
    if (body.length < HEADER_BYTES) {
      throw new SealingException(id, "sealed value too short", null);
    }
    if ((body[0] & 0xff) != FORMAT_VERSION) {
      throw new SealingException(
          id, "unknown KMS sealed-value format version " + (body[0] & 0xff), null);
    }
    int n = ((body[1] & 0xff) << 8) | (body[2] & 0xff);
    if (n < 1 || n > MAX_WRAPPED_KEY_BYTES) {
      throw new SealingException(id, "wrapped data key length " + n + " out of range", null);
    }
    if (body.length < HEADER_BYTES + n + NONCE_BYTES + TAG_BYTES) {
      throw new SealingException(id, "sealed value too short", null);
    }
    return HEADER_BYTES + n;
  }

  /** Returns an acquired data key for the wrapped key, from the cache or from KMS Decrypt. */
  private KmsDataKey unwrap(String id, byte[] wrapped) {
    String k = cacheKey(id, wrapped);
    Instant now = clock.instant();
    synchronized (opened) {
      KmsDataKey hit = opened.get(k);
      if (hit != null) {
        if (!hit.expired(now, lifetime) && hit.acquire()) {
          return hit;
        }
        opened.remove(k);
        hit.retire();
      }
    }
    LOG.debug("data key not cached; kms:Decrypt with {}", id);
    DecryptResponse r;
    try {
      r =
          kms.decrypt(
              b ->
                  b.keyId(id)
                      .ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                      .encryptionContext(ENCRYPTION_CONTEXT)
                      .encryptionAlgorithm(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT));
    } catch (SdkException e) {
      throw kmsFailure(id, "kms:Decrypt", e);
    }
    byte[] plain = r.plaintext() == null ? new byte[0] : r.plaintext().asByteArrayUnsafe();
    try {
      if (plain.length != DATA_KEY_BYTES) {
        throw new SealingException(
            id,
            "kms:Decrypt returned a " + plain.length + "-byte data key, expected " + DATA_KEY_BYTES,
            null);
      }
      KmsDataKey fresh = new KmsDataKey(plain.clone(), wrapped, now);
      fresh.acquire();
      cache(k, fresh);
      return fresh;
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private void cache(String k, KmsDataKey dk) {
    synchronized (opened) {
      KmsDataKey old = opened.put(k, dk);
      if (old != null) {
        old.retire();
      }
    }
  }

  private static String cacheKey(String id, byte[] wrapped) {
    // key ids never contain a space
    return id + ' ' + Base64.getEncoder().encodeToString(wrapped);
  }

  private static byte[] aadTail(String id, String context) {
    return Envelope.associatedData(id, context);
  }

  private static SealingException kmsFailure(String id, String action, SdkException e) {
    String what = e.getClass().getSimpleName();
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      what = ase.awsErrorDetails().errorCode() + " (HTTP " + ase.statusCode() + ")";
    }
    return new SealingException(id, action + " failed: " + what, e);
  }

  @Override
  public String toString() {
    int cached;
    synchronized (opened) {
      cached = opened.size();
    }
    return "KmsSecretSealer[key="
        + keyId
        + ", opens="
        + openable.size()
        + " key id(s), maxSealsPerDataKey="
        + maxSeals
        + ", dataKeyLifetime="
        + lifetime
        + ", cachedDataKeys="
        + cached
        + "/"
        + maxCached
        + "]";
  }

  /**
   * Builds a {@link KmsSecretSealer}; {@link KmsSecretSealer#builder} takes the KMS client and key.
   *
   * <pre>{@code
   * KmsSecretSealer sealer = KmsSecretSealer.builder(kms, newKeyArn)
   *     .alsoOpen(oldKeyArn)
   *     .dataKeyLifetime(Duration.ofMinutes(1))
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe; confine to one thread.
   *
   * @since 0.2.0
   */
  public static final class Builder {
    private final KmsClient kms;
    private final String keyId;
    private final Set<String> alsoOpen = new LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private long maxSeals = DEFAULT_MAX_SEALS_PER_DATA_KEY;
    private Duration lifetime = DEFAULT_DATA_KEY_LIFETIME;
    private int maxCached = DEFAULT_MAX_CACHED_DATA_KEYS;

    private Builder(KmsClient kms, String keyId) {
      this.kms = Objects.requireNonNull(kms, "kms");
      requireKeyId(keyId);
      this.keyId = keyId;
    }

    private static void requireKeyId(String id) {
      Objects.requireNonNull(id, "keyId");
      Envelope.of(id, new byte[0]); // throws IllegalArgumentException naming keyId
    }

    /**
     * Sets the clock that measures data key lifetimes.
     *
     * <p>Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many values one data key seals before the next seal asks KMS for a new one.
     *
     * <p>Default: 2<sup>20</sup> (1,048,576). Maximum: 2<sup>32</sup>, the NIST SP 800-38D §8.3
     * bound for AES-GCM with random 96-bit nonces. With the default, the chance that two values of
     * one data key share a nonce stays below 2<sup>-57</sup>, and a bulk import of 10,000 tokens
     * takes one KMS call. Lower it to limit what one leaked data key exposes; 1 gives every value
     * its own data key (one KMS call per seal).
     *
     * @param n 1 to 2<sup>32</sup>
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxSealsPerDataKey(long n) {
      if (n < 1 || n > MAX_SEALS_PER_DATA_KEY) {
        throw new IllegalArgumentException(
            "maxSealsPerDataKey: must be 1.." + MAX_SEALS_PER_DATA_KEY + ", was " + n);
      }
      this.maxSeals = n;
      return this;
    }

    /**
     * Sets how long a data key is used, both for sealing (from when KMS generated it) and, once
     * unwrapped, for opening (from when KMS decrypted it). This bounds how long key bytes stay in
     * memory and how long this sealer keeps working after its KMS access is revoked.
     *
     * <p>Default: 5 minutes (in steady use, one {@code GenerateDataKey} per 5 minutes per
     * instance). Maximum: 24 hours.
     *
     * @param lifetime more than zero, at most 24 hours
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder dataKeyLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "dataKeyLifetime");
      if (lifetime.isNegative()
          || lifetime.isZero()
          || lifetime.compareTo(MAX_DATA_KEY_LIFETIME) > 0) {
        throw new IllegalArgumentException(
            "dataKeyLifetime: must be more than 0 and at most "
                + MAX_DATA_KEY_LIFETIME
                + ", was "
                + lifetime);
      }
      this.lifetime = lifetime;
      return this;
    }

    /**
     * Sets how many unwrapped data keys are cached for opening; past that, the least recently used
     * one is evicted and its bytes overwritten.
     *
     * <p>Default: 1,000 (well under 1 MB; a store whose values span up to 1,000 data keys opens
     * with one {@code Decrypt} per data key). Maximum: 100,000.
     *
     * @param n 1 to 100,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxCachedDataKeys(int n) {
      if (n < 1 || n > MAX_CACHED_DATA_KEYS) {
        throw new IllegalArgumentException(
            "maxCachedDataKeys: must be 1.." + MAX_CACHED_DATA_KEYS + ", was " + n);
      }
      this.maxCached = n;
      return this;
    }

    /**
     * Also opens envelopes that name {@code oldKeyId} (a KMS key used before a move to the current
     * one), so {@code rootguard store reseal} can rewrite them. Call once per old key.
     *
     * <p>Default: none; only envelopes of the current key open, and any other key id is refused
     * without a KMS call.
     *
     * @param oldKeyId a KMS key id, in the form it has in the old envelopes
     * @return this builder
     * @throws IllegalArgumentException if the key id has a character outside the envelope's set
     */
    public Builder alsoOpen(String oldKeyId) {
      requireKeyId(oldKeyId);
      alsoOpen.add(oldKeyId);
      return this;
    }

    /**
     * Builds the sealer. It makes no KMS call; the first seal or open does.
     *
     * @return the sealer
     */
    public KmsSecretSealer build() {
      return new KmsSecretSealer(this);
    }
  }
}

package dev.rootguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rootguard.seal.Envelope;
import dev.rootguard.seal.SealingException;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.Race;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * {@link KmsSecretSealer} with the real SDK {@code KmsClient} talking HTTP to {@link FakeKms} on
 * the local endpoint.
 */
class KmsSecretSealerTest {
  static final String GENERATE = "kms:GenerateDataKey";
  static final String DECRYPT = "kms:Decrypt";
  static final byte[] SECRET =
      "GALT-seed-3132333435363738393031323334353637383930".getBytes(StandardCharsets.UTF_8);
  static final String CONTEXT = "token:GALT12345678";

  LocalAwsEndpoint aws;
  KmsClient kms;
  MutableClock clock;
  String keyA;
  String keyB;

  @BeforeEach
  void start() {
    aws = LocalAwsEndpoint.start("100000000001");
    kms = aws.kmsClient();
    clock = MutableClock.at(1_800_000_000L);
    keyA = aws.kms().createKey("rootguard-a");
    keyB = aws.kms().createKey("rootguard-b");
  }

  @AfterEach
  void stop() {
    kms.close();
    aws.close();
  }

  KmsSecretSealer.Builder sealer(String key) {
    return KmsSecretSealer.builder(kms, key).clock(clock);
  }

  /** The wrapped data key of an envelope, read by the documented layout. */
  static byte[] wrappedKey(String envelope) {
    byte[] body = Envelope.parse(envelope).body();
    int n = ((body[1] & 0xff) << 8) | (body[2] & 0xff);
    return Arrays.copyOfRange(body, 3, 3 + n);
  }

  static byte[] nonce(String envelope) {
    byte[] body = Envelope.parse(envelope).body();
    int n = ((body[1] & 0xff) << 8) | (body[2] & 0xff);
    return Arrays.copyOfRange(body, 3 + n, 3 + n + 12);
  }

  // ---- round trip and layout ----

  @Test
  void seal_thenOpen_returnsTheSecret() {
    KmsSecretSealer s = sealer(keyA).build();

    String sealed = s.seal(SECRET, CONTEXT);

    assertThat(sealed).startsWith("rgs1." + keyA + ".");
    assertThat(Envelope.parse(sealed).keyId()).isEqualTo(s.currentKeyId()).isEqualTo(keyA);
    assertThat(s.open(sealed, CONTEXT)).isEqualTo(SECRET);
    assertThat(s.needsReseal(sealed)).isFalse();
  }

  @Test
  void seal_emptySecret_roundTrips() {
    KmsSecretSealer s = sealer(keyA).build();

    assertThat(s.open(s.seal(new byte[0], CONTEXT), CONTEXT)).isEmpty();
  }

  @Test
  void seal_withAnAlias_roundTripsAndNamesTheAlias() {
    KmsSecretSealer s = sealer("alias/rootguard-a").build();

    String sealed = s.seal(SECRET, CONTEXT);

    assertThat(Envelope.parse(sealed).keyId()).isEqualTo("alias/rootguard-a");
    assertThat(sealer("alias/rootguard-a").build().open(sealed, CONTEXT)).isEqualTo(SECRET);
  }

  @Test
  void envelopeBody_followsTheDocumentedLayout_opensWithAnIndependentDecoder() throws Exception {
    String sealed = sealer(keyA).build().seal(SECRET, CONTEXT);

    // Decode by the layout in KmsSecretSealer's Javadoc, with the SDK client and the JCA only.
    byte[] body = Envelope.parse(sealed).body();
    assertThat(body[0]).isEqualTo((byte) 1);
    int n = ((body[1] & 0xff) << 8) | (body[2] & 0xff);
    byte[] wrapped = Arrays.copyOfRange(body, 3, 3 + n);
    byte[] dataKey =
        kms.decrypt(
                b ->
                    b.keyId(keyA)
                        .ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                        .encryptionContext(Map.of("rootguard", "seal/1")))
            .plaintext()
            .asByteArray();
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(dataKey, "AES"),
        new GCMParameterSpec(128, body, 3 + n, 12));
    gcm.updateAAD(body, 0, 3 + n);
    gcm.updateAAD(("rgs1." + keyA + "\0" + CONTEXT).getBytes(StandardCharsets.UTF_8));
    byte[] opened = gcm.doFinal(body, 3 + n + 12, body.length - (3 + n + 12));

    assertThat(dataKey).hasSize(32);
    assertThat(body).hasSize(3 + n + 12 + SECRET.length + 16);
    assertThat(opened).isEqualTo(SECRET);
  }

  @Test
  void seal_sameSecretTwice_usesAFreshNonceUnderTheSameDataKey() {
    KmsSecretSealer s = sealer(keyA).build();

    String one = s.seal(SECRET, CONTEXT);
    String two = s.seal(SECRET, CONTEXT);

    assertThat(one).isNotEqualTo(two);
    assertThat(nonce(one)).isNotEqualTo(nonce(two));
    assertThat(wrappedKey(one)).isEqualTo(wrappedKey(two));
    assertThat(aws.count(GENERATE)).isEqualTo(1);
  }

  @Test
  void seal_everyKmsCall_passesTheFixedEncryptionContext() {
    KmsSecretSealer s = sealer(keyA).build();
    String sealed = s.seal(SECRET, CONTEXT);
    sealer(keyA).build().open(sealed, CONTEXT);

    assertThat(aws.kms().contexts())
        .hasSize(2)
        .allSatisfy(c -> assertThat(c).isEqualTo(KmsSecretSealer.ENCRYPTION_CONTEXT))
        .allSatisfy(c -> assertThat(c).isEqualTo(Map.of("rootguard", "seal/1")));
  }

  // ---- what must not open ----

  @Test
  void open_wrongContext_throwsSealingExceptionNamingTheKey() {
    KmsSecretSealer s = sealer(keyA).build();
    String sealed = s.seal(SECRET, CONTEXT);

    SealingException e =
        catchThrowableOfType(SealingException.class, () -> s.open(sealed, "token:GALT99999999"));

    assertThat(e).isNotNull();
    assertThat(e.keyId()).isEqualTo(keyA);
    assertThat(e.getCause()).isNull();
  }

  @Test
  void open_anyAlteredByte_throwsSealingExceptionNamingTheKey() {
    KmsSecretSealer s = sealer(keyA).build();
    String sealed = s.seal(SECRET, CONTEXT);
    byte[] body = Envelope.parse(sealed).body();

    for (int i = 0; i < body.length; i++) {
      byte[] altered = body.clone();
      altered[i] ^= 0x01;
      String bad = Envelope.of(keyA, altered).text();
      SealingException e = catchThrowableOfType(SealingException.class, () -> s.open(bad, CONTEXT));
      assertThat(e).as("byte %d altered", i).isNotNull();
      assertThat(e.keyId()).isEqualTo(keyA);
    }
    assertThat(s.open(sealed, CONTEXT)).isEqualTo(SECRET);
  }

  @Test
  void open_truncatedOrLengthened_throwsSealingException() {
    KmsSecretSealer s = sealer(keyA).build();
    byte[] body = Envelope.parse(s.seal(SECRET, CONTEXT)).body();

    for (byte[] bad :
        List.of(
            new byte[0],
            Arrays.copyOf(body, 2),
            Arrays.copyOf(body, body.length - 1),
            Arrays.copyOf(body, body.length + 1))) {
      assertThatThrownBy(() -> s.open(Envelope.of(keyA, bad).text(), CONTEXT))
          .isInstanceOfSatisfying(
              SealingException.class, e -> assertThat(e.keyId()).isEqualTo(keyA));
    }
  }

  @Test
  void open_envelopeOfKeyA_underSealerForKeyB_throwsNamingKeyAWithoutCallingKms() {
    String sealed = sealer(keyA).build().seal(SECRET, CONTEXT);
    KmsSecretSealer b = sealer(keyB).build();
    aws.clearCalls();

    SealingException e =
        catchThrowableOfType(SealingException.class, () -> b.open(sealed, CONTEXT));

    assertThat(e.keyId()).isEqualTo(keyA);
    assertThat(aws.calls()).isEmpty();
    assertThat(b.needsReseal(sealed)).isTrue();
  }

  @Test
  void open_oldKeyWithAlsoOpen_opensAndNeedsReseal() {
    String old = sealer(keyA).build().seal(SECRET, CONTEXT);
    KmsSecretSealer b = sealer(keyB).alsoOpen(keyA).build();

    assertThat(b.open(old, CONTEXT)).isEqualTo(SECRET);
    assertThat(b.needsReseal(old)).isTrue();
    String resealed = b.seal(b.open(old, CONTEXT), CONTEXT);
    assertThat(Envelope.parse(resealed).keyId()).isEqualTo(keyB);
    assertThat(b.needsReseal(resealed)).isFalse();
  }

  @Test
  void open_envelopeRelabelledWithAnotherOpenableKey_throwsNamingTheLabel() {
    String sealedA = sealer(keyA).build().seal(SECRET, CONTEXT);
    String relabelled = Envelope.of(keyB, Envelope.parse(sealedA).body()).text();
    KmsSecretSealer b = sealer(keyB).alsoOpen(keyA).build();

    SealingException e =
        catchThrowableOfType(SealingException.class, () -> b.open(relabelled, CONTEXT));

    // Decrypt is pinned to the key the envelope names, so KMS refuses A's wrapped key under B.
    assertThat(e.keyId()).isEqualTo(keyB);
    assertThat(e.getCause()).isInstanceOf(IncorrectKeyException.class);
  }

  // ---- data key reuse, bounded ----

  @Test
  void seal_pastMaxSealsPerDataKey_fetchesANewDataKey() {
    KmsSecretSealer s = sealer(keyA).maxSealsPerDataKey(3).build();

    List<String> sealed = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      sealed.add(s.seal(SECRET, CONTEXT + i));
      assertThat(aws.count(GENERATE)).as("after seal %d", i + 1).isEqualTo(i / 3 + 1);
    }

    assertThat(wrappedKey(sealed.get(2))).isEqualTo(wrappedKey(sealed.get(0)));
    assertThat(wrappedKey(sealed.get(3))).isNotEqualTo(wrappedKey(sealed.get(2)));
    for (int i = 0; i < 7; i++) {
      assertThat(s.open(sealed.get(i), CONTEXT + i)).isEqualTo(SECRET);
    }
  }

  @Test
  void seal_afterDataKeyLifetime_fetchesANewDataKey() {
    KmsSecretSealer s = sealer(keyA).dataKeyLifetime(Duration.ofMinutes(5)).build();
    String first = s.seal(SECRET, CONTEXT);

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    String stillSame = s.seal(SECRET, CONTEXT);
    assertThat(aws.count(GENERATE)).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    String renewed = s.seal(SECRET, CONTEXT);
    assertThat(aws.count(GENERATE)).isEqualTo(2);
    assertThat(wrappedKey(stillSame)).isEqualTo(wrappedKey(first));
    assertThat(wrappedKey(renewed)).isNotEqualTo(wrappedKey(first));
  }

  @Test
  void seal_clockMovedBack_fetchesANewDataKey() {
    KmsSecretSealer s = sealer(keyA).build();
    s.seal(SECRET, CONTEXT);

    clock.advance(Duration.ofSeconds(-1));
    s.seal(SECRET, CONTEXT);

    assertThat(aws.count(GENERATE)).isEqualTo(2);
  }

  @Test
  void seal_concurrentThreads_neverExceedMaxSealsPerDataKey() throws Exception {
    int threads = 8;
    int perThread = 50;
    long max = 7;
    KmsSecretSealer s = sealer(keyA).maxSealsPerDataKey(max).build();
    ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    Race.collect(
        threads,
        Duration.ofSeconds(60),
        id -> {
          for (int i = 0; i < perThread; i++) {
            out.add(s.seal(SECRET, CONTEXT + id + "/" + i));
          }
          return null;
        });

    Map<String, Integer> usesPerDataKey = new HashMap<>();
    for (String e : out) {
      usesPerDataKey.merge(Base64.getEncoder().encodeToString(wrappedKey(e)), 1, Integer::sum);
    }
    assertThat(out).hasSize(threads * perThread);
    assertThat(usesPerDataKey.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(7));
    assertThat((long) usesPerDataKey.size()).isEqualTo(aws.count(GENERATE));
    assertThat(usesPerDataKey).hasSize((int) ((threads * perThread + max - 1) / max));
  }

  // ---- unwrapped data keys, cached ----

  @Test
  void open_sameWrappedKeyTwice_callsDecryptOnce() {
    KmsSecretSealer writer = sealer(keyA).build();
    String one = writer.seal(SECRET, CONTEXT + 1);
    String two = writer.seal(SECRET, CONTEXT + 2);
    KmsSecretSealer reader = sealer(keyA).build(); // another server: nothing cached yet

    reader.open(one, CONTEXT + 1);
    reader.open(two, CONTEXT + 2);
    reader.open(one, CONTEXT + 1);

    assertThat(aws.count(DECRYPT)).isEqualTo(1);
  }

  @Test
  void open_whatThisSealerSealed_needsNoDecrypt() {
    KmsSecretSealer s = sealer(keyA).build();

    s.open(s.seal(SECRET, CONTEXT), CONTEXT);

    assertThat(aws.count(DECRYPT)).isZero();
  }

  @Test
  void open_afterDataKeyLifetime_callsDecryptAgain() {
    String sealed = sealer(keyA).build().seal(SECRET, CONTEXT);
    KmsSecretSealer reader = sealer(keyA).dataKeyLifetime(Duration.ofMinutes(2)).build();
    reader.open(sealed, CONTEXT);

    clock.advance(Duration.ofMinutes(2).minusMillis(1));
    reader.open(sealed, CONTEXT);
    assertThat(aws.count(DECRYPT)).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    reader.open(sealed, CONTEXT);
    assertThat(aws.count(DECRYPT)).isEqualTo(2);
  }

  @Test
  void open_moreDataKeysThanTheCacheHolds_evictsTheLeastRecentlyUsed() {
    KmsSecretSealer writer = sealer(keyA).maxSealsPerDataKey(1).build();
    String v1 = writer.seal(SECRET, "r1");
    String v2 = writer.seal(SECRET, "r2");
    String v3 = writer.seal(SECRET, "r3");
    KmsSecretSealer reader = sealer(keyA).maxCachedDataKeys(2).build();

    reader.open(v1, "r1");
    reader.open(v2, "r2");
    reader.open(v1, "r1"); // v1 most recent, v2 eldest
    reader.open(v3, "r3"); // evicts v2
    assertThat(aws.count(DECRYPT)).isEqualTo(3);

    reader.open(v1, "r1");
    assertThat(aws.count(DECRYPT)).isEqualTo(3);
    reader.open(v2, "r2");
    assertThat(aws.count(DECRYPT)).isEqualTo(4);
  }

  @Test
  void open_concurrentlyWithEvictions_alwaysOpens() throws Exception {
    KmsSecretSealer writer = sealer(keyA).maxSealsPerDataKey(1).build();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      values.add(writer.seal(SECRET, "r" + i));
    }
    // six data keys through a cache of two: keys are evicted (and wiped) while others open
    KmsSecretSealer reader = sealer(keyA).maxCachedDataKeys(2).build();
    int threads = 8;
    List<Integer> done =
        Race.collect(
            threads,
            Duration.ofSeconds(60),
            id -> {
              int ok = 0;
              for (int i = 0; i < 60; i++) {
                int v = (id + i) % values.size();
                if (Arrays.equals(reader.open(values.get(v), "r" + v), SECRET)) {
                  ok++;
                }
              }
              return ok;
            });
    for (Integer f : done) {
      assertThat(f).isEqualTo(60);
    }
    assertThat(aws.count(DECRYPT)).isGreaterThan(6);
  }

  @Test
  void clearCachedKeys_nextSealAndOpen_callKmsAgain() {
    KmsSecretSealer s = sealer(keyA).build();
    String sealed = s.seal(SECRET, CONTEXT);

    s.clearCachedKeys();

    assertThat(s.open(sealed, CONTEXT)).isEqualTo(SECRET);
    s.seal(SECRET, CONTEXT);
    assertThat(aws.count(DECRYPT)).isEqualTo(1);
    assertThat(aws.count(GENERATE)).isEqualTo(2);
  }

  // ---- KMS failures ----

  @Test
  void seal_kmsDeniesGenerateDataKey_throwsSealingExceptionNamingTheKey() {
    aws.deny(GENERATE);
    KmsSecretSealer s = sealer(keyA).build();

    SealingException e =
        catchThrowableOfType(SealingException.class, () -> s.seal(SECRET, CONTEXT));

    assertThat(e.keyId()).isEqualTo(keyA);
    assertThat(e.getCause())
        .isInstanceOfSatisfying(
            KmsException.class,
            k -> assertThat(k.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
  }

  @Test
  void open_kmsFailsWith500_throwsSealingExceptionThenRecovers() {
    String sealed = sealer(keyA).build().seal(SECRET, CONTEXT);
    KmsSecretSealer reader = sealer(keyA).build();
    // the standard retry strategy makes 3 attempts: fail them all
    aws.failNext(DECRYPT, 500, "KMSInternalException", 3);

    SealingException e =
        catchThrowableOfType(SealingException.class, () -> reader.open(sealed, CONTEXT));

    assertThat(e.keyId()).isEqualTo(keyA);
    assertThat(e.getCause())
        .isInstanceOfSatisfying(KmsException.class, k -> assertThat(k.statusCode()).isEqualTo(500));
    assertThat(aws.count(DECRYPT)).isEqualTo(3);
    // nothing half-cached: once KMS answers again, the same value opens
    assertThat(reader.open(sealed, CONTEXT)).isEqualTo(SECRET);
    assertThat(aws.count(DECRYPT)).isEqualTo(4);
  }

  @Test
  void seal_kmsKeyDisabled_throwsSealingExceptionWithTheKmsCause() {
    aws.kms().disable(keyA);

    SealingException e =
        catchThrowableOfType(
            SealingException.class, () -> sealer(keyA).build().seal(SECRET, CONTEXT));

    assertThat(e.keyId()).isEqualTo(keyA);
    assertThat(e.getCause()).isInstanceOf(DisabledException.class);
  }

  @Test
  void seal_unknownKmsKey_throwsSealingExceptionNamingIt() {
    String missing = "arn:aws:kms:us-east-1:100000000001:key/00000000-0000-0000-0000-000000000000";

    SealingException e =
        catchThrowableOfType(
            SealingException.class, () -> sealer(missing).build().seal(SECRET, CONTEXT));

    assertThat(e.keyId()).isEqualTo(missing);
    assertThat(e.getCause()).isInstanceOf(KmsException.class);
  }

  @Test
  void seal_kmsUnreachable_throwsSealingExceptionWithTheClientCause() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    try (KmsClient unreachable =
        KmsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
            .region(Region.US_EAST_1)
            .credentialsProvider(LocalAwsEndpoint.managementCredentials())
            .httpClient(aws.http())
            .overrideConfiguration(o -> o.retryStrategy(LocalAwsEndpoint.fastRetry()))
            .build()) {
      KmsSecretSealer s = KmsSecretSealer.builder(unreachable, keyA).clock(clock).build();

      SealingException e =
          catchThrowableOfType(SealingException.class, () -> s.seal(SECRET, CONTEXT));

      assertThat(e.keyId()).isEqualTo(keyA);
      assertThat(e.getCause()).isInstanceOf(SdkClientException.class);
    }
  }

  // ---- the fake behaves as KMS does (else the tests above prove little) ----

  @Test
  void fakeKms_decryptWithAnotherEncryptionContext_isRejected() {
    GenerateDataKeyResponse g =
        kms.generateDataKey(
            b -> b.keyId(keyA).keySpec("AES_256").encryptionContext(Map.of("rootguard", "seal/1")));

    assertThatThrownBy(
            () ->
                kms.decrypt(
                    b ->
                        b.keyId(keyA)
                            .ciphertextBlob(g.ciphertextBlob())
                            .encryptionContext(Map.of("rootguard", "seal/2"))))
        .isInstanceOf(InvalidCiphertextException.class);
    assertThatThrownBy(() -> kms.decrypt(b -> b.keyId(keyA).ciphertextBlob(g.ciphertextBlob())))
        .isInstanceOf(InvalidCiphertextException.class);
    assertThatThrownBy(
            () ->
                kms.decrypt(
                    b ->
                        b.keyId(keyB)
                            .ciphertextBlob(g.ciphertextBlob())
                            .encryptionContext(Map.of("rootguard", "seal/1"))))
        .isInstanceOf(IncorrectKeyException.class);
    assertThat(
            kms.decrypt(
                    b ->
                        b.keyId("alias/rootguard-a")
                            .ciphertextBlob(g.ciphertextBlob())
                            .encryptionContext(Map.of("rootguard", "seal/1")))
                .plaintext())
        .isEqualTo(g.plaintext());
  }

  // ---- hygiene ----

  @Test
  void failuresAndToString_neverShowTheSecretOrADataKey() {
    KmsSecretSealer s = sealer(keyA).maxSealsPerDataKey(1).build();
    String sealed = s.seal(SECRET, CONTEXT);
    byte[] body = Envelope.parse(sealed).body();
    body[body.length - 1] ^= 1;
    List<Throwable> failures = new ArrayList<>();
    failures.add(catchThrowableOfType(SealingException.class, () -> s.open(sealed, "other")));
    failures.add(
        catchThrowableOfType(
            SealingException.class, () -> s.open(Envelope.of(keyA, body).text(), CONTEXT)));
    failures.add(
        catchThrowableOfType(
            SealingException.class, () -> sealer(keyB).build().open(sealed, CONTEXT)));
    aws.deny(GENERATE);
    failures.add(catchThrowableOfType(SealingException.class, () -> s.seal(SECRET, CONTEXT)));
    aws.deny(DECRYPT);
    failures.add(
        catchThrowableOfType(
            SealingException.class, () -> sealer(keyA).build().open(sealed, CONTEXT)));

    List<byte[]> secrets = new ArrayList<>(aws.kms().issuedDataKeys());
    secrets.add(SECRET);
    assertThat(secrets).hasSizeGreaterThan(1);
    List<String> texts = new ArrayList<>();
    texts.add(s.toString());
    for (Throwable t : failures) {
      assertThat(t).isNotNull();
      for (Throwable c = t; c != null; c = c.getCause()) {
        texts.add(String.valueOf(c.getMessage()));
        texts.add(c.toString());
      }
    }
    for (String text : texts) {
      for (byte[] secret : secrets) {
        assertThat(text)
            .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1))
            .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret))
            .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(secret))
            .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
      }
    }
  }

  // ---- builder ----

  @Test
  void builder_knobsOutOfRange_throwNamingTheField() {
    KmsSecretSealer.Builder b = sealer(keyA);

    assertThatThrownBy(() -> b.maxSealsPerDataKey(0)).hasMessageStartingWith("maxSealsPerDataKey:");
    assertThatThrownBy(() -> b.maxSealsPerDataKey((1L << 32) + 1))
        .hasMessageStartingWith("maxSealsPerDataKey:");
    assertThatThrownBy(() -> b.dataKeyLifetime(Duration.ZERO))
        .hasMessageStartingWith("dataKeyLifetime:");
    assertThatThrownBy(() -> b.dataKeyLifetime(Duration.ofHours(24).plusNanos(1)))
        .hasMessageStartingWith("dataKeyLifetime:");
    assertThatThrownBy(() -> b.maxCachedDataKeys(0)).hasMessageStartingWith("maxCachedDataKeys:");
    assertThatThrownBy(() -> b.maxCachedDataKeys(100_001))
        .hasMessageStartingWith("maxCachedDataKeys:");
    assertThatThrownBy(() -> KmsSecretSealer.builder(kms, "alias/has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyId:");
    assertThatThrownBy(() -> b.alsoOpen("")).hasMessageStartingWith("keyId:");
  }

  @Test
  void builder_limitsAtTheMaximum_areAccepted() {
    KmsSecretSealer s =
        sealer(keyA)
            .maxSealsPerDataKey(1L << 32)
            .dataKeyLifetime(Duration.ofHours(24))
            .maxCachedDataKeys(100_000)
            .build();

    assertThat(s.open(s.seal(SECRET, CONTEXT), CONTEXT)).isEqualTo(SECRET);
    assertThat(s.toString()).contains("maxSealsPerDataKey=4294967296", "PT24H");
  }
}

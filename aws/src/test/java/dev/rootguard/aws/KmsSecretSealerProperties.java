package dev.rootguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rootguard.seal.Envelope;
import dev.rootguard.seal.SealingException;
import dev.rootguard.testsupport.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.kms.KmsClient;

/** Properties of {@link KmsSecretSealer} over the real SDK client and {@link FakeKms}. */
class KmsSecretSealerProperties {
  static LocalAwsEndpoint aws;
  static KmsClient kms;
  static String key;
  static KmsSecretSealer writer;
  static KmsSecretSealer reader;

  @BeforeContainer
  static void start() {
    aws = LocalAwsEndpoint.start("100000000001");
    aws.recordCalls(false);
    kms = aws.kmsClient();
    key = aws.kms().createKey("props");
    MutableClock clock = MutableClock.at(1_800_000_000L);
    writer = KmsSecretSealer.builder(kms, key).clock(clock).maxSealsPerDataKey(50).build();
    reader = KmsSecretSealer.builder(kms, key).clock(clock).build();
  }

  @AfterContainer
  static void stop() {
    kms.close();
    aws.close();
  }

  /** Well-formed UTF-16 (no lone surrogates), NUL and control characters included. */
  @Provide
  Arbitrary<String> contexts() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\uD7FF')
        .withCharRange('\uE000', '\uFFFD')
        .ofMaxLength(40);
  }

  @Property(tries = 300)
  void sealThenOpen_anySecretAndContext_roundTrips(
      @ForAll @Size(max = 512) byte[] secret, @ForAll("contexts") String context) {
    String sealed = writer.seal(secret, context);

    assertThat(Envelope.parse(sealed).keyId()).isEqualTo(key);
    assertThat(writer.open(sealed, context)).isEqualTo(secret);
    assertThat(reader.open(sealed, context)).isEqualTo(secret);
  }

  @Property(tries = 200)
  void open_anotherContext_fails(
      @ForAll @Size(max = 64) byte[] secret,
      @ForAll("contexts") String context,
      @ForAll("contexts") String other) {
    Assume.that(!context.equals(other));
    String sealed = writer.seal(secret, context);

    SealingException e =
        catchThrowableOfType(SealingException.class, () -> reader.open(sealed, other));

    assertThat(e).isNotNull();
    assertThat(e.keyId()).isEqualTo(key);
  }

  @Property(tries = 200)
  void open_anyAlteredByte_fails(
      @ForAll @Size(max = 64) byte[] secret,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] body = Envelope.parse(writer.seal(secret, "token:P")).body();
    body[where % body.length] ^= (byte) mask;

    SealingException e =
        catchThrowableOfType(
            SealingException.class, () -> reader.open(Envelope.of(key, body).text(), "token:P"));

    assertThat(e).isNotNull();
    assertThat(e.keyId()).isEqualTo(key);
  }
}

package dev.rootguard.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class SealProperties {
  private static final LocalKeySealer SEALER = LocalKeySealer.ofKey("prop-key", new byte[32]);

  @Property
  void sealOpen_roundTrips(@ForAll @Size(max = 200) byte[] secret, @ForAll String context) {
    assertThat(SEALER.open(SEALER.seal(secret, context), context)).isEqualTo(secret);
  }

  @Property
  void open_anyOtherContext_fails(
      @ForAll @Size(min = 1, max = 64) byte[] secret,
      @ForAll @StringLength(max = 20) String a,
      @ForAll @StringLength(max = 20) String b) {
    if (a.equals(b)) {
      return;
    }
    String env = SEALER.seal(secret, a);
    assertThatThrownBy(() -> SEALER.open(env, b)).isInstanceOf(SealingException.class);
  }

  @Property
  void envelope_textRoundTrips(@ForAll @Size(max = 100) byte[] body) {
    Envelope e = Envelope.of("kms:alias/rootguard_1", body);
    assertThat(Envelope.parse(e.text())).isEqualTo(e);
  }

  @Property
  void parse_nonEnvelope_invalidInputOnEnvelopeField(@ForAll String text) {
    if (text.startsWith(Envelope.PREFIX)) {
      return;
    }
    assertThatThrownBy(() -> Envelope.parse(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("envelope"));
  }
}

package dev.rootguard.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The envelope text format's documented bounds: prefix, key id alphabet and length. */
class EnvelopeTest {

  @ParameterizedTest
  @ValueSource(chars = {'A', 'Z', 'a', 'z', '0', '9', ':', '/', '_', '+', '=', '@', '-'})
  void keyId_everyAllowedCharacter_accepted(char c) {
    String keyId = "k" + c;

    assertThat(Envelope.of(keyId, new byte[] {1}).keyId()).isEqualTo(keyId);
    assertThat(Envelope.parse("rgs1." + keyId + ".AQ").keyId()).isEqualTo(keyId);
  }

  @ParameterizedTest
  // ASCII neighbours of the allowed ranges, the envelope's own separator, and a few others
  @ValueSource(chars = {'[', '`', '{', '.', ';', '?', ' ', '*', '\n', 'é'})
  void keyId_characterOutsideTheSet_refused(char c) {
    String keyId = "k" + c;

    assertThatThrownBy(() -> Envelope.of(keyId, new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyId:");
    assertThatThrownBy(() -> Envelope.associatedData(keyId, "token:H1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyId:");
    assertThatThrownBy(() -> LocalKeySealer.ofKey(keyId, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyId:");
    if (c != '.') { // a dot ends the key id in the text form
      assertThatThrownBy(() -> Envelope.parse("rgs1." + keyId + ".AQ"))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("envelope"));
    }
  }

  @Test
  void keyId_length1To256() {
    assertThat(Envelope.of("k".repeat(256), new byte[0]).keyId()).hasSize(256);
    assertThat(Envelope.of("k", new byte[0]).keyId()).isEqualTo("k");
    assertThatThrownBy(() -> Envelope.of("k".repeat(257), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyId:");
    assertThatThrownBy(() -> Envelope.of("", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyId:");
    assertThatThrownBy(() -> Envelope.parse("rgs1..AQ"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("envelope"));
  }

  @Test
  void isEnvelope_needsThePrefixAndSomethingAfterIt() {
    assertThat(Envelope.isEnvelope("rgs1.k.AQ")).isTrue();
    assertThat(Envelope.isEnvelope("rgs1.x")).isTrue();
    assertThat(Envelope.isEnvelope("rgs1.")).isFalse();
    assertThat(Envelope.isEnvelope("rgs1")).isFalse();
    assertThat(Envelope.isEnvelope("JBSWY3DPEHPK3PXP")).isFalse();
    assertThat(Envelope.isEnvelope("RGS1.k.AQ")).isFalse();
    assertThat(Envelope.isEnvelope("")).isFalse();
    assertThat(Envelope.isEnvelope(null)).isFalse();
  }

  @Test
  void of_copiesTheBody() {
    byte[] body = {1, 2, 3};
    Envelope e = Envelope.of("k1", body);
    body[0] = 9;

    assertThat(e.body()).containsExactly(1, 2, 3);
    e.body()[1] = 9;
    assertThat(e.body()).containsExactly(1, 2, 3);
  }

  @Test
  void associatedData_isPrefixKeyIdNulContext() {
    assertThat(Envelope.associatedData("k1", "token:H1"))
        .isEqualTo("rgs1.k1\u0000token:H1".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void toString_namesKeyIdAndLengthButNotTheBody() {
    Envelope e = Envelope.of("k1", new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});

    assertThat(e.toString()).contains("k1", "4 bytes").doesNotContain("3q2-7w");
  }
}

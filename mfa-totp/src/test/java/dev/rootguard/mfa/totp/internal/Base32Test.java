package dev.rootguard.mfa.totp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

  @ParameterizedTest(name = "\"{0}\" <-> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|''",
        "f|MY======",
        "fo|MZXQ====",
        "foo|MZXW6===",
        "foob|MZXW6YQ=",
        "fooba|MZXW6YTB",
        "foobar|MZXW6YTBOI======"
      })
  void encode_rfc4648Section10Vectors(String plain, String encoded) {
    byte[] raw = plain.getBytes(StandardCharsets.US_ASCII);
    assertThat(Base32.encode(raw, true)).isEqualTo(encoded);
    assertThat(Base32.encode(raw, false)).isEqualTo(encoded.replace("=", ""));
    if (!plain.isEmpty()) {
      assertThat(Base32.decode("secret", encoded)).isEqualTo(raw);
      assertThat(Base32.decode("secret", encoded.replace("=", "").toLowerCase())).isEqualTo(raw);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MZXW6YTBOI",
        "mzxw6ytboi",
        "MZXW 6YTB OI",
        "mzxw-6ytb-oi",
        "MZXW6YTBOI======",
        "  MZXW6YTBOI  ",
        "MZXW6YTBOJ" /* unused bits ignored, like oathtool */
      })
  void decode_lenientForms_accepted(String text) {
    assertThat(Base32.decode("secret", text))
        .isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MZXW6YTBO1", // '1' is not in the alphabet
        "MZXW6YTBO8",
        "MZXW6YTB_OI",
        "MZXW6YTB.OI",
        "MZXW6YTBOÏ",
        "MZ=XW6YTBOI", // padding in the middle
        "MZXW6YTBOI=", // wrong amount of padding
        "MZXW6YTBOI========", // too much padding
        "A", // 5 bits: no whole byte
        "ABC",
        "ABCDEF",
        "",
        "   ",
        "\tMZXW6YTBOI"
      })
  void decode_malformed_rejectedNamingField(String text) {
    assertThatThrownBy(() -> Base32.decode("secret", text))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("secret"))
        .hasMessageNotContaining("MZXW6YTB");
  }
}

package dev.rootguard.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fuzz targets' oracles say yes to known-good input and no to near misses. */
class OraclesTest {
  static String seed(String path) throws IOException {
    try (InputStream in = OraclesTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void yubicoOracle_acceptsSeedOtps_rejectsOneFlippedCharacter() throws IOException {
    String good = seed("YubicoOtpFuzzTestInputs/verify/seed-01");
    assertThat(YubicoOtpFuzzTest.oracleAccepts(good)).isTrue();
    assertThat(YubicoOtpFuzzTest.oracleAccepts(seed("YubicoOtpFuzzTestInputs/verify/seed-02")))
        .isTrue();
    char last = good.charAt(good.length() - 1);
    String flipped = good.substring(0, good.length() - 1) + (last == 'c' ? 'b' : 'c');
    assertThat(YubicoOtpFuzzTest.oracleAccepts(flipped)).isFalse();
    // a wrong private id (seed-05) decrypts with a good CRC but is refused
    assertThat(YubicoOtpFuzzTest.oracleAccepts(seed("YubicoOtpFuzzTestInputs/verify/seed-05")))
        .isFalse();
  }

  @Test
  void base32Oracle_rfc4648Examples() {
    // RFC 4648 §10: BASE32("foobar") = "MZXW6YTBOI======"; ten bytes is the shortest secret
    assertThat(Base32FuzzTest.oracle("MZXW6YTBOI======")).isNull(); // 6 bytes: too short
    byte[] foobarfooo = "foobarfooo".getBytes(StandardCharsets.US_ASCII);
    assertThat(Base32FuzzTest.oracle("MZXW6YTBOJTG633P")).isEqualTo(foobarfooo);
    assertThat(Base32FuzzTest.oracle("mzxw 6ytb-ojtg 633p")).isEqualTo(foobarfooo);
    assertThat(Base32FuzzTest.oracle("MZXW6YTBOJTG633PMZX")).isNull(); // 19 chars: 8n+3
    assertThat(Base32FuzzTest.oracle("MZXW6YTBOJTG633P=")).isNull(); // wrong padding
    assertThat(Base32FuzzTest.oracle("MZXW6YTB=OJTG633P")).isNull(); // padding inside
  }

  @Test
  void otpAuthSecretFinder_findsTheRawValue() {
    assertThat(OtpAuthUriFuzzTest.rawSecret("otpauth://totp/a?x=1&SECRET=ab%20c&y"))
        .isEqualTo("ab%20c");
    assertThat(OtpAuthUriFuzzTest.rawSecret("otpauth://totp/a?x=1")).isNull();
  }
}

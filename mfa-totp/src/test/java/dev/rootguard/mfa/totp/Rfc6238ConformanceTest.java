package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class Rfc6238ConformanceTest {

  static OtpSecret rfcSeed(HmacAlgorithm algorithm) {
    byte[] seed = new byte[algorithm.macLength()];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) ('0' + (i + 1) % 10);
    }
    return OtpSecret.fromBytes(seed);
  }

  @Nested
  @DisplayName("RFC 4226 Appendix D: HOTP test values")
  class Rfc4226AppendixD {
    private final OtpSecret secret =
        OtpSecret.fromBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest(name = "counter {0} -> {3}")
    @CsvFileSource(resources = "/vectors/rfc4226-appendix-d.csv")
    void code_matchesAppendixD(long counter, String truncatedHex, long truncated, String hotp) {
      assertThat(Hotp.code(secret, HmacAlgorithm.SHA1, 6, counter)).isEqualTo(hotp);
      assertThat(Hotp.value(secret, HmacAlgorithm.SHA1, 6, counter))
          .isEqualTo((int) (truncated % 1_000_000));
      assertThat(Long.parseLong(truncatedHex, 16)).isEqualTo(truncated);
    }
  }

  @Nested
  @DisplayName("RFC 6238 Appendix B: TOTP test vectors (errata 2866 seeds)")
  class Rfc6238AppendixB {
    @ParameterizedTest(name = "{3} at {0} -> {4}")
    @CsvFileSource(resources = "/vectors/rfc6238-appendix-b.csv")
    void code_matchesAppendixB(
        long unixTime, String utc, String stepHex, String algorithmName, String totp) {
      HmacAlgorithm algorithm = HmacAlgorithm.fromName(algorithmName);
      OtpParameters p = OtpParameters.of(algorithm, 8, 30);
      Instant at = Instant.ofEpochSecond(unixTime);

      assertThat(at).isEqualTo(Instant.parse(utc));
      assertThat(p.stepAt(at)).isEqualTo(Long.parseLong(stepHex, 16));
      assertThat(Totp.code(rfcSeed(algorithm), p, at)).isEqualTo(totp);
      assertThat(Totp.codeAtStep(rfcSeed(algorithm), p, Long.parseLong(stepHex, 16)))
          .isEqualTo(totp);
    }

    @ParameterizedTest(name = "{3} at {0}: 6 digits are the last 6 of 8")
    @CsvFileSource(resources = "/vectors/rfc6238-appendix-b.csv")
    void sixDigitCode_isSuffixOfEightDigitCode(
        long unixTime, String utc, String stepHex, String algorithmName, String totp) {
      HmacAlgorithm algorithm = HmacAlgorithm.fromName(algorithmName);
      OtpParameters p = OtpParameters.of(algorithm, 6, 30);
      assertThat(Totp.code(rfcSeed(algorithm), p, Instant.ofEpochSecond(unixTime)))
          .isEqualTo(totp.substring(2));
    }
  }
}

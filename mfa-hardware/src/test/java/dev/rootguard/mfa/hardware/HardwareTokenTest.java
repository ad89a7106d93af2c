package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.OtpSecret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HardwareTokenTest {

  @Test
  void builder_rfc6030Figure2Seed1234_refusedNamingLengthAndMinimumNotValue() {
    byte[] seed = "1234".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> HardwareToken.builder("12345678", OathType.HOTP, seed))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("secret");
              assertThat(e.getMessage())
                  .contains("was 4 bytes")
                  .contains("10 to 128 bytes")
                  .doesNotContain("1234")
                  .doesNotContain("31323334")
                  .doesNotContain("MTIzNA");
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 9, 129, 1024})
  void builder_seedOutside10To128Bytes_refused(int length) {
    assertThatThrownBy(() -> HardwareToken.builder("S", OathType.TOTP, new byte[length]))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("secret"));
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 16, 20, 64, 128})
  void builder_seedOf10To128Bytes_accepted(int length) {
    HardwareToken t = HardwareToken.builder("S", OathType.TOTP, new byte[length]).build();
    assertThat(t.secretLength()).isEqualTo(length);
  }

  @Test
  void minimum_isTheTotpModulesMinimum() {
    assertThat(HardwareToken.MIN_SECRET_LENGTH).isEqualTo(OtpSecret.MIN_LENGTH).isEqualTo(10);
  }
}

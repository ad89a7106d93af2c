package dev.rootguard.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  static final PasswordHasher FAST = PasswordHasher.pbkdf2Sha256(PasswordHasher.MIN_ITERATIONS);

  @Test
  void hash_matchesOnlyTheSamePassword() {
    PasswordHash h = FAST.hash("Correct-Horse-9".toCharArray());
    assertThat(PasswordHasher.matches("Correct-Horse-9", h)).isTrue();
    assertThat(PasswordHasher.matches("correct-Horse-9", h)).isFalse();
    assertThat(PasswordHasher.matches("", FAST.hash(""))).isTrue();
  }

  @Test
  void sameInput_differentSalts() {
    assertThat(FAST.hash("a").encoded()).isNotEqualTo(FAST.hash("a").encoded());
  }

  @Test
  void encoded_roundTrips_andToStringIsRedacted() {
    PasswordHash h = FAST.hash("Sekrit-Value-1");
    PasswordHash back = PasswordHash.parse(h.encoded());
    assertThat(PasswordHasher.matches("Sekrit-Value-1", back)).isTrue();
    assertThat(back.iterations()).isEqualTo(PasswordHasher.MIN_ITERATIONS);
    assertThat(h.encoded()).startsWith("pbkdf2-sha256$1000$");
    assertThat(h.toString()).doesNotContain(h.encoded().split("\\$")[3]).contains("redacted");
  }

  @Test
  void parse_malformed_namesPasswordHash() {
    for (String bad :
        List.of(
            "",
            "md5$1$a$b",
            "pbkdf2-sha256$x$AAAAAAAAAAA$AAAA",
            "pbkdf2-sha256$10$AAAAAAAAAAA$AAAA",
            "pbkdf2-sha256$1000$!!$AAAA",
            "pbkdf2-sha256$1000$AAAAAAAAAAA$AAAA")) {
      assertThatThrownBy(() -> PasswordHash.parse(bad))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("passwordHash");
    }
    assertThatThrownBy(() -> PasswordHasher.pbkdf2Sha256(999))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void reusePrevention_usesHistoryOfHashes() {
    PasswordHash old1 = FAST.hash("Old-Password-2024!");
    PasswordHash old2 = FAST.hash("Older-Password-2023!");
    PasswordContext ctx =
        PasswordContext.builder().history(PasswordHistory.of(List.of(old1, old2))).build();
    PasswordValidator cis = PasswordValidator.of(PasswordPolicy.cisAwsFoundations());
    PasswordCheck reused = cis.check("Older-Password-2023!", ctx);
    assertThat(reused.violates(PasswordRule.PASSWORD_REUSED)).isTrue();
    assertThat(reused.violations().get(0).limit()).hasValue(24);
    assertThat(cis.check("Brand-New-Password-2026!", ctx).violates(PasswordRule.PASSWORD_REUSED))
        .isFalse();

    // only the last N count
    PasswordValidator lastOne =
        PasswordValidator.of(
            PasswordPolicy.cisAwsFoundations().toBuilder().passwordReusePrevention(1).build());
    assertThat(lastOne.check("Older-Password-2023!", ctx).has(PasswordRule.PASSWORD_REUSED))
        .isFalse();
    assertThat(lastOne.check("Old-Password-2024!", ctx).has(PasswordRule.PASSWORD_REUSED)).isTrue();

    // a policy without reuse prevention never asks the history
    PasswordContext exploding =
        PasswordContext.builder()
            .history(
                n -> {
                  throw new AssertionError("asked");
                })
            .build();
    assertThat(
            PasswordValidator.of(PasswordPolicy.awsRootUser())
                .check("Old-Password-2024!", exploding)
                .isValid())
        .isTrue();
  }

  @Test
  void history_receivesOnlyTheLimit() {
    int[] asked = new int[1];
    PasswordHistory h =
        n -> {
          asked[0] = n;
          return List.of();
        };
    PasswordValidator.of(PasswordPolicy.cisAwsFoundations())
        .check("Whatever-Pass-1", PasswordContext.builder().history(h).build());
    assertThat(asked[0]).isEqualTo(24);
  }
}

package dev.rootguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.password.IamPasswordPolicy;
import org.junit.jupiter.api.Test;

/** Each requirement of a {@link PasswordPolicyBaseline} is checked on its own, at its edge. */
class PasswordPolicyBaselineTest {
  /** A policy meeting every requirement of AWS Config's defaults. */
  private static IamPasswordPolicy strong(
      boolean symbols, boolean numbers, boolean upper, boolean lower, int maxAge) {
    return new IamPasswordPolicy(14, symbols, numbers, upper, lower, true, maxAge, 24, false);
  }

  @Test
  void shortfalls_eachMissingCharacterClass_namedAlone() {
    PasswordPolicyBaseline b = PasswordPolicyBaseline.awsConfigDefaults();

    assertThat(b.shortfalls(strong(true, true, true, true, 90))).isEmpty();
    assertThat(b.shortfalls(strong(false, true, true, true, 90)))
        .containsExactly("RequireSymbols = true");
    assertThat(b.shortfalls(strong(true, false, true, true, 90)))
        .containsExactly("RequireNumbers = true");
    assertThat(b.shortfalls(strong(true, true, false, true, 90)))
        .containsExactly("RequireUppercaseCharacters = true");
    assertThat(b.shortfalls(strong(true, true, true, false, 90)))
        .containsExactly("RequireLowercaseCharacters = true");
  }

  @Test
  void shortfalls_baselineNotRequiringAClass_acceptsItsAbsence() {
    assertThat(PasswordPolicyBaseline.cis().shortfalls(strong(false, false, false, false, 0)))
        .isEmpty();
  }

  @Test
  void shortfalls_maxAge_withinTheLimitIncludingTheLimit() {
    PasswordPolicyBaseline b = PasswordPolicyBaseline.awsConfigDefaults();

    assertThat(b.shortfalls(strong(true, true, true, true, 1))).isEmpty();
    assertThat(b.shortfalls(strong(true, true, true, true, 89))).isEmpty();
    assertThat(b.shortfalls(strong(true, true, true, true, 91)))
        .containsExactly("MaxPasswordAge <= 90 (91)");
    assertThat(b.shortfalls(strong(true, true, true, true, 0)))
        .as("no expiry at all")
        .containsExactly("MaxPasswordAge <= 90 (0)");
  }

  @Test
  void constructor_rangesAreInclusive() {
    assertThat(
            new PasswordPolicyBaseline("lo", 6, 0, false, false, false, false, 0).minimumLength())
        .isEqualTo(6);
    assertThat(
            new PasswordPolicyBaseline("hi", 128, 24, false, false, false, false, 1095)
                .maxPasswordAgeDays())
        .isEqualTo(1095);
    assertThatThrownBy(
            () -> new PasswordPolicyBaseline("x", 129, 24, false, false, false, false, 0))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("minimumLength"));
    assertThatThrownBy(
            () -> new PasswordPolicyBaseline("x", 14, 24, false, false, false, false, 1096))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("maxPasswordAgeDays"));
    assertThatThrownBy(
            () -> new PasswordPolicyBaseline("x", 14, 24, false, false, false, false, -1))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("maxPasswordAgeDays"));
  }
}

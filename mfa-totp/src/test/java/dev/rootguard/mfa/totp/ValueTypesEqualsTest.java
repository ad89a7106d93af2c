package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.totp.internal.OtpKey;
import dev.rootguard.testing.DeclaredEquals;
import dev.rootguard.testing.EqualsChecks;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * EqualsVerifier for every type of mfa-totp that declares {@code equals}; identity equality for the
 * types that hold a secret. A new value type fails {@link #everyTypeDeclaringEquals_isChecked()}
 * until it is listed here.
 */
class ValueTypesEqualsTest {
  static final OtpParameters OTHER = OtpParameters.of(HmacAlgorithm.SHA256, 8, 60);

  static final EqualsChecks CHECKS =
      new EqualsChecks()
          .plain(OtpMatch.class, OtpState.class)
          // the constructor rejects null
          .check(EnrollmentResult.Refused.class, v -> v.suppress(Warning.NULL_FIELDS))
          // digits (6..8) and period (whole seconds, 1 s..1 day) are range-checked
          .check(
              OtpParameters.class,
              v ->
                  v.withNonnullFields("algorithm")
                      .withPrefabValuesForField("digits", 6, 8)
                      .withPrefabValuesForField(
                          "period",
                          java.time.Duration.ofSeconds(30),
                          java.time.Duration.ofSeconds(60))
                      .withPrefabValuesForField(
                          "t0", java.time.Instant.EPOCH, java.time.Instant.ofEpochSecond(60)))
          // the credential inside is built blank by EqualsVerifier and needs valid parameters;
          // TotpCredential itself has identity equality (checked below)
          .check(
              EnrollmentResult.Enrolled.class,
              v ->
                  v.suppress(Warning.NULL_FIELDS)
                      .withPrefabValues(OtpParameters.class, OtpParameters.RFC6238_DEFAULT, OTHER));

  @Test
  void everyTypeDeclaringEquals_isChecked() {
    DeclaredEquals.assertExactly(OtpParameters.class, CHECKS.names());
  }

  @TestFactory
  Stream<DynamicTest> equalsVerifier() {
    return CHECKS.tests();
  }

  @Test
  void secretHolders_keepIdentityEquality() {
    DeclaredEquals.assertIdentity(
        OtpSecret.class,
        OtpAuthUri.class,
        OtpCredential.class,
        TotpCredential.class,
        HotpCredential.class,
        OtpKey.class);
  }
}

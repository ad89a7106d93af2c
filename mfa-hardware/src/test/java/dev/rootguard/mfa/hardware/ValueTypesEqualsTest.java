package dev.rootguard.mfa.hardware;

import static dev.rootguard.testing.EqualsChecks.named;

import dev.rootguard.mfa.hardware.internal.AesBlock;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.testing.DeclaredEquals;
import dev.rootguard.testing.EqualsChecks;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * EqualsVerifier for every type of mfa-hardware that declares {@code equals}; identity equality for
 * the types that hold seeds and keys. A new value type fails {@link
 * #everyTypeDeclaringEquals_isChecked()} until it is listed here.
 */
class ValueTypesEqualsTest {
  static final OtpParameters PARAMS_A = OtpParameters.RFC6238_DEFAULT;
  static final OtpParameters PARAMS_B = OtpParameters.of(HmacAlgorithm.SHA256, 8, 60);

  static final EqualsChecks CHECKS =
      new EqualsChecks()
          .plain(
              TokenState.class,
              YubicoOtpMatch.class,
              InMemoryTokenStore.Entry.class,
              JsonFileTokenStore.Resealed.class)
          // their documents hold HardwareTokens, which hold an OtpParameters (a record that
          // validates its components): EqualsVerifier needs two valid ones to build tokens
          .check(
              named("dev.rootguard.mfa.hardware.JsonFileTokenStore$Outcome"),
              v -> v.withPrefabValues(OtpParameters.class, PARAMS_A, PARAMS_B))
          .check(
              named("dev.rootguard.mfa.hardware.JsonFileTokenStore$Snapshot"),
              v -> v.withPrefabValues(OtpParameters.class, PARAMS_A, PARAMS_B))
          // the constructors reject null components
          .check(OathCredential.class, v -> v.suppress(Warning.NULL_FIELDS))
          .check(PskcError.class, v -> v.suppress(Warning.NULL_FIELDS));

  @Test
  void everyTypeDeclaringEquals_isChecked() {
    DeclaredEquals.assertExactly(PskcError.class, CHECKS.names());
  }

  @TestFactory
  Stream<DynamicTest> equalsVerifier() {
    return CHECKS.tests();
  }

  @Test
  void secretHolders_keepIdentityEquality() {
    DeclaredEquals.assertIdentity(
        HardwareToken.class, YubicoKey.class, PskcKey.class, AesBlock.class);
  }
}

package dev.rootguard.mfa.hardware;

import static dev.rootguard.testing.EqualsChecks.named;

import dev.rootguard.mfa.hardware.internal.AesBlock;
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
  static final EqualsChecks CHECKS =
      new EqualsChecks()
          .plain(
              TokenState.class,
              YubicoOtpMatch.class,
              InMemoryTokenStore.Entry.class,
              JsonFileTokenStore.Resealed.class,
              named("dev.rootguard.mfa.hardware.JsonFileTokenStore$Outcome"),
              named("dev.rootguard.mfa.hardware.JsonFileTokenStore$Snapshot"))
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

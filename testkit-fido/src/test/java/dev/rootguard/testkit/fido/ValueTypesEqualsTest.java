package dev.rootguard.testkit.fido;

import dev.rootguard.testing.DeclaredEquals;
import dev.rootguard.testing.EqualsChecks;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * EqualsVerifier for every type of testkit-fido that declares {@code equals}; identity equality for
 * the software authenticator, which holds private keys. A new value type fails {@link
 * #everyTypeDeclaringEquals_isChecked()} until it is listed here.
 */
class ValueTypesEqualsTest {
  static final EqualsChecks CHECKS =
      new EqualsChecks()
          // the constructor rejects null components
          .check(LegacyU2fKey.class, v -> v.suppress(Warning.NULL_FIELDS));

  @Test
  void everyTypeDeclaringEquals_isChecked() {
    DeclaredEquals.assertExactly(LegacyU2fKey.class, CHECKS.names());
  }

  @TestFactory
  Stream<DynamicTest> equalsVerifier() {
    return CHECKS.tests();
  }

  @Test
  void secretHolders_keepIdentityEquality() {
    DeclaredEquals.assertIdentity(SoftwareAuthenticator.class);
  }
}

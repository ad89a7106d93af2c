package dev.rootguard.store.jdbc;

import static dev.rootguard.testing.EqualsChecks.named;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.store.jdbc.internal.JdbcResealer;
import dev.rootguard.testing.DeclaredEquals;
import dev.rootguard.testing.EqualsChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * EqualsVerifier for every type of store-jdbc that declares {@code equals}. A new value type fails
 * {@link #everyTypeDeclaringEquals_isChecked()} until it is listed here. (Secrets reach this module
 * sealed only.)
 */
class ValueTypesEqualsTest {
  static final EqualsChecks CHECKS =
      new EqualsChecks()
          .plain(
              JdbcStores.Resealed.class,
              JdbcResealer.Counts.class,
              named("dev.rootguard.store.jdbc.internal.JdbcResealer$Sealed"))
          // OtpParameters validates its components: two real ones
          .check(
              named("dev.rootguard.store.jdbc.internal.JdbcTotpCredentialStore$Row"),
              v ->
                  v.withPrefabValues(
                      OtpParameters.class,
                      OtpParameters.RFC6238_DEFAULT,
                      OtpParameters.of(HmacAlgorithm.SHA256, 8, 60)));

  @Test
  void everyTypeDeclaringEquals_isChecked() {
    DeclaredEquals.assertExactly(JdbcStores.class, CHECKS.names());
  }

  @TestFactory
  Stream<DynamicTest> equalsVerifier() {
    return CHECKS.tests();
  }
}

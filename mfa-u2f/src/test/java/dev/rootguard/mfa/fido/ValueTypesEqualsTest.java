package dev.rootguard.mfa.fido;

import static dev.rootguard.testing.EqualsChecks.named;

import dev.rootguard.testing.DeclaredEquals;
import dev.rootguard.testing.EqualsChecks;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * EqualsVerifier for every type of mfa-u2f that declares {@code equals}. A new value type fails
 * {@link #everyTypeDeclaringEquals_isChecked()} until it is listed here. (The module holds no
 * secret: a security key's private key never leaves it.)
 */
class ValueTypesEqualsTest {
  static final EqualsChecks CHECKS =
      new EqualsChecks()
          .plain(
              AttestationPolicy.Known.class,
              named("dev.rootguard.mfa.fido.JsonFileSecurityKeyStore$Snapshot"),
              dev.rootguard.mfa.fido.internal.AuthenticatorData.class,
              dev.rootguard.mfa.fido.internal.ByteArrayView.class,
              dev.rootguard.mfa.fido.internal.CoseKey.class,
              named("dev.rootguard.mfa.fido.internal.Ceremonies$Started"),
              dev.rootguard.mfa.fido.internal.AttestationRules.Described.class,
              named("dev.rootguard.mfa.fido.internal.AuthenticationCeremony$Expected"),
              dev.rootguard.mfa.fido.internal.PendingCeremonies.Taken.Found.class,
              dev.rootguard.mfa.fido.internal.PendingCeremonies.Taken.Refused.class,
              dev.rootguard.mfa.fido.internal.SignatureCounter.Update.class);

  static {
    // Records whose canonical constructor rejects null components (Objects.requireNonNull).
    for (Class<?> c :
        new Class<?>[] {
          CeremonyRequest.class,
          RegistrationOutcome.Registered.class,
          RegistrationOutcome.Rejected.class,
          SecurityKeyCredential.class,
          SecurityKeyDetail.class,
          dev.rootguard.mfa.fido.internal.StoreJson.Document.class
        }) {
      CHECKS.check(c, v -> v.suppress(Warning.NULL_FIELDS));
    }
  }

  @Test
  void everyTypeDeclaringEquals_isChecked() {
    DeclaredEquals.assertExactly(CeremonyRequest.class, CHECKS.names());
  }

  @TestFactory
  Stream<DynamicTest> equalsVerifier() {
    return CHECKS.tests();
  }
}

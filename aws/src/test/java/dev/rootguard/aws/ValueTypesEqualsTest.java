package dev.rootguard.aws;

import static dev.rootguard.testing.EqualsChecks.named;

import dev.rootguard.aws.internal.KmsDataKey;
import dev.rootguard.testing.DeclaredEquals;
import dev.rootguard.testing.EqualsChecks;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * EqualsVerifier for every type of the aws module that declares {@code equals}; identity equality
 * for the types that hold key material. A new value type fails {@link
 * #everyTypeDeclaringEquals_isChecked()} until it is listed here.
 */
class ValueTypesEqualsTest {
  static final EqualsChecks CHECKS =
      new EqualsChecks()
          .plain(
              AuditProgress.class,
              named("dev.rootguard.aws.internal.CollectorEngine$Identity"),
              named("dev.rootguard.aws.internal.CollectorEngine$OrgFacts"),
              named("dev.rootguard.aws.internal.CollectorEngine$Settings"),
              named("dev.rootguard.aws.internal.CollectorEngine$Summary"));

  static {
    // Records whose canonical constructor rejects null components (Objects.requireNonNull).
    for (Class<?> c :
        new Class<?>[] {
          AccountResult.Collected.class,
          AccountResult.Failed.class,
          AuditSummary.class,
          RemediationLog.Entry.class
        }) {
      CHECKS.check(c, v -> v.suppress(Warning.NULL_FIELDS));
    }
    // An exception type cannot be instantiated blank by EqualsVerifier: two real ones.
    CHECKS.check(
        named("dev.rootguard.aws.internal.CollectorEngine$Report"),
        v ->
            v.withPrefabValues(
                AwsCollectionException.class,
                new AwsCollectionException("111111111111", "iam:GetCredentialReport", "a", null),
                new AwsCollectionException("222222222222", "iam:GetCredentialReport", "b", null)));
  }

  @Test
  void everyTypeDeclaringEquals_isChecked() {
    DeclaredEquals.assertExactly(AuditSummary.class, CHECKS.names());
  }

  @TestFactory
  Stream<DynamicTest> equalsVerifier() {
    return CHECKS.tests();
  }

  @Test
  void secretHolders_keepIdentityEquality() {
    DeclaredEquals.assertIdentity(KmsDataKey.class, KmsSecretSealer.class);
  }
}

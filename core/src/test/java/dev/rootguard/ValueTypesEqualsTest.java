package dev.rootguard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.FactorDetail;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.MfaPolicy;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.password.PasswordCheck;
import dev.rootguard.password.PasswordContext;
import dev.rootguard.password.PasswordFinding;
import dev.rootguard.password.PasswordHash;
import dev.rootguard.password.PasswordPolicy;
import dev.rootguard.password.Strength;
import dev.rootguard.policy.AccessKey;
import dev.rootguard.policy.Evidence;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.Finding;
import dev.rootguard.policy.LastUse;
import dev.rootguard.policy.MfaDevice;
import dev.rootguard.policy.PasswordPolicyBaseline;
import dev.rootguard.policy.Reference;
import dev.rootguard.policy.RootSecurityPolicy;
import dev.rootguard.policy.Source;
import dev.rootguard.seal.Envelope;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.testing.DeclaredEquals;
import dev.rootguard.testing.EqualsChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * EqualsVerifier for every type of core that declares {@code equals} (records included, private
 * ones too), and identity equality for the types that hold secrets. {@link
 * #everyTypeDeclaringEquals_isChecked()} scans the compiled classes, so a new value type fails here
 * until it is added below.
 */
class ValueTypesEqualsTest {
  static final EqualsChecks CHECKS = new EqualsChecks();

  /** Types holding secrets (keys, password hashes): equality must stay Object's identity. */
  static final Class<?>[] SECRET_HOLDERS = {
    PasswordHash.class,
    LocalKeySealer.class,
    EqualsChecks.named("dev.rootguard.seal.LocalKeySealer$Keys")
  };

  static {
    // Records whose canonical constructor rejects null components (Objects.requireNonNull), so
    // EqualsVerifier must not try null: NULL_FIELDS is suppressed for exactly that reason.
    for (Class<?> c :
        new Class<?>[] {
          CeremonyStore.Ceremony.class,
          CredentialId.class,
          FactorDetail.Lockout.class,
          MfaPolicy.class,
          MfaResult.Accepted.class,
          MfaResult.Rejected.class,
          Principal.class,
          Strength.class,
          AccessKey.class,
          Evidence.class,
          Fact.Known.class,
          Fact.Unknown.class,
          Finding.class,
          MfaDevice.class,
          Reference.class,
          Source.class
        }) {
      CHECKS.check(c, v -> v.suppress(Warning.NULL_FIELDS));
    }
    // Records without validation that EqualsVerifier can build as they are.
    CHECKS.plain(EqualsChecks.named("dev.rootguard.mfa.InMemoryAttemptLimiter$State"));
    CHECKS.plain(EqualsChecks.named("dev.rootguard.mfa.internal.InMemoryCeremonyStore$Entry"));
    CHECKS.plain(EqualsChecks.named("dev.rootguard.policy.internal.ControlEvaluator$Use"));
    CHECKS.plain(EqualsChecks.named("dev.rootguard.policy.internal.CredentialReportParser$Parsed"));
    CHECKS.plain(EqualsChecks.named("dev.rootguard.policy.internal.RootReportFacts$Account"));
    CHECKS.plain(LastUse.class);
    // Range-checked components get values inside AWS's ranges.
    CHECKS.check(
        LockoutPolicy.class,
        v ->
            v.withPrefabValuesForField("maxConsecutiveFailures", 3, 5)
                .withPrefabValuesForField("lockout", Duration.ofSeconds(1), Duration.ofSeconds(2))
                .withPrefabValuesForField("maxLockout", Duration.ofHours(1), Duration.ofHours(2)));
    CHECKS.check(
        IamPasswordPolicy.class,
        v ->
            v.withPrefabValuesForField("minimumPasswordLength", 8, 14)
                .withPrefabValuesForField("maxPasswordAge", 0, 90)
                .withPrefabValuesForField("passwordReusePrevention", 0, 24));
    CHECKS.check(
        PasswordPolicyBaseline.class,
        v -> v.withNonnullFields("name").withPrefabValuesForField("minimumLength", 8, 14));
    // Jackson's ObjectNode cannot be instantiated blank (abstract JsonNode.equals): real nodes.
    CHECKS.check(
        EqualsChecks.named("dev.rootguard.mfa.internal.LockedJsonFile$Change"),
        v ->
            v.withPrefabValues(
                ObjectNode.class,
                JsonNodeFactory.instance.objectNode().put("a", 1),
                JsonNodeFactory.instance.objectNode().put("a", 2)));
    // Final classes built only through their factories/builders, every field non-null.
    CHECKS.check(PasswordFinding.class, v -> v.suppress(Warning.NULL_FIELDS));
    CHECKS.check(PasswordPolicy.class, v -> v.suppress(Warning.NULL_FIELDS));
    CHECKS.check(Envelope.class, v -> v.suppress(Warning.NULL_FIELDS));
    CHECKS.check(
        PasswordCheck.class,
        // hashCode covers the bitsets, from which the compared findings follow for a policy:
        // equal checks have equal hashes (the contract), but not every field is hashed
        v -> v.suppress(Warning.NULL_FIELDS, Warning.STRICT_HASHCODE));
    CHECKS.check(
        PasswordContext.class,
        // the folded*, accountIdChars and userInputs fields are caches computed from the compared
        // strings in the constructor
        v ->
            v.withIgnoredFields(
                "foldedAccountName",
                "foldedEmail",
                "foldedEmailLocalPart",
                "foldedUserName",
                "accountIdChars",
                "userInputs"));
    CHECKS.check(
        RootSecurityPolicy.class,
        v ->
            // the clock is compared but not hashed (allowed by the contract)
            v.suppress(Warning.NULL_FIELDS, Warning.STRICT_HASHCODE)
                // `ordered` is the same controls as `controls`, kept in evaluation order
                .withIgnoredFields("ordered")
                .withPrefabValues(
                    PasswordPolicyBaseline.class,
                    PasswordPolicyBaseline.cis(),
                    new PasswordPolicyBaseline("other", 20, 0, false, false, false, false, 0))
                .withPrefabValues(
                    Clock.class,
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                    Clock.fixed(Instant.EPOCH.plusSeconds(1), ZoneOffset.UTC)));
  }

  @Test
  void everyTypeDeclaringEquals_isChecked() {
    DeclaredEquals.assertExactly(Evidence.class, CHECKS.names());
  }

  @TestFactory
  Stream<DynamicTest> equalsVerifier() {
    return CHECKS.tests();
  }

  @Test
  void secretHolders_keepIdentityEquality() {
    DeclaredEquals.assertIdentity(SECRET_HOLDERS);
  }
}

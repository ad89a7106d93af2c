package dev.rootguard.aws.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.AwsCollectionException;
import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.RootAccountState.OrganizationRole;
import dev.rootguard.policy.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.FeatureType;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * The facts a collection can do without: the root's virtual MFA devices, the account password
 * policy, the organization's central root credentials management and role, and the account name. A
 * failed call gives an unknown fact naming the missing permission or the failure, never a failed
 * collection. Immutable and thread-safe.
 */
final class OptionalFacts {
  private final IamOps iam;
  private final CollectorEngine.Settings s;
  private final Supplier<CompletableFuture<String>> accountName;

  OptionalFacts(
      IamOps iam, CollectorEngine.Settings s, Supplier<CompletableFuture<String>> accountName) {
    this.iam = iam;
    this.s = s;
    this.accountName = accountName;
  }

  /**
   * Turns a failed optional call into an unknown fact: "missing permission" when access was denied,
   * else the failure described.
   *
   * @param action the IAM action
   * @param err the failure
   * @return the unknown fact
   */
  <T> Fact<T> optionalFailure(String action, Throwable err) {
    if (AwsErrors.unwrap(err) instanceof AwsCollectionException e) {
      action = e.action();
      err = e.getCause();
    }
    Source src = Source.of(action, s.clock().instant());
    if (AwsErrors.isAccessDenied(err)) {
      return Fact.unknown("missing permission " + action, src);
    }
    return Fact.unknown(action + " failed: " + AwsErrors.describe(err), src);
  }

  /**
   * Lists the virtual MFA devices assigned to the root user.
   *
   * @param account the account id
   * @param partition the partition, or null for any
   * @return the serials, or unknown
   */
  CompletableFuture<Fact<List<String>>> virtualMfa(String account, String partition) {
    Pattern rootArn =
        Pattern.compile(
            "arn:"
                + (partition == null ? "[a-z][a-z0-9-]*" : Pattern.quote(partition))
                + ":iam::"
                + account
                + ":root");
    return virtualPage(null, new ArrayList<>(), rootArn)
        .handle(
            (list, err) ->
                err != null
                    ? optionalFailure("iam:ListVirtualMFADevices", err)
                    : Fact.known(
                        List.copyOf(list),
                        Source.of("iam:ListVirtualMFADevices", s.clock().instant())));
  }

  private CompletableFuture<List<String>> virtualPage(
      String marker, List<String> acc, Pattern rootArn) {
    return iam.listVirtualMfaDevices(
            ListVirtualMfaDevicesRequest.builder()
                .assignmentStatus(AssignmentStatusType.ASSIGNED)
                .marker(marker)
                .overrideConfiguration(s.override())
                .build())
        .thenCompose(
            r -> {
              for (VirtualMFADevice d : r.virtualMFADevices()) {
                if (d.user() != null
                    && d.user().arn() != null
                    && rootArn.matcher(d.user().arn()).matches()) {
                  acc.add(d.serialNumber());
                }
              }
              if (Boolean.TRUE.equals(r.isTruncated()) && r.marker() != null) {
                return virtualPage(r.marker(), acc, rootArn);
              }
              return CompletableFuture.completedFuture(acc);
            });
  }

  /**
   * Reads the account password policy; none is a known empty value.
   *
   * @return the policy, or unknown
   */
  CompletableFuture<Fact<Optional<IamPasswordPolicy>>> passwordPolicy() {
    String action = "iam:GetAccountPasswordPolicy";
    return iam.getAccountPasswordPolicy(
            GetAccountPasswordPolicyRequest.builder().overrideConfiguration(s.override()).build())
        .handle(
            (r, err) -> {
              Source src = Source.of(action, s.clock().instant());
              if (err != null) {
                if (AwsErrors.code(err).equals("NoSuchEntity")) {
                  return Fact.known(Optional.<IamPasswordPolicy>empty(), src);
                }
                return optionalFailure(action, err);
              }
              try {
                return Fact.known(Optional.of(toPolicy(r.passwordPolicy())), src);
              } catch (InvalidInputException e) {
                return Fact.unknown("AWS returned a policy out of range: " + e.getMessage(), src);
              }
            });
  }

  private static IamPasswordPolicy toPolicy(PasswordPolicy p) {
    return new IamPasswordPolicy(
        p.minimumPasswordLength() == null
            ? IamPasswordPolicy.DEFAULT_MINIMUM_LENGTH
            : p.minimumPasswordLength(),
        Boolean.TRUE.equals(p.requireSymbols()),
        Boolean.TRUE.equals(p.requireNumbers()),
        Boolean.TRUE.equals(p.requireUppercaseCharacters()),
        Boolean.TRUE.equals(p.requireLowercaseCharacters()),
        Boolean.TRUE.equals(p.allowUsersToChangePassword()),
        p.maxPasswordAge() == null ? 0 : p.maxPasswordAge(),
        p.passwordReusePrevention() == null ? 0 : p.passwordReusePrevention(),
        Boolean.TRUE.equals(p.hardExpiry()));
  }

  /**
   * Reads central root credentials management and the account's organization role.
   *
   * @return the two facts
   */
  CompletableFuture<CollectorEngine.OrgFacts> organization() {
    String action = "iam:ListOrganizationsFeatures";
    return iam.listOrganizationsFeatures(
            ListOrganizationsFeaturesRequest.builder().overrideConfiguration(s.override()).build())
        .handle(
            (r, err) -> {
              Source src = Source.of(action, s.clock().instant());
              if (err == null) {
                return new CollectorEngine.OrgFacts(
                    Fact.known(
                        r.enabledFeatures().contains(FeatureType.ROOT_CREDENTIALS_MANAGEMENT), src),
                    Fact.unknown(
                        "the caller is the management account or a delegated administrator;"
                            + " iam:ListOrganizationsFeatures does not tell which",
                        src));
              }
              switch (AwsErrors.code(err)) {
                case "OrganizationNotFoundException":
                  return new CollectorEngine.OrgFacts(
                      Fact.known(false, src), Fact.known(OrganizationRole.STANDALONE, src));
                case "AccountNotManagementOrDelegatedAdministratorException":
                  return new CollectorEngine.OrgFacts(
                      Fact.unknown(
                          "member accounts cannot read the organization's root access settings;"
                              + " audit from the management account",
                          src),
                      Fact.known(OrganizationRole.MEMBER, src));
                case "ServiceAccessNotEnabledException":
                  return new CollectorEngine.OrgFacts(
                      Fact.known(false, src),
                      Fact.unknown(
                          "trusted access for IAM is not enabled in the organization", src));
                case "OrganizationNotInAllFeaturesModeException":
                  return new CollectorEngine.OrgFacts(
                      Fact.known(false, src),
                      Fact.unknown("the organization does not have all features enabled", src));
                default:
                  Fact<Boolean> f = optionalFailure(action, err);
                  return new CollectorEngine.OrgFacts(f, f.map(x -> OrganizationRole.STANDALONE));
              }
            });
  }

  /**
   * Reads the account name, when a reader was given.
   *
   * @return the name, or unknown, or null when no reader was given
   */
  CompletableFuture<Fact<String>> name() {
    if (accountName == null) {
      return CompletableFuture.completedFuture(null);
    }
    String action = "account:GetAccountInformation";
    CompletableFuture<String> f;
    try {
      f = accountName.get();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.handle(
        (n, err) ->
            err != null
                ? optionalFailure(action, err)
                : Fact.known(n, Source.of(action, s.clock().instant())));
  }
}

package dev.rootguard.aws.internal;

import dev.rootguard.policy.AccessKey;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.LastUse;
import dev.rootguard.policy.MfaDevice;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The collection in an {@code sts:AssumeRoot} audit session (task policy {@code
 * IAMAuditRootUserCredentials}): the root's own user, login profile, MFA devices and access keys
 * are read directly instead of through the credential report; the summary flags win where AWS gives
 * them. The password policy and the organization's settings are not readable there and stay
 * unknown. Immutable and thread-safe.
 */
final class RootSessionCollection {
  private static final String ROOT_SESSION_NOTE =
      "not readable in an sts:AssumeRoot audit session (task policy IAMAuditRootUserCredentials)";

  private final IamOps iam;
  private final CollectorEngine.Settings s;
  private final OptionalFacts optional;

  RootSessionCollection(IamOps iam, CollectorEngine.Settings s, OptionalFacts optional) {
    this.iam = iam;
    this.s = s;
    this.optional = optional;
  }

  /**
   * Collects in an {@code sts:AssumeRoot} audit session.
   *
   * @param id the caller's account and partition
   * @param sum the account summary
   * @param start when the collection started
   * @return the state
   */
  CompletableFuture<RootAccountState> collect(
      CollectorEngine.Identity id, CollectorEngine.Summary sum, Instant start) {
    String account = id.accountId();
    CompletableFuture<Fact<LastUse>> lastUsed =
        iam.getUser(GetUserRequest.builder().overrideConfiguration(s.override()).build())
            .handle(
                (r, err) ->
                    err != null
                        ? optional.optionalFailure("iam:GetUser", err)
                        : Fact.known(
                            r.user().passwordLastUsed() == null
                                ? LastUse.never()
                                : LastUse.at(r.user().passwordLastUsed()),
                            Source.of("iam:GetUser", s.clock().instant())));
    CompletableFuture<Fact<Boolean>> password =
        iam.getLoginProfile(
                GetLoginProfileRequest.builder().overrideConfiguration(s.override()).build())
            .handle(
                (r, err) -> {
                  Source src = Source.of("iam:GetLoginProfile", s.clock().instant());
                  if (err == null) {
                    return Fact.known(true, src);
                  }
                  if (AwsErrors.code(err).equals("NoSuchEntity")) {
                    return Fact.known(false, src);
                  }
                  return optional.optionalFailure("iam:GetLoginProfile", err);
                });
    CompletableFuture<Fact<List<MfaDevice>>> devices =
        mfaPage(null, new ArrayList<>())
            .handle(
                (list, err) ->
                    err != null
                        ? optional.optionalFailure("iam:ListMFADevices", err)
                        : Fact.known(
                            List.copyOf(list),
                            Source.of("iam:ListMFADevices", s.clock().instant())));
    CompletableFuture<Fact<List<AccessKey>>> keys =
        keyPage(null, new ArrayList<>())
            .thenCompose(this::withLastUse)
            .handle(
                (list, err) ->
                    err != null
                        ? optional.optionalFailure("iam:ListAccessKeys", err)
                        : Fact.known(
                            List.copyOf(list),
                            Source.of("iam:ListAccessKeys", s.clock().instant())));
    return CompletableFuture.allOf(lastUsed, password, devices, keys)
        .thenApply(
            v -> {
              RootAccountState.Builder b =
                  RootAccountState.builder(account)
                      .partition(id.partition() == null ? "aws" : id.partition())
                      .collectedAt(start);
              b.mfaEnabled(
                  summaryFlag(sum, "AccountMFAEnabled")
                      .orElseGet(() -> devices.join().map(l -> !l.isEmpty())));
              b.accessKeysPresent(
                  summaryFlag(sum, "AccountAccessKeysPresent")
                      .orElseGet(() -> keys.join().map(l -> !l.isEmpty())));
              b.signingCertificatesPresent(
                  summaryFlag(sum, "AccountSigningCertificatesPresent")
                      .orElseGet(
                          () ->
                              Fact.unknown(
                                  "AccountSigningCertificatesPresent missing from the summary",
                                  sum.source())));
              b.passwordEnabled(password.join());
              b.passwordLastUsed(lastUsed.join());
              b.mfaDevices(devices.join());
              b.virtualMfaSerials(
                  devices
                      .join()
                      .map(
                          l ->
                              l.stream()
                                  .filter(d -> d.kind() == MfaDevice.Kind.VIRTUAL)
                                  .map(MfaDevice::serial)
                                  .toList()));
              b.accessKeys(keys.join());
              Source none = Source.of("sts:AssumeRoot", start);
              b.passwordPolicy(Fact.unknown(ROOT_SESSION_NOTE, none));
              b.centralRootCredentialsManagement(Fact.unknown(ROOT_SESSION_NOTE, none));
              b.organizationRole(Fact.unknown(ROOT_SESSION_NOTE, none));
              return b.build();
            });
  }

  private CompletableFuture<List<MfaDevice>> mfaPage(String marker, List<MfaDevice> acc) {
    return iam.listMfaDevices(
            ListMfaDevicesRequest.builder()
                .marker(marker)
                .overrideConfiguration(s.override())
                .build())
        .thenCompose(
            r -> {
              r.mfaDevices().forEach(d -> acc.add(MfaDevice.fromSerial(d.serialNumber())));
              if (Boolean.TRUE.equals(r.isTruncated()) && r.marker() != null) {
                return mfaPage(r.marker(), acc);
              }
              return CompletableFuture.completedFuture(acc);
            });
  }

  private CompletableFuture<List<AccessKeyMetadata>> keyPage(
      String marker, List<AccessKeyMetadata> acc) {
    return iam.listAccessKeys(
            ListAccessKeysRequest.builder()
                .marker(marker)
                .overrideConfiguration(s.override())
                .build())
        .thenCompose(
            r -> {
              acc.addAll(r.accessKeyMetadata());
              if (Boolean.TRUE.equals(r.isTruncated()) && r.marker() != null) {
                return keyPage(r.marker(), acc);
              }
              return CompletableFuture.completedFuture(acc);
            });
  }

  private CompletableFuture<List<AccessKey>> withLastUse(List<AccessKeyMetadata> keys) {
    List<CompletableFuture<AccessKey>> each = new ArrayList<>();
    for (AccessKeyMetadata k : keys) {
      each.add(
          iam.getAccessKeyLastUsed(
                  GetAccessKeyLastUsedRequest.builder()
                      .accessKeyId(k.accessKeyId())
                      .overrideConfiguration(s.override())
                      .build())
              .handle(
                  (r, err) -> {
                    if (err != null) {
                      throw CollectorEngine.fail(null, "iam:GetAccessKeyLastUsed", err);
                    }
                    return new AccessKey(
                        k.accessKeyId(),
                        k.status() == StatusType.ACTIVE,
                        r.accessKeyLastUsed() == null
                                || r.accessKeyLastUsed().lastUsedDate() == null
                            ? LastUse.never()
                            : LastUse.at(r.accessKeyLastUsed().lastUsedDate()),
                        k.createDate() == null ? Instant.EPOCH : k.createDate());
                  }));
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
  }

  private static Optional<Fact<Boolean>> summaryFlag(CollectorEngine.Summary sum, String key) {
    Integer v = sum.map().get(key);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(Fact.known(v > 0, sum.source()));
  }
}

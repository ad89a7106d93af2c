package dev.rootguard.aws.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesRequest;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;

/**
 * The IAM calls the collector makes, as futures, so one engine serves the blocking and the async
 * client. The blocking adapter completes each future before returning it.
 */
public interface IamOps {
  CompletableFuture<GetAccountSummaryResponse> getAccountSummary(GetAccountSummaryRequest r);

  CompletableFuture<GenerateCredentialReportResponse> generateCredentialReport(
      GenerateCredentialReportRequest r);

  CompletableFuture<GetCredentialReportResponse> getCredentialReport(GetCredentialReportRequest r);

  CompletableFuture<ListVirtualMfaDevicesResponse> listVirtualMfaDevices(
      ListVirtualMfaDevicesRequest r);

  CompletableFuture<GetAccountPasswordPolicyResponse> getAccountPasswordPolicy(
      GetAccountPasswordPolicyRequest r);

  CompletableFuture<ListOrganizationsFeaturesResponse> listOrganizationsFeatures(
      ListOrganizationsFeaturesRequest r);

  CompletableFuture<GetUserResponse> getUser(GetUserRequest r);

  CompletableFuture<GetLoginProfileResponse> getLoginProfile(GetLoginProfileRequest r);

  CompletableFuture<ListMfaDevicesResponse> listMfaDevices(ListMfaDevicesRequest r);

  CompletableFuture<ListAccessKeysResponse> listAccessKeys(ListAccessKeysRequest r);

  CompletableFuture<GetAccessKeyLastUsedResponse> getAccessKeyLastUsed(
      GetAccessKeyLastUsedRequest r);

  /**
   * Waits before the next credential-report poll.
   *
   * @param d how long
   * @return completes after the wait
   */
  CompletableFuture<Void> delay(Duration d);

  /**
   * Runs a blocking call and returns its outcome as a completed future.
   *
   * @param call the call
   * @param <T> the result type
   * @return a completed future
   */
  static <T> CompletableFuture<T> now(Supplier<T> call) {
    try {
      return CompletableFuture.completedFuture(call.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Sleeps the calling thread; replaceable in tests. */
  @FunctionalInterface
  interface Sleeper {
    /**
     * Sleeps.
     *
     * @param d how long
     * @throws InterruptedException if interrupted
     */
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * Adapts a blocking client.
   *
   * @param iam the client
   * @param sleeper how to wait between polls
   * @return the adapter
   */
  static IamOps blocking(IamClient iam, Sleeper sleeper) {
    return new IamOps() {
      @Override
      public CompletableFuture<GetAccountSummaryResponse> getAccountSummary(
          GetAccountSummaryRequest r) {
        return now(() -> iam.getAccountSummary(r));
      }

      @Override
      public CompletableFuture<GenerateCredentialReportResponse> generateCredentialReport(
          GenerateCredentialReportRequest r) {
        return now(() -> iam.generateCredentialReport(r));
      }

      @Override
      public CompletableFuture<GetCredentialReportResponse> getCredentialReport(
          GetCredentialReportRequest r) {
        return now(() -> iam.getCredentialReport(r));
      }

      @Override
      public CompletableFuture<ListVirtualMfaDevicesResponse> listVirtualMfaDevices(
          ListVirtualMfaDevicesRequest r) {
        return now(() -> iam.listVirtualMFADevices(r));
      }

      @Override
      public CompletableFuture<GetAccountPasswordPolicyResponse> getAccountPasswordPolicy(
          GetAccountPasswordPolicyRequest r) {
        return now(() -> iam.getAccountPasswordPolicy(r));
      }

      @Override
      public CompletableFuture<ListOrganizationsFeaturesResponse> listOrganizationsFeatures(
          ListOrganizationsFeaturesRequest r) {
        return now(() -> iam.listOrganizationsFeatures(r));
      }

      @Override
      public CompletableFuture<GetUserResponse> getUser(GetUserRequest r) {
        return now(() -> iam.getUser(r));
      }

      @Override
      public CompletableFuture<GetLoginProfileResponse> getLoginProfile(GetLoginProfileRequest r) {
        return now(() -> iam.getLoginProfile(r));
      }

      @Override
      public CompletableFuture<ListMfaDevicesResponse> listMfaDevices(ListMfaDevicesRequest r) {
        return now(() -> iam.listMFADevices(r));
      }

      @Override
      public CompletableFuture<ListAccessKeysResponse> listAccessKeys(ListAccessKeysRequest r) {
        return now(() -> iam.listAccessKeys(r));
      }

      @Override
      public CompletableFuture<GetAccessKeyLastUsedResponse> getAccessKeyLastUsed(
          GetAccessKeyLastUsedRequest r) {
        return now(() -> iam.getAccessKeyLastUsed(r));
      }

      @Override
      public CompletableFuture<Void> delay(Duration d) {
        try {
          sleeper.sleep(d);
          return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return CompletableFuture.failedFuture(e);
        }
      }
    };
  }

  /**
   * Adapts an async client; waits use {@link CompletableFuture#delayedExecutor}.
   *
   * @param iam the client
   * @return the adapter
   */
  static IamOps async(IamAsyncClient iam) {
    return new IamOps() {
      @Override
      public CompletableFuture<GetAccountSummaryResponse> getAccountSummary(
          GetAccountSummaryRequest r) {
        return iam.getAccountSummary(r);
      }

      @Override
      public CompletableFuture<GenerateCredentialReportResponse> generateCredentialReport(
          GenerateCredentialReportRequest r) {
        return iam.generateCredentialReport(r);
      }

      @Override
      public CompletableFuture<GetCredentialReportResponse> getCredentialReport(
          GetCredentialReportRequest r) {
        return iam.getCredentialReport(r);
      }

      @Override
      public CompletableFuture<ListVirtualMfaDevicesResponse> listVirtualMfaDevices(
          ListVirtualMfaDevicesRequest r) {
        return iam.listVirtualMFADevices(r);
      }

      @Override
      public CompletableFuture<GetAccountPasswordPolicyResponse> getAccountPasswordPolicy(
          GetAccountPasswordPolicyRequest r) {
        return iam.getAccountPasswordPolicy(r);
      }

      @Override
      public CompletableFuture<ListOrganizationsFeaturesResponse> listOrganizationsFeatures(
          ListOrganizationsFeaturesRequest r) {
        return iam.listOrganizationsFeatures(r);
      }

      @Override
      public CompletableFuture<GetUserResponse> getUser(GetUserRequest r) {
        return iam.getUser(r);
      }

      @Override
      public CompletableFuture<GetLoginProfileResponse> getLoginProfile(GetLoginProfileRequest r) {
        return iam.getLoginProfile(r);
      }

      @Override
      public CompletableFuture<ListMfaDevicesResponse> listMfaDevices(ListMfaDevicesRequest r) {
        return iam.listMFADevices(r);
      }

      @Override
      public CompletableFuture<ListAccessKeysResponse> listAccessKeys(ListAccessKeysRequest r) {
        return iam.listAccessKeys(r);
      }

      @Override
      public CompletableFuture<GetAccessKeyLastUsedResponse> getAccessKeyLastUsed(
          GetAccessKeyLastUsedRequest r) {
        return iam.getAccessKeyLastUsed(r);
      }

      @Override
      public CompletableFuture<Void> delay(Duration d) {
        return CompletableFuture.runAsync(
            () -> {},
            CompletableFuture.delayedExecutor(
                d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
      }
    };
  }
}

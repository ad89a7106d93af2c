package dev.rootguard.aws;

import dev.rootguard.aws.internal.AwsErrors;

/** Bridges the exception to the internal error helper. */
final class AwsErrorsAccess {
  private AwsErrorsAccess() {}

  static boolean isAccessDenied(Throwable t) {
    return AwsErrors.isAccessDenied(t);
  }

  static String describe(Throwable t) {
    return AwsErrors.describe(t);
  }
}

package dev.rootguard.aws.internal;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Classifies SDK exceptions. Stateless. */
public final class AwsErrors {
  private static final Set<String> DENIED =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "UnauthorizedAccess",
          "AuthorizationError");

  private AwsErrors() {}

  /**
   * Unwraps {@link CompletionException} and {@link ExecutionException}.
   *
   * @param t a throwable
   * @return the innermost cause worth reporting
   */
  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /**
   * Returns the AWS error code, if the throwable is a service error.
   *
   * @param t a throwable
   * @return the code or {@code ""}
   */
  public static String code(Throwable t) {
    Throwable c = unwrap(t);
    if (c instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      String code = e.awsErrorDetails().errorCode();
      return code == null ? "" : code;
    }
    return "";
  }

  /**
   * Returns whether AWS refused the call for lack of permission.
   *
   * @param t a throwable, may be null
   * @return true for AccessDenied and its variants
   */
  public static boolean isAccessDenied(Throwable t) {
    if (t == null) {
      return false;
    }
    return DENIED.contains(code(t));
  }

  /**
   * Describes a failure in one line, without request bodies or credentials.
   *
   * @param t a throwable, may be null
   * @return the description
   */
  public static String describe(Throwable t) {
    if (t == null) {
      return "unknown failure";
    }
    Throwable c = unwrap(t);
    if (isAccessDenied(c)) {
      return "access denied: the caller lacks this permission (" + code(c) + ")";
    }
    if (c instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      String msg = e.awsErrorDetails().errorMessage();
      return "AWS error "
          + code(c)
          + " (HTTP "
          + e.statusCode()
          + ")"
          + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }
    if (c instanceof ApiCallTimeoutException || c instanceof ApiCallAttemptTimeoutException) {
      return "timed out: " + c.getMessage();
    }
    if (c instanceof SdkClientException) {
      return "client error: " + c.getMessage();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}

package dev.rootguard.mfa.internal;

import dev.rootguard.RootGuardException;

/**
 * What verifiers write in the WARN log line when a stored credential cannot be used and they fail
 * closed with {@link dev.rootguard.mfa.MfaResult.Reason#VERIFIER_ERROR}: exceptions RootGuard threw
 * itself (its own types, or any exception raised in RootGuard code), whose messages never carry a
 * secret, with their message; any other exception (a third-party store, sealer or driver, whose
 * message may quote anything) by class name only. Stateless and thread-safe.
 */
public final class FailClosed {
  private FailClosed() {}

  /**
   * Describes an exception for a log line without risking a secret in it.
   *
   * @param e the exception
   * @return {@code SimpleName: message} for RootGuard's exceptions, else the class name
   */
  public static String describe(RuntimeException e) {
    String name = e.getClass().getSimpleName();
    StackTraceElement[] at = e.getStackTrace();
    boolean ours =
        e instanceof RootGuardException
            || (at.length > 0 && at[0].getClassName().startsWith("dev.rootguard."));
    if (ours) {
      String m = e.getMessage();
      return m == null ? name : name + ": " + m;
    }
    return e.getClass().getName();
  }
}

package dev.rootguard.mfa;

/**
 * Receives the outcome of every attempt an {@link MfaAuthenticator} handles: for audit logs,
 * metrics and alerts (for example on {@link MfaResult.Reason#POSSIBLE_CLONE}).
 *
 * <p>Implementations MUST be thread-safe and SHOULD return quickly; they run on the caller's
 * thread. An exception thrown by a listener is caught and logged at WARN and never changes the
 * result.
 *
 * <pre>{@code
 * MfaListener audit = result -> auditLog.write(result.principal(), result.isAccepted());
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MfaListener {
  /**
   * Called once per attempt, after the result is final.
   *
   * @param result the result the caller receives
   */
  void onResult(MfaResult result);
}

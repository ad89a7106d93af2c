package dev.rootguard.aws.internal;

import dev.rootguard.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * The knobs that {@code AwsRootCollector.Builder} and {@code AsyncAwsRootCollector.Builder} share:
 * defaults, ranges and the checks made when the collector is built, kept in one place so the two
 * builders cannot drift apart. Each setter validates and throws {@link InvalidInputException}
 * naming the builder method. Not thread-safe; owned by one builder.
 */
public final class CollectorOptions {
  private static final Duration MS = Duration.ofMillis(1);

  private Clock clock = Clock.systemUTC();
  private Duration initialPoll = Duration.ofSeconds(2);
  private Duration maxPoll = Duration.ofSeconds(15);
  private Duration reportTimeout = Duration.ofMinutes(5);
  private Duration apiCallTimeout = Duration.ofSeconds(60);
  private Duration attemptTimeout = Duration.ofSeconds(20);
  private String accountId;
  private boolean rootSession;

  /** Creates options with the defaults. */
  public CollectorOptions() {}

  /**
   * Sets the clock. Default: {@link Clock#systemUTC()}.
   *
   * @param clock the clock
   */
  public void clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Sets the known account id (12 digits).
   *
   * @param accountId the id
   */
  public void accountId(String accountId) {
    this.accountId = Checks.accountId("accountId", accountId);
  }

  /** Declares an {@code sts:AssumeRoot} audit session. */
  public void auditRootSession() {
    this.rootSession = true;
  }

  /**
   * Sets the first wait between credential-report polls. Default: 2 s. Range: 1 ms to 1 min.
   *
   * @param d the wait
   */
  public void reportPollInterval(Duration d) {
    this.initialPoll = Checks.between("reportPollInterval", d, MS, Duration.ofMinutes(1));
  }

  /**
   * Sets the longest wait between polls. Default: 15 s. Range: 1 ms to 5 min.
   *
   * @param d the wait
   */
  public void reportPollMaxInterval(Duration d) {
    this.maxPoll = Checks.between("reportPollMaxInterval", d, MS, Duration.ofMinutes(5));
  }

  /**
   * Sets how long to wait for the credential report. Default: 5 min. Range: 1 ms to 1 h.
   *
   * @param d the timeout
   */
  public void reportTimeout(Duration d) {
    this.reportTimeout = Checks.between("reportTimeout", d, MS, Duration.ofHours(1));
  }

  /**
   * Sets the SDK's per-request {@code apiCallTimeout}. Default: 60 s. Range: 1 ms to 10 min.
   *
   * @param d the timeout
   */
  public void apiCallTimeout(Duration d) {
    this.apiCallTimeout = Checks.between("apiCallTimeout", d, MS, Duration.ofMinutes(10));
  }

  /**
   * Sets the SDK's per-attempt {@code apiCallAttemptTimeout}. Default: 20 s. Range: 1 ms to 10 min.
   *
   * @param d the timeout
   */
  public void apiCallAttemptTimeout(Duration d) {
    this.attemptTimeout = Checks.between("apiCallAttemptTimeout", d, MS, Duration.ofMinutes(10));
  }

  /**
   * Checks the combination and freezes it for the engine.
   *
   * @return the engine settings
   * @throws InvalidInputException if a root session has no account id, or the poll interval exceeds
   *     its maximum
   */
  public CollectorEngine.Settings toEngine() {
    if (rootSession && accountId == null) {
      throw new InvalidInputException(
          "accountId", "is required with auditRootSession() (the session cannot tell it)");
    }
    if (initialPoll.compareTo(maxPoll) > 0) {
      throw new InvalidInputException(
          "reportPollInterval",
          "must not exceed reportPollMaxInterval " + maxPoll + ", was " + initialPoll);
    }
    return new CollectorEngine.Settings(
        clock,
        initialPoll,
        maxPoll,
        reportTimeout,
        AwsRequestOverrideConfiguration.builder()
            .apiCallTimeout(apiCallTimeout)
            .apiCallAttemptTimeout(attemptTimeout)
            .build(),
        accountId,
        rootSession);
  }
}

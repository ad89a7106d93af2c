package dev.rootguard.store.jdbc.internal;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AttemptLimiter} over {@code rootguard_attempts}, one row per principal. Every operation is
 * one conditional statement, so the row lock PostgreSQL takes for it is the only lock: concurrent
 * {@code tryAcquire} calls from any number of processes see each other's reservations and never
 * exceed the budget.
 *
 * <p>In-flight reservations of a crashed process would otherwise hold budget forever, so they
 * expire: each {@code tryAcquire} stamps the row's reservations valid until {@code now +
 * reservationTimeout}, and once that passes with no new reservation, the in-flight count reads as
 * zero. Failures are counted when settled, so an expired reservation never loses a failure.
 *
 * <p>A reservation also reads the principal's TOTP credentials (and their state) in the same
 * statement and hands them to {@link JdbcTotpCredentialStore} for this thread until the attempt is
 * settled: an accepted TOTP code then costs 3 round trips instead of 4. Thread-safe.
 */
public final class JdbcAttemptLimiter implements AttemptLimiter {
  // Reserve: insert a fresh row, or update the existing one only while the principal is not locked
  // and failures + live reservations are below the limit. RETURNING tells whether it reserved.
  // Reserve: insert a fresh row, or update the existing one only while the principal is not locked
  // and failures + live reservations are below the limit; `ok` says whether it reserved. The same
  // statement reads the principal's TOTP credentials (at most MAX_HANDED_OVER), so that the
  // verifier's find() that follows costs no round trip.
  private static final String ACQUIRE =
      "WITH acq AS (INSERT INTO rootguard_attempts AS a"
          + " (principal, failures, in_flight, in_flight_until_ns, lockouts, locked_until_ns)"
          + " VALUES (?, 0, 1, ?, 0, NULL)"
          + " ON CONFLICT (principal) DO UPDATE SET"
          + " in_flight = (CASE WHEN a.in_flight_until_ns <= ? THEN 0 ELSE a.in_flight END) + 1,"
          + " in_flight_until_ns = EXCLUDED.in_flight_until_ns"
          + " WHERE (a.locked_until_ns IS NULL OR a.locked_until_ns <= ?)"
          + " AND a.failures + (CASE WHEN a.in_flight_until_ns <= ? THEN 0 ELSE a.in_flight END)"
          + " < ?"
          + " RETURNING 1)"
          + " SELECT (SELECT count(*) FROM acq), c.credential, "
          + JdbcTotpCredentialStore.ROW_COLUMNS
          + " FROM (SELECT 1) one"
          + " LEFT JOIN (SELECT * FROM rootguard_totp_credentials WHERE owner = ?"
          + " ORDER BY credential LIMIT "
          + JdbcAttemptLimiter.MAX_HANDED_OVER
          + ") c ON true"
          + " LEFT JOIN rootguard_totp_state s ON s.credential = c.credential";

  /** The most TOTP credentials of one principal handed over per attempt. */
  static final int MAX_HANDED_OVER = 16;

  private static final String LOCKED_UNTIL =
      "SELECT locked_until_ns FROM rootguard_attempts WHERE principal = ?";

  // A failure that reaches the limit starts lockout number `lockouts + 1`, whose length is
  // min(lockout * 2^lockouts, maxLockout), exactly LockoutPolicy.lockoutAfter(lockouts).
  private static final String FAILURE =
      "INSERT INTO rootguard_attempts AS a"
          + " (principal, failures, in_flight, in_flight_until_ns, lockouts, locked_until_ns)"
          + " VALUES (?, ?, 0, ?, ?, ?)"
          + " ON CONFLICT (principal) DO UPDATE SET"
          + " in_flight = greatest(a.in_flight - 1, 0),"
          + " failures = CASE WHEN a.failures + 1 >= ? THEN 0 ELSE a.failures + 1 END,"
          + " lockouts = CASE WHEN a.failures + 1 >= ? THEN a.lockouts + 1 ELSE a.lockouts END,"
          + " locked_until_ns = CASE WHEN a.failures + 1 >= ?"
          + " THEN ? + least(?::numeric, ?::numeric * power(2::numeric, least(a.lockouts, 62)))::bigint"
          + " ELSE a.locked_until_ns END";

  private static final String SUCCESS =
      "UPDATE rootguard_attempts SET failures = 0, lockouts = 0, locked_until_ns = NULL,"
          + " in_flight = greatest(in_flight - 1, 0) WHERE principal = ?";

  private static final String RELEASE =
      "UPDATE rootguard_attempts SET in_flight = greatest(in_flight - 1, 0) WHERE principal = ?";

  private static final String FAILURES =
      "SELECT failures FROM rootguard_attempts WHERE principal = ?";

  private final Sql sql;
  private final LockoutPolicy policy;
  private final Clock clock;
  private final long reservationNanos;
  private final JdbcTotpCredentialStore credentials;

  /**
   * Creates the limiter.
   *
   * @param sql the runner
   * @param policy the lockout policy
   * @param clock the clock
   * @param reservationTimeout how long an unsettled reservation holds budget
   * @param credentials the TOTP credential store to hand the principal's credentials to, or null
   */
  public JdbcAttemptLimiter(
      Sql sql,
      LockoutPolicy policy,
      Clock clock,
      Duration reservationTimeout,
      JdbcTotpCredentialStore credentials) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reservationNanos = reservationTimeout.toNanos();
    this.credentials = credentials;
  }

  @Override
  public Optional<Instant> tryAcquire(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    Instant at = clock.instant();
    long now = Sql.nanos("now", at);
    return sql.run(
        "attempts.tryAcquire",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, ACQUIRE)) {
            ps.setString(1, principal.id());
            ps.setLong(2, now + reservationNanos);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setLong(5, now);
            ps.setInt(6, policy.maxConsecutiveFailures());
            ps.setString(7, principal.id());
            boolean reserved = false;
            Map<CredentialId, JdbcTotpCredentialStore.Row> rows = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                reserved = rs.getLong(1) == 1;
                String credential = rs.getString(2);
                if (credential != null) {
                  rows.put(CredentialId.of(credential), JdbcTotpCredentialStore.read(rs, 3));
                }
              }
            }
            if (reserved) {
              if (credentials != null) {
                credentials.handOver(rows);
              }
              return Optional.<Instant>empty();
            }
          }
          if (credentials != null) {
            credentials.endAttempt();
          }
          // Refused: locked out (say until when), or the budget is held by attempts in flight.
          try (PreparedStatement ps = sql.prepare(c, LOCKED_UNTIL)) {
            ps.setString(1, principal.id());
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                long until = rs.getLong(1);
                if (!rs.wasNull() && until > now) {
                  return Optional.of(Sql.instant(until));
                }
              }
            }
          }
          return Optional.of(at);
        });
  }

  @Override
  public void recordSuccess(Principal principal) {
    endAttempt();
    update("attempts.recordSuccess", SUCCESS, principal);
  }

  @Override
  public void release(Principal principal) {
    endAttempt();
    update("attempts.release", RELEASE, principal);
  }

  @Override
  public void recordFailure(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    endAttempt();
    long now = Sql.nanos("now", clock.instant());
    int max = policy.maxConsecutiveFailures();
    long lockout = policy.lockout().toNanos();
    long maxLockout = policy.maxLockout().toNanos();
    // A failure with no row (never reserved here) starts from a fresh state.
    boolean locksAtOnce = max <= 1;
    sql.run(
        "attempts.recordFailure",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, FAILURE)) {
            ps.setString(1, principal.id());
            ps.setInt(2, locksAtOnce ? 0 : 1);
            ps.setLong(3, now);
            ps.setInt(4, locksAtOnce ? 1 : 0);
            if (locksAtOnce) {
              ps.setLong(5, now + lockout);
            } else {
              ps.setNull(5, Types.BIGINT);
            }
            ps.setInt(6, max);
            ps.setInt(7, max);
            ps.setInt(8, max);
            ps.setLong(9, now);
            ps.setLong(10, maxLockout);
            ps.setLong(11, lockout);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Returns the consecutive failures recorded since the last success or lockout.
   *
   * @param principal the principal
   * @return the count, 0 if unknown
   */
  public int consecutiveFailures(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return sql.run(
        "attempts.consecutiveFailures",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, FAILURES)) {
            ps.setString(1, principal.id());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getInt(1) : 0;
            }
          }
        });
  }

  private void endAttempt() {
    if (credentials != null) {
      credentials.endAttempt();
    }
  }

  private void update(String operation, String statement, Principal principal) {
    Objects.requireNonNull(principal, "principal");
    sql.run(
        operation,
        c -> {
          try (PreparedStatement ps = sql.prepare(c, statement)) {
            ps.setString(1, principal.id());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcAttemptLimiter[" + policy + "]";
  }
}

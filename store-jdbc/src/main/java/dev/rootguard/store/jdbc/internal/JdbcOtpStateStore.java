package dev.rootguard.store.jdbc.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.OtpStateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link OtpStateStore} over {@code rootguard_totp_state}. {@code compareAndSet} is one statement:
 * an {@code UPDATE ... WHERE last_step = ? AND drift = ?}, or, from {@link OtpState#NEVER_USED}, an
 * insert that only an absent (or never-used) row lets through.
 *
 * <p>{@link JdbcTotpCredentialStore#find} reads the state in the same query as the credential and
 * hands it over here once ({@link #prefetched}), which saves the verifier's {@code load} round
 * trip. That value may be stale by the time it is used; it is only a guess for the compare-and-set,
 * which the database checks, and a failed compare-and-set makes the verifier load again (then from
 * the database). Thread-safe.
 */
public final class JdbcOtpStateStore implements OtpStateStore {
  private static final String LOAD =
      "SELECT last_step, drift FROM rootguard_totp_state WHERE credential = ?";
  private static final String UPDATE =
      "UPDATE rootguard_totp_state SET last_step = ?, drift = ?"
          + " WHERE credential = ? AND last_step = ? AND drift = ?";
  private static final String INSERT_FIRST =
      "INSERT INTO rootguard_totp_state AS s (credential, last_step, drift) VALUES (?, ?, ?)"
          + " ON CONFLICT (credential) DO UPDATE SET last_step = EXCLUDED.last_step,"
          + " drift = EXCLUDED.drift WHERE s.last_step = "
          + Long.MIN_VALUE
          + " AND s.drift = 0";

  /** Bounds the hand-over map; it only ever saves a round trip, so dropping it is harmless. */
  private static final int MAX_PREFETCHED = 10_000;

  private final Sql sql;
  private final ConcurrentHashMap<CredentialId, OtpState> prefetched = new ConcurrentHashMap<>();

  /**
   * Creates the store.
   *
   * @param sql the runner
   */
  public JdbcOtpStateStore(Sql sql) {
    this.sql = Objects.requireNonNull(sql, "sql");
  }

  /**
   * Remembers a state just read with a credential, for the next {@link #load} of it.
   *
   * @param id the credential
   * @param state the state read
   */
  void prefetched(CredentialId id, OtpState state) {
    if (prefetched.size() >= MAX_PREFETCHED) {
      prefetched.clear();
    }
    prefetched.put(id, state);
  }

  @Override
  public OtpState load(CredentialId id) {
    Objects.requireNonNull(id, "id");
    OtpState handedOver = prefetched.remove(id);
    if (handedOver != null) {
      return handedOver;
    }
    return sql.run(
        "totp_state.load",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, LOAD)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? new OtpState(rs.getLong(1), rs.getInt(2)) : OtpState.NEVER_USED;
            }
          }
        });
  }

  @Override
  public boolean compareAndSet(CredentialId id, OtpState expected, OtpState next) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(next, "next");
    prefetched.remove(id);
    return sql.run(
        "totp_state.compareAndSet",
        c -> {
          if (expected.equals(OtpState.NEVER_USED)) {
            try (PreparedStatement ps = sql.prepare(c, INSERT_FIRST)) {
              ps.setString(1, id.value());
              ps.setLong(2, next.lastStep());
              ps.setInt(3, next.drift());
              return ps.executeUpdate() == 1;
            }
          }
          try (PreparedStatement ps = sql.prepare(c, UPDATE)) {
            ps.setLong(1, next.lastStep());
            ps.setInt(2, next.drift());
            ps.setString(3, id.value());
            ps.setLong(4, expected.lastStep());
            ps.setInt(5, expected.drift());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcOtpStateStore";
  }
}

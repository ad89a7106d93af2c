package dev.rootguard.store.jdbc.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.seal.SecretSealer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TotpCredentialStore} over {@code rootguard_totp_credentials}. The secret is sealed with
 * the context {@code "totp:<credential id>"} before it reaches the row. {@code find} also reads the
 * credential's {@link OtpState} (one query, a left join) and hands it to the state store.
 *
 * <p>When the limiter has just reserved an attempt for a principal, it has read that principal's
 * credentials in the same statement ({@link #handOver}); {@code find} on the same thread then
 * answers from those rows without a round trip, until the attempt is settled ({@link #endAttempt}).
 * The rows were read at the reservation, a few milliseconds earlier, which is as if the {@code
 * find} itself had run then. Thread-safe.
 */
public final class JdbcTotpCredentialStore implements TotpCredentialStore {
  private static final String ADD =
      "INSERT INTO rootguard_totp_credentials (credential, owner, secret_sealed, algorithm, digits,"
          + " period_s, t0_s, enrolled_step, enrolled_drift) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (credential) DO NOTHING";
  private static final String FIND =
      "SELECT "
          + "c.owner, c.secret_sealed, c.algorithm, c.digits, c.period_s, c.t0_s,"
          + " c.enrolled_step, c.enrolled_drift, s.last_step, s.drift"
          + " FROM rootguard_totp_credentials c"
          + " LEFT JOIN rootguard_totp_state s ON s.credential = c.credential"
          + " WHERE c.credential = ?";
  private static final String BY_OWNER =
      "SELECT credential FROM rootguard_totp_credentials WHERE owner = ? ORDER BY credential";
  private static final String REMOVE =
      "DELETE FROM rootguard_totp_credentials WHERE credential = ?";

  private final Sql sql;
  private final SecretSealer sealer;
  private final JdbcOtpStateStore states;
  private final ThreadLocal<Map<CredentialId, Row>> handover = new ThreadLocal<>();

  /**
   * Creates the store.
   *
   * @param sql the runner
   * @param sealer seals the secrets
   * @param states the state store that {@code find} hands each credential's state to
   */
  public JdbcTotpCredentialStore(Sql sql, SecretSealer sealer, JdbcOtpStateStore states) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.states = Objects.requireNonNull(states, "states");
  }

  static String context(CredentialId id) {
    return "totp:" + id.value();
  }

  @Override
  public boolean add(TotpCredential credential) {
    Objects.requireNonNull(credential, "credential");
    byte[] raw = credential.secret().revealBytes();
    String sealed;
    try {
      sealed = sealer.seal(raw, context(credential.id()));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    OtpParameters p = credential.parameters();
    return sql.run(
        "totp_credentials.add",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, ADD)) {
            ps.setString(1, credential.id().value());
            ps.setString(2, credential.owner().id());
            ps.setString(3, sealed);
            ps.setString(4, p.algorithm().name());
            ps.setInt(5, p.digits());
            ps.setLong(6, p.periodSeconds());
            ps.setLong(7, p.t0().getEpochSecond());
            ps.setLong(8, credential.enrolledStep());
            ps.setInt(9, credential.enrolledDrift());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** The columns {@link #read} expects, in order; {@code c} is the credential, {@code s} state. */
  static final String ROW_COLUMNS =
      "c.owner, c.secret_sealed, c.algorithm, c.digits, c.period_s, c.t0_s,"
          + " c.enrolled_step, c.enrolled_drift, s.last_step, s.drift";

  /** One credential row as read, its secret still sealed. */
  record Row(
      Principal owner,
      String sealed,
      OtpParameters parameters,
      long enrolledStep,
      int enrolledDrift,
      OtpState state) {}

  /**
   * Reads the {@link #ROW_COLUMNS} starting at column {@code first}.
   *
   * @param rs the result set, on a row
   * @param first the index of {@code owner}
   * @return the row
   * @throws SQLException if the driver fails
   */
  static Row read(ResultSet rs, int first) throws SQLException {
    Principal owner = Principal.of(rs.getString(first));
    String sealed = rs.getString(first + 1);
    OtpParameters p =
        new OtpParameters(
            HmacAlgorithm.valueOf(rs.getString(first + 2)),
            rs.getInt(first + 3),
            Duration.ofSeconds(rs.getLong(first + 4)),
            Instant.ofEpochSecond(rs.getLong(first + 5)));
    long enrolledStep = rs.getLong(first + 6);
    int enrolledDrift = rs.getInt(first + 7);
    long lastStep = rs.getLong(first + 8);
    OtpState state =
        rs.wasNull() ? OtpState.NEVER_USED : new OtpState(lastStep, rs.getInt(first + 9));
    return new Row(owner, sealed, p, enrolledStep, enrolledDrift, state);
  }

  /**
   * Hands the credentials that {@link JdbcAttemptLimiter#tryAcquire} read for a principal to the
   * next {@link #find} calls on this thread, until {@link #endAttempt}.
   *
   * @param rows the rows by credential id
   */
  void handOver(Map<CredentialId, Row> rows) {
    if (rows.isEmpty()) {
      handover.remove();
    } else {
      handover.set(rows);
    }
  }

  /** Ends this thread's attempt: forgets what {@link #handOver} left. */
  void endAttempt() {
    handover.remove();
  }

  @Override
  public Optional<TotpCredential> find(CredentialId id) {
    Objects.requireNonNull(id, "id");
    Map<CredentialId, Row> handed = handover.get();
    if (handed != null) {
      Row r = handed.remove(id);
      if (r != null) {
        return Optional.of(build(id, r));
      }
    }
    return sql.run(
        "totp_credentials.find",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, FIND)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<TotpCredential>empty();
              }
              return Optional.of(build(id, read(rs, 1)));
            }
          }
        });
  }

  private TotpCredential build(CredentialId id, Row r) {
    byte[] raw = sealer.open(r.sealed(), context(id));
    try {
      TotpCredential cred =
          TotpCredential.builder(id, r.owner(), OtpSecret.fromBytes(raw))
              .parameters(r.parameters())
              .enrolledStep(r.enrolledStep())
              .enrolledDrift(r.enrolledDrift())
              .build();
      states.prefetched(id, r.state());
      return cred;
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public List<CredentialId> findByOwner(Principal owner) {
    Objects.requireNonNull(owner, "owner");
    return sql.run(
        "totp_credentials.findByOwner",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, BY_OWNER)) {
            ps.setString(1, owner.id());
            List<CredentialId> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(CredentialId.of(rs.getString(1)));
              }
            }
            return List.copyOf(out);
          }
        });
  }

  @Override
  public boolean remove(CredentialId id) {
    Objects.requireNonNull(id, "id");
    Map<CredentialId, Row> handed = handover.get();
    if (handed != null) {
      handed.remove(id);
    }
    return sql.run(
        "totp_credentials.remove",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, REMOVE)) {
            ps.setString(1, id.value());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcTotpCredentialStore";
  }
}

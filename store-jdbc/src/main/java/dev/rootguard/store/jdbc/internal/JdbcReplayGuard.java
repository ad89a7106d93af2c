package dev.rootguard.store.jdbc.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.ReplayGuard;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@link ReplayGuard} over {@code rootguard_replay}: {@code tryAccept} is one upsert that writes
 * only when the new sequence is higher, so its row count is the verdict. Thread-safe.
 */
public final class JdbcReplayGuard implements ReplayGuard {
  private static final String ACCEPT =
      "INSERT INTO rootguard_replay AS r (credential, last_sequence) VALUES (?, ?)"
          + " ON CONFLICT (credential) DO UPDATE SET last_sequence = EXCLUDED.last_sequence"
          + " WHERE r.last_sequence < EXCLUDED.last_sequence";
  private static final String LAST =
      "SELECT last_sequence FROM rootguard_replay WHERE credential = ?";

  private final Sql sql;

  /**
   * Creates the guard.
   *
   * @param sql the runner
   */
  public JdbcReplayGuard(Sql sql) {
    this.sql = Objects.requireNonNull(sql, "sql");
  }

  @Override
  public boolean tryAccept(CredentialId credential, long sequence) {
    Objects.requireNonNull(credential, "credential");
    return sql.run(
        "replay.tryAccept",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, ACCEPT)) {
            ps.setString(1, credential.value());
            ps.setLong(2, sequence);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public OptionalLong lastAccepted(CredentialId credential) {
    Objects.requireNonNull(credential, "credential");
    return sql.run(
        "replay.lastAccepted",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, LAST)) {
            ps.setString(1, credential.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcReplayGuard";
  }
}

package dev.rootguard.store.jdbc.internal;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.Principal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link CeremonyStore} over {@code rootguard_ceremonies}. {@code take} is one {@code UPDATE ...
 * SET used = true WHERE NOT used AND expires_at_ns > now RETURNING ...}: of concurrent takes from
 * any process exactly one gets the row back. Only a take that got nothing reads the row again, to
 * say why (unknown, expired or used). The taken row stays as the tombstone until {@link
 * #purgeExpired}. Thread-safe.
 */
public final class JdbcCeremonyStore implements CeremonyStore {
  private static final String PUT =
      "INSERT INTO rootguard_ceremonies (id, kind, principal, expires_at_ns, payload, used)"
          + " VALUES (?, ?, ?, ?, ?, false) ON CONFLICT (id) DO NOTHING";
  private static final String TAKE =
      "UPDATE rootguard_ceremonies SET used = true"
          + " WHERE id = ? AND kind = ? AND NOT used AND expires_at_ns > ?"
          + " RETURNING principal, expires_at_ns, payload";
  private static final String WHY =
      "SELECT used, expires_at_ns FROM rootguard_ceremonies WHERE id = ? AND kind = ?";
  private static final String PURGE = "DELETE FROM rootguard_ceremonies WHERE expires_at_ns <= ?";

  private final Sql sql;

  /**
   * Creates the store.
   *
   * @param sql the runner
   */
  public JdbcCeremonyStore(Sql sql) {
    this.sql = Objects.requireNonNull(sql, "sql");
  }

  @Override
  public boolean put(String id, Ceremony ceremony) {
    CeremonyStore.requireValidId(id);
    Objects.requireNonNull(ceremony, "ceremony");
    long expires = Sql.nanos("expiresAt", ceremony.expiresAt());
    return sql.run(
        "ceremonies.put",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, PUT)) {
            ps.setString(1, id);
            ps.setString(2, ceremony.kind());
            ps.setString(3, ceremony.principal().id());
            ps.setLong(4, expires);
            ps.setString(5, ceremony.payload());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Taken take(String id, String kind, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    long at = Sql.nanos("now", now);
    return sql.run(
        "ceremonies.take",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, TAKE)) {
            ps.setString(1, id);
            ps.setString(2, kind);
            ps.setLong(3, at);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return Taken.taken(
                    new Ceremony(
                        kind,
                        Principal.of(rs.getString(1)),
                        Sql.instant(rs.getLong(2)),
                        rs.getString(3)));
              }
            }
          }
          try (PreparedStatement ps = sql.prepare(c, WHY)) {
            ps.setString(1, id);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Taken.notTaken(Status.UNKNOWN);
              }
              boolean used = rs.getBoolean(1);
              boolean expired = rs.getLong(2) <= at;
              if (expired) {
                return Taken.notTaken(used ? Status.UNKNOWN : Status.EXPIRED);
              }
              return Taken.notTaken(used ? Status.USED : Status.UNKNOWN);
            }
          }
        });
  }

  @Override
  public int purgeExpired(Instant now) {
    long at = Sql.nanos("now", now);
    return sql.run(
        "ceremonies.purgeExpired",
        c -> {
          try (PreparedStatement ps = sql.prepare(c, PURGE)) {
            ps.setLong(1, at);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcCeremonyStore";
  }
}

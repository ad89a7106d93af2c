package dev.rootguard.store.jdbc.internal;

import dev.rootguard.seal.SecretSealer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Seals every secret in the database again under the sealer's current key (after a key rotation).
 * Each row is rewritten with a compare-and-set on its old envelope ({@code UPDATE … WHERE key = ?
 * AND sealed = ?}), so a row another process changed meanwhile is left alone, never overwritten; a
 * value no key of the sealer opens stops the run with a {@link dev.rootguard.seal.SealingException}
 * naming its key id, and the rows already resealed stay valid (both keys open them). Thread-safe.
 */
public final class JdbcResealer {
  /** One table with sealed values: its key column, sealed column and context prefix. */
  private record Sealed(String table, String key, String column, String contextPrefix) {}

  private static final List<Sealed> TABLES =
      List.of(
          new Sealed("rootguard_totp_credentials", "credential", "secret_sealed", "totp:"),
          new Sealed("rootguard_hw_tokens", "serial", "secret_sealed", "token:"),
          new Sealed("rootguard_yubico_keys", "public_id", "secrets_sealed", "yubico:"));

  /**
   * Counts of a run.
   *
   * @param resealed rows rewritten under the current key
   * @param unchanged rows already under the current key (or changed by another process meanwhile)
   */
  public record Counts(int resealed, int unchanged) {}

  private final Sql sql;
  private final SecretSealer sealer;

  /**
   * Creates the resealer.
   *
   * @param sql the runner
   * @param sealer the sealer whose current key seals
   */
  public JdbcResealer(Sql sql, SecretSealer sealer) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
  }

  /**
   * Reseals every table.
   *
   * @return the counts
   */
  public Counts resealAll() {
    int resealed = 0;
    int unchanged = 0;
    for (Sealed t : TABLES) {
      List<String[]> rows =
          sql.run(
              "reseal.read",
              c -> {
                List<String[]> out = new ArrayList<>();
                try (PreparedStatement ps =
                        sql.prepare(
                            c, "SELECT " + t.key() + ", " + t.column() + " FROM " + t.table());
                    ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                  }
                }
                return out;
              });
      for (String[] row : rows) {
        if (!sealer.needsReseal(row[1])) {
          unchanged++;
          continue;
        }
        String context = t.contextPrefix() + row[0];
        byte[] plain = sealer.open(row[1], context);
        String fresh;
        try {
          fresh = sealer.seal(plain, context);
        } finally {
          Arrays.fill(plain, (byte) 0);
        }
        int n =
            sql.run(
                "reseal.write",
                c -> {
                  try (PreparedStatement ps =
                      sql.prepare(
                          c,
                          "UPDATE "
                              + t.table()
                              + " SET "
                              + t.column()
                              + " = ? WHERE "
                              + t.key()
                              + " = ? AND "
                              + t.column()
                              + " = ?")) {
                    ps.setString(1, fresh);
                    ps.setString(2, row[0]);
                    ps.setString(3, row[1]);
                    return ps.executeUpdate();
                  }
                });
        if (n == 1) {
          resealed++;
        } else {
          unchanged++;
        }
      }
    }
    return new Counts(resealed, unchanged);
  }
}

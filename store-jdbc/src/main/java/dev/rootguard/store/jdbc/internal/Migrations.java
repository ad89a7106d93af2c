package dev.rootguard.store.jdbc.internal;

import dev.rootguard.mfa.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;

/**
 * The built-in migration runner: applies the versioned SQL files bundled under {@code
 * dev/rootguard/store/jdbc/migration/} ({@code V<n>__<name>.sql}, Flyway's naming) in one
 * transaction, serialized across processes by a transaction-scoped advisory lock. Each file records
 * itself in {@code rootguard_schema_version}, so the files also run under Flyway.
 */
public final class Migrations {
  /** The migrations this version knows, in order; index + 1 is the version. */
  static final List<String> FILES = List.of("V1__rootguard_stores.sql");

  /** The newest schema version this code knows. */
  public static final int LATEST = FILES.size();

  /** The advisory lock key every RootGuard migrator takes ("rootgrd1" as ASCII). */
  static final long LOCK_KEY = 0x726f6f7467726431L;

  private static final String RESOURCE_DIR = "/dev/rootguard/store/jdbc/migration/";

  private Migrations() {}

  /**
   * Creates or upgrades the schema. Idempotent; concurrent callers wait for each other.
   *
   * @param sql the runner
   * @return the schema version now in the database
   * @throws StoreException if the database fails, or holds a newer schema than this code knows
   */
  public static int migrate(Sql sql) {
    return sql.inTransaction(
        "schema.migrate",
        c -> {
          try (Statement st = c.createStatement()) {
            st.setQueryTimeout(Math.max(60, sql.queryTimeoutSeconds()));
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            st.execute(
                "CREATE TABLE IF NOT EXISTS rootguard_schema_version (version integer PRIMARY KEY,"
                    + " description text NOT NULL, installed_at timestamptz NOT NULL DEFAULT now())");
          }
          int current = readVersion(c).orElse(0);
          refuseNewer(current);
          for (int v = current + 1; v <= LATEST; v++) {
            try (Statement st = c.createStatement()) {
              st.setQueryTimeout(Math.max(60, sql.queryTimeoutSeconds()));
              st.execute(script(FILES.get(v - 1)));
            }
            int now = readVersion(c).orElse(0);
            if (now != v) {
              throw new IllegalStateException(
                  "bug: migration " + FILES.get(v - 1) + " did not record version " + v);
            }
          }
          return LATEST;
        });
  }

  /**
   * Reads the schema version without changing anything.
   *
   * @param sql the runner
   * @return the version, or empty if there is no RootGuard schema
   * @throws StoreException if the database fails
   */
  public static OptionalInt current(Sql sql) {
    return sql.run(
        "schema.check",
        c -> {
          if (!hasVersionTable(c)) {
            return OptionalInt.empty();
          }
          return readVersion(c);
        });
  }

  /**
   * Checks that the schema is exactly the one this code knows.
   *
   * @param sql the runner
   * @throws StoreException naming {@code rootguard store init} if it is missing or older, or saying
   *     to upgrade RootGuard if it is newer
   */
  public static void verify(Sql sql) {
    OptionalInt v = current(sql);
    if (v.isEmpty()) {
      throw new StoreException(
          "schema.check", "the RootGuard schema is missing; " + Sql.INIT_HINT, null);
    }
    refuseNewer(v.getAsInt());
    if (v.getAsInt() < LATEST) {
      throw new StoreException(
          "schema.check",
          "the RootGuard schema is at version "
              + v.getAsInt()
              + ", this RootGuard needs "
              + LATEST
              + "; "
              + Sql.INIT_HINT.replace("create", "upgrade"),
          null);
    }
  }

  private static void refuseNewer(int version) {
    if (version > LATEST) {
      throw new StoreException(
          "schema.migrate",
          "the database holds RootGuard schema version "
              + version
              + ", newer than the "
              + LATEST
              + " this RootGuard knows; upgrade RootGuard instead (nothing was changed)",
          null);
    }
  }

  private static boolean hasVersionTable(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT to_regclass('rootguard_schema_version') IS NOT NULL")) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static OptionalInt readVersion(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT max(version) FROM rootguard_schema_version");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      int v = rs.getInt(1);
      return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
    }
  }

  /**
   * Returns a bundled migration's text.
   *
   * @param file the file name
   * @return the SQL
   */
  static String script(String file) {
    try (InputStream in = Migrations.class.getResourceAsStream(RESOURCE_DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("bug: migration " + file + " is not in the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("bug: cannot read migration " + file, e);
    }
  }
}

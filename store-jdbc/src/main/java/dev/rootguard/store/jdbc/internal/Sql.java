package dev.rootguard.store.jdbc.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs store operations on a {@link DataSource}: one pooled connection per operation, autocommit
 * unless {@link #inTransaction}, a query timeout on every statement, and every {@link SQLException}
 * turned into a {@link StoreException} whose message says what failed without the driver's text
 * (which can quote row values). Thread-safe.
 */
public final class Sql {
  /** What every store message about a missing schema says to run. */
  public static final String INIT_HINT =
      "run `rootguard store init` (or JdbcStores.migrate(dataSource)) to create it";

  /** How a store operation uses a connection. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param c the connection
     * @return the result
     * @throws SQLException on any database failure
     */
    T apply(Connection c) throws SQLException;
  }

  private final DataSource dataSource;
  private final int queryTimeoutSeconds;

  /**
   * Creates the runner.
   *
   * @param dataSource the pool
   * @param queryTimeoutSeconds the per-statement timeout, at least 1
   */
  public Sql(DataSource dataSource, int queryTimeoutSeconds) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /**
   * Runs one autocommit operation.
   *
   * @param operation the operation name for errors, e.g. {@code "totp_state.compareAndSet"}
   * @param work the work
   * @param <T> the result type
   * @return the result
   * @throws StoreException on any database failure
   */
  public <T> T run(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.apply(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /**
   * Runs an operation in one transaction (READ COMMITTED is enough: see the package docs); rolls
   * back on any failure, including an exception thrown by {@code work} itself.
   *
   * @param operation the operation name
   * @param work the work
   * @param <T> the result type
   * @return the result
   * @throws StoreException on any database failure
   */
  public <T> T inTransaction(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T t = work.apply(c);
        c.commit();
        return t;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
        }
        throw e;
      } finally {
        try {
          c.setAutoCommit(auto);
        } catch (SQLException ignored) {
          // the pool discards a broken connection
        }
      }
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /**
   * Prepares a statement with the query timeout set.
   *
   * @param c the connection
   * @param sql the SQL
   * @return the statement; the caller closes it
   * @throws SQLException if the driver refuses
   */
  public PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setQueryTimeout(queryTimeoutSeconds);
    return ps;
  }

  /**
   * Returns the query timeout in seconds.
   *
   * @return the timeout
   */
  public int queryTimeoutSeconds() {
    return queryTimeoutSeconds;
  }

  /**
   * Classifies a database failure by its SQLState (never by message text).
   *
   * @param operation the operation
   * @param e the failure
   * @return the exception to throw
   */
  public static StoreException failure(String operation, SQLException e) {
    String state = sqlState(e);
    String why;
    if ("42P01".equals(state) || "3F000".equals(state)) {
      why = "the RootGuard schema is missing (SQLState " + state + "); " + INIT_HINT;
    } else if ("42703".equals(state)) {
      why = "the RootGuard schema is out of date (SQLState 42703); " + INIT_HINT;
    } else if ("57014".equals(state)) {
      why = "statement timed out or was cancelled (SQLState 57014)";
    } else if ("55P03".equals(state)) {
      why = "lock wait timed out (SQLState 55P03)";
    } else if (state != null && state.startsWith("57P")) {
      why = "the server ended the connection (SQLState " + state + ")";
    } else if ((state != null && state.startsWith("08"))
        || e instanceof SQLTransientConnectionException) {
      why = "cannot reach the database (" + (state == null ? "no SQLState" : state) + ")";
    } else {
      why =
          "database error (SQLState "
              + (state == null ? "none" : state)
              + ", "
              + e.getClass().getSimpleName()
              + ")";
    }
    return new StoreException(operation, why, e);
  }

  private static String sqlState(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null) {
        return x.getSQLState();
      }
    }
    Throwable cause = e.getCause();
    return cause instanceof SQLException s ? s.getSQLState() : null;
  }

  /**
   * Converts an instant to nanoseconds since the epoch, the schema's time format.
   *
   * @param field the field, for the error
   * @param at the instant
   * @return the nanoseconds
   * @throws InvalidInputException if the instant is outside 1677..2262
   */
  public static long nanos(String field, Instant at) {
    Objects.requireNonNull(at, field);
    try {
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    } catch (ArithmeticException e) {
      throw new InvalidInputException(field, "must be between 1677 and 2262, was " + at);
    }
  }

  /**
   * Converts nanoseconds since the epoch back to an instant.
   *
   * @param nanos the nanoseconds
   * @return the instant
   */
  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}

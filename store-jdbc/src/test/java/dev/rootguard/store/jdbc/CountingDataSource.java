package dev.rootguard.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} wrapper that counts what reaches the server: every {@code execute*} call on
 * a statement and every {@code commit}/{@code rollback}. With the PostgreSQL driver each of those
 * is one network round trip; taking a connection from a warm pool is none. The store-jdbc tests
 * count round trips per operation with it, and the benchmarks do, outside their timed loops (the
 * proxies cost more than they count).
 *
 * <pre>{@code
 * CountingDataSource counting = new CountingDataSource(pool);
 * long before = counting.count();
 * // ... one verification over stores built on `counting` ...
 * long trips = counting.count() - before;
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CountingDataSource implements DataSource {
  private final DataSource inner;
  private final AtomicLong count = new AtomicLong();
  private final Map<String, long[]> bySql = new ConcurrentHashMap<>();

  /**
   * Wraps a data source.
   *
   * @param inner the pool to count
   */
  public CountingDataSource(DataSource inner) {
    this.inner = inner;
  }

  /**
   * Returns the round trips counted so far.
   *
   * @return the count
   */
  public long count() {
    return count.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connection(inner.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return connection(inner.getConnection(user, password));
  }

  /**
   * Returns, per statement (its first 60 characters), how many round trips and the mean wall time
   * of each in microseconds, client side.
   *
   * @return statement prefix → {@code "<count> x <mean> us"}
   */
  public Map<String, String> perStatement() {
    Map<String, String> out = new TreeMap<>();
    bySql.forEach(
        (k, v) ->
            out.put(
                k,
                v[0]
                    + " x "
                    + String.format(java.util.Locale.ROOT, "%.0f", v[1] / 1e3 / v[0])
                    + " us"));
    return out;
  }

  private void record(String sql, long nanos) {
    String key = sql == null ? "?" : sql.substring(0, Math.min(60, sql.length()));
    long[] v = bySql.computeIfAbsent(key, x -> new long[2]);
    synchronized (v) {
      v[0]++;
      v[1] += nanos;
    }
  }

  private Connection connection(Connection c) {
    return proxy(
        Connection.class,
        (p, m, args) -> {
          boolean trip = m.getName().equals("commit") || m.getName().equals("rollback");
          long t0 = System.nanoTime();
          Object r = call(c, m, args);
          if (trip) {
            count.incrementAndGet();
            record(m.getName(), System.nanoTime() - t0);
          }
          if (r instanceof Statement s) {
            String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
            return statement(s, m.getReturnType(), sql);
          }
          return r;
        });
  }

  private Object statement(Statement s, Class<?> type, String prepared) {
    return proxy(
        type,
        (p, m, args) -> {
          if (!m.getName().startsWith("execute")) {
            return call(s, m, args);
          }
          count.incrementAndGet();
          long t0 = System.nanoTime();
          try {
            return call(s, m, args);
          } finally {
            String sql =
                args != null && args.length > 0 && args[0] instanceof String q ? q : prepared;
            record(sql, System.nanoTime() - t0);
          }
        });
  }

  private static <T> T proxy(Class<T> type, InvocationHandler h) {
    return type.cast(
        Proxy.newProxyInstance(
            CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, h));
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return inner.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    inner.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    inner.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return inner.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return inner.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return inner.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return inner.isWrapperFor(iface);
  }
}

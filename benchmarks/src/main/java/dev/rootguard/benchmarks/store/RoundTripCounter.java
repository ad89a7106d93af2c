package dev.rootguard.benchmarks.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} wrapper that counts what reaches the server: every {@code execute*} call on
 * a statement and every {@code commit}/{@code rollback}. With the PostgreSQL driver each of those
 * is one network round trip; taking a connection from a warm pool is none. Used only outside the
 * timed loops (the proxies cost more than they count).
 *
 * <p>Thread-safe.
 */
final class RoundTripCounter implements DataSource {
  private final DataSource inner;
  private final AtomicLong count = new AtomicLong();

  RoundTripCounter(DataSource inner) {
    this.inner = inner;
  }

  /** Returns the round trips counted so far. */
  long count() {
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

  private Connection connection(Connection c) {
    return proxy(
        Connection.class,
        (p, m, args) -> {
          if (m.getName().equals("commit") || m.getName().equals("rollback")) {
            count.incrementAndGet();
          }
          Object r = call(c, m, args);
          if (r instanceof Statement s) {
            return statement(s, m.getReturnType());
          }
          return r;
        });
  }

  private Object statement(Statement s, Class<?> type) {
    return proxy(
        type,
        (p, m, args) -> {
          if (m.getName().startsWith("execute")) {
            count.incrementAndGet();
          }
          return call(s, m, args);
        });
  }

  private static <T> T proxy(Class<T> type, InvocationHandler h) {
    return type.cast(
        Proxy.newProxyInstance(RoundTripCounter.class.getClassLoader(), new Class<?>[] {type}, h));
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

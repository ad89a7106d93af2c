package dev.rootguard.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Counts the statements executed and the commits and rollbacks sent through a pool: with the
 * PostgreSQL driver each is one network round trip (connection checkout from a warm pool is none).
 */
final class CountingDataSource implements DataSource {
  private final DataSource inner;
  final AtomicLong roundTrips = new AtomicLong();

  CountingDataSource(DataSource inner) {
    this.inner = inner;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(inner.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(inner.getConnection(user, password));
  }

  private Connection wrap(Connection c) {
    InvocationHandler h =
        (proxy, m, args) -> {
          String n = m.getName();
          if (n.equals("commit") || n.equals("rollback")) {
            roundTrips.incrementAndGet();
          }
          Object r = invoke(c, m, args);
          if (r instanceof Statement s) {
            return statement(s, m.getReturnType());
          }
          return r;
        };
    return (Connection)
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private Object statement(Statement s, Class<?> type) {
    InvocationHandler h =
        (proxy, m, args) -> {
          if (m.getName().startsWith("execute")) {
            roundTrips.incrementAndGet();
          }
          return invoke(s, m, args);
        };
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
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

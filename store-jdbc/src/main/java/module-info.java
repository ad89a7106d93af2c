/**
 * RootGuard store-jdbc: every RootGuard state store (attempt limits, replay guard, TOTP state and
 * credentials, FIDO ceremonies and security keys, hardware tokens, Yubico keys) over a {@code
 * javax.sql.DataSource}, with the schema as versioned SQL migrations. PostgreSQL is the reference
 * engine. Bring your own driver and pool.
 *
 * @since 0.2.0
 */
module dev.rootguard.store.jdbc {
  requires transitive java.sql;
  requires transitive dev.rootguard.core;
  requires transitive dev.rootguard.mfa.totp;
  requires transitive dev.rootguard.mfa.hardware;
  requires transitive dev.rootguard.mfa.u2f;
  requires org.slf4j;

  exports dev.rootguard.store.jdbc;
}

/**
 * RootGuard's state stores on a relational database: {@link dev.rootguard.store.jdbc.JdbcStores}
 * hands out an {@code AttemptLimiter}, {@code ReplayGuard}, {@code OtpStateStore}, {@code
 * TotpCredentialStore}, {@code CeremonyStore}, {@code TokenStore}, {@code YubicoKeyStore} and
 * {@code SecurityKeyStore}, all over one {@link javax.sql.DataSource}, so several servers share
 * exactly-once acceptance and one lockout budget.
 *
 * <pre>{@code
 * JdbcStores.migrate(dataSource);     // or: rootguard store init --store jdbc:postgresql://...
 * JdbcStores stores = JdbcStores.builder(dataSource, sealer).clock(clock).build();
 * stores.checkSchema();
 * MfaAuthenticator mfa = MfaAuthenticator.builder()
 *     .verifier(totpVerifier)
 *     .attemptLimiter(stores.attemptLimiter())
 *     .replayGuard(stores.replayGuard())
 *     .build();
 * }</pre>
 *
 * <p>The schema is the SQL under {@code dev/rootguard/store/jdbc/migration/} in this jar ({@code
 * V1__rootguard_stores.sql}, Flyway's naming; the file records itself in {@code
 * rootguard_schema_version}, so Flyway may run it instead of {@link
 * dev.rootguard.store.jdbc.JdbcStores#migrate}). PostgreSQL 12 or later is the reference engine and
 * the only one tested: the statements use {@code ON CONFLICT}, {@code RETURNING} and {@code
 * pg_advisory_xact_lock}.
 *
 * <p>What this package does not do: it brings no JDBC driver or pool, creates no tables on its own
 * (a missing schema is an error naming {@code rootguard store init}), and does not purge expired
 * ceremonies by itself (call {@code ceremonies().purgeExpired(now)} periodically).
 *
 * @since 0.2.0
 */
package dev.rootguard.store.jdbc;

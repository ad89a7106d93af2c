/**
 * Contract tests for MFA state stores: one abstract JUnit 5 class per store SPI, holding the tests
 * every implementation must pass. Implementing a store over your own database? Extend the matching
 * contract in your test sources and say how to make a store; JUnit runs every inherited test.
 *
 * <table>
 *   <caption>Contracts and the SPIs they check</caption>
 *   <tr><th>contract</th><th>SPI</th><th>factory to implement</th></tr>
 *   <tr><td>{@link dev.rootguard.testkit.store.AttemptLimiterContract}</td>
 *       <td>{@link dev.rootguard.mfa.AttemptLimiter}</td>
 *       <td>{@code newLimiter(LockoutPolicy, Clock)}</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.store.ReplayGuardContract}</td>
 *       <td>{@link dev.rootguard.mfa.ReplayGuard}</td><td>{@code newGuard()}</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.store.CeremonyStoreContract}</td>
 *       <td>{@link dev.rootguard.mfa.CeremonyStore}</td><td>{@code newStore()}</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.store.OtpStateStoreContract}</td>
 *       <td>{@link dev.rootguard.mfa.totp.OtpStateStore}</td><td>{@code newStore()}</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.store.TotpCredentialStoreContract}</td>
 *       <td>{@link dev.rootguard.mfa.totp.TotpCredentialStore}</td><td>{@code newStore()}</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.store.TokenStoreContract}</td>
 *       <td>{@link dev.rootguard.mfa.hardware.TokenStore}</td><td>{@code newStore()}</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.store.YubicoKeyStoreContract}</td>
 *       <td>{@link dev.rootguard.mfa.hardware.YubicoKeyStore}</td><td>{@code newStore()}</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.store.SecurityKeyStoreContract}</td>
 *       <td>{@link dev.rootguard.mfa.fido.SecurityKeyStore}</td><td>{@code newStore()}</td></tr>
 * </table>
 *
 * <pre>{@code
 * // test scope: dev.rootguard:rootguard-testkit
 * class MyOtpStateStoreTest extends OtpStateStoreContract {
 *   static final DataSource db = TestDatabase.start();
 *
 *   @Override protected OtpStateStore newStore() { return new MyOtpStateStore(db); }
 *   @Override protected OtpStateStore reopen(OtpStateStore s) { return new MyOtpStateStore(db); }
 *   @Override protected int rounds() { return 200; }   // default 1,000; at least 100
 * }
 * }</pre>
 *
 * <p>What the contracts check, where it applies: atomic compare-and-set ({@value
 * dev.rootguard.testkit.store.StoreContract#THREADS} threads race with the same expected value for
 * {@code rounds()} rounds and exactly one wins each); no lost update (threads in compare-and-set
 * retry loops; the end value counts every success); the attempt limit is never exceeded by
 * concurrent failures, and lockouts last as the {@link dev.rootguard.mfa.LockoutPolicy} says by the
 * injected clock; ceremonies are taken once, then read {@code USED}, and expire by the caller's
 * {@code now}; batch and single adds are all or nothing and never replace; secrets come back whole
 * and never show in {@code toString}; null and malformed arguments are refused.
 *
 * <p>Rules for the store under test: each factory call returns a store (new, or sharing data with
 * earlier calls, such as one database); the tests pick random ids (see {@link
 * dev.rootguard.testkit.store.StoreFixtures}), so they neither need an empty database nor clean up.
 * Override {@code reopen} to return a second store over the same data (a new connection, the file
 * opened again), so that the contracts check what was persisted, not what was cached. Close
 * resources in your own {@code @AfterEach} or {@code @AfterAll}.
 *
 * <p>What this package does not do: it does not prove exactly-once across processes (a store over a
 * shared database should add that test too: {@link dev.rootguard.testkit.process}), does not inject
 * faults (a database going down must raise {@link dev.rootguard.mfa.StoreException}), and does not
 * check that secrets are sealed at rest (read your raw rows for that).
 *
 * <p>The contract classes are not thread-safe; JUnit makes a new instance for each test.
 *
 * @since 0.2.0
 */
package dev.rootguard.testkit.store;

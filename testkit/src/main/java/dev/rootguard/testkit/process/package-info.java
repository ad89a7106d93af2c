/**
 * The cross-process proof for any MFA store backend: {@value
 * dev.rootguard.testkit.process.CrossProcessContract#JVMS} separate JVMs, {@value
 * dev.rootguard.testkit.process.CrossProcessContract#THREADS} threads each, over one shared
 * backend. One TOTP code, HOTP code, Yubico OTP or FIDO assertion is accepted exactly once per
 * round (at least {@value dev.rootguard.testkit.process.CrossProcessContract#MIN_ROUNDS} rounds); a
 * FIDO ceremony started in one JVM finishes in the other, once; wrong codes from both JVMs count
 * toward one lockout.
 *
 * <table>
 *   <caption>The pieces</caption>
 *   <tr><th>type</th><th>role</th></tr>
 *   <tr><td>{@link dev.rootguard.testkit.process.SharedStoresFactory}</td>
 *       <td>you implement it: opens your stores from a few strings and the environment</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.process.SharedStores}</td>
 *       <td>the eight stores it returns, and what to close</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.process.OtpCrossProcessContract}</td>
 *       <td>you extend it: TOTP/HOTP/Yubico OTP races and the shared lockout</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.process.FidoCrossProcessContract}</td>
 *       <td>you extend it: FIDO hand-over between JVMs and assertion races</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.process.CrossProcessMain},
 *       {@link dev.rootguard.testkit.process.CrossProcessChildren}</td>
 *       <td>the child JVM's main and the parent side that starts and commands it</td></tr>
 *   <tr><td>{@link dev.rootguard.testkit.process.CrossProcessFixtures}</td>
 *       <td>the authenticator wiring, enrollment through the SPIs, and independent code oracles,
 *       usable in your in-JVM tests too</td></tr>
 * </table>
 *
 * <p>Using it from a store module (here store-redis; store-dynamodb passes its endpoint and table):
 *
 * <pre>{@code
 * public final class RedisSharedStoresFactory implements SharedStoresFactory {   // test sources
 *   public SharedStores open(List<String> args, Map<String, String> env, Clock clock, int threads) {
 *     RedisStores s = RedisStores.builder(args.get(0), TestKeys.sealer()).clock(clock).build();
 *     return new SharedStores(s.attemptLimiter(), s.replayGuard(), s.totpStates(),
 *         s.totpCredentials(), s.ceremonies(), s.tokens(), s.yubicoKeys(), s.securityKeys(), s);
 *   }
 * }
 * class RedisCrossProcessTest extends OtpCrossProcessContract {   // and FidoCrossProcessContract
 *   protected Class<? extends SharedStoresFactory> factory() { return RedisSharedStoresFactory.class; }
 *   protected List<String> factoryArguments() { return List.of(RedisServer.shared().uri()); }
 * }
 * }</pre>
 *
 * <p>Rules: the factory is a public class with a public no-argument constructor on the test class
 * path (each child instantiates it by name); its arguments go on the children's command lines, so
 * secrets go in {@code factoryEnvironment()} and are read from {@code env}; every JVM must open
 * stores over the same data with the same sealing key and the default {@code LockoutPolicy}, and
 * take time from the clock it is given. The contracts enroll their fixtures through the store SPIs
 * (with random tags), so a shared, non-empty backend is fine. Start the server in a static field or
 * a {@code @RegisterExtension static} extension: the contracts' {@code @BeforeAll} runs before a
 * subclass's. Children run with this JVM's class path ({@code java.class.path}), so run the tests
 * on the class path (surefire's {@code useModulePath=false}, as RootGuard's build does).
 *
 * @since 0.2.0
 */
package dev.rootguard.testkit.process;

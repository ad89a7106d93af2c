package dev.rootguard.testkit.process;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Opens one backend's {@link SharedStores} from a few strings, in whichever JVM asks: each child
 * JVM of a {@link CrossProcessContract} instantiates the implementation by class name (so it must
 * be a public class with a public no-argument constructor, on the test class path) and calls {@link
 * #open}; the test JVM calls it too, to enroll the fixtures and check the stored results.
 *
 * <pre>{@code
 * public final class RedisSharedStoresFactory implements SharedStoresFactory {
 *   public RedisSharedStoresFactory() {}
 *
 *   @Override
 *   public SharedStores open(List<String> args, Map<String, String> env, Clock clock, int threads) {
 *     RedisStores s = RedisStores.builder(args.get(0), sealer()).clock(clock).build();
 *     return new SharedStores(s.attemptLimiter(), s.replayGuard(), s.totpStates(),
 *         s.totpCredentials(), s.ceremonies(), s.tokens(), s.yubicoKeys(), s.securityKeys(), s);
 *   }
 * }
 * }</pre>
 *
 * <p>Arguments travel on the child's command line, so they must hold no secret: pass passwords and
 * keys through the environment ({@link CrossProcessContract#factoryEnvironment()}), which the
 * factory reads from {@code env}. Every JVM must open stores over the same data with the same
 * sealing key and the default {@code LockoutPolicy}.
 *
 * <p>Implementations are called once per JVM; they need not be thread-safe.
 *
 * @since 0.2.0
 */
public interface SharedStoresFactory {
  /**
   * Opens the stores.
   *
   * @param args the arguments of {@link CrossProcessContract#factoryArguments()}, in order
   * @param env the environment: in a child JVM its {@code System.getenv()}, which holds {@link
   *     CrossProcessContract#factoryEnvironment()}; in the test JVM {@code System.getenv()} with
   *     {@code factoryEnvironment()} laid over it
   * @param clock the clock the stores must take time from (the harness moves it round by round)
   * @param threads how many threads will call the stores at once (size a connection pool to it)
   * @return the stores; the caller closes them
   * @throws Exception if they cannot be opened
   */
  SharedStores open(List<String> args, Map<String, String> env, Clock clock, int threads)
      throws Exception;
}

/**
 * RootGuard test support: {@link dev.rootguard.testsupport.MutableClock}, a clock tests move by
 * hand, and {@link dev.rootguard.testsupport.Race}, which runs threads released at once and
 * rethrows what failed in them, and the real Redis and DynamoDB-API (dynalite) servers the store
 * tests start on loopback. It depends on the JDK and the JUnit API only, so every RootGuard
 * module's tests and {@code rootguard-testkit} share it. For tests only.
 *
 * @since 0.1.0
 */
module dev.rootguard.testsupport {
  requires org.junit.jupiter.api;

  exports dev.rootguard.testsupport;
}

/**
 * RootGuard test support: {@link dev.rootguard.testsupport.MutableClock}, a clock tests move by
 * hand, and {@link dev.rootguard.testsupport.Race}, which runs threads released at once and
 * rethrows what failed in them. It depends on the JDK only, so every RootGuard module's tests and
 * {@code rootguard-testkit} share it. For tests only.
 *
 * @since 0.1.0
 */
module dev.rootguard.testsupport {
  exports dev.rootguard.testsupport;
}

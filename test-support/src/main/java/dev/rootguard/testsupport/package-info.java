/**
 * Test helpers shared by every RootGuard module: {@link dev.rootguard.testsupport.MutableClock} and
 * {@link dev.rootguard.testsupport.Race}. For tests only; depends on the JDK only.
 *
 * @since 0.1.0
 */
package dev.rootguard.testsupport;

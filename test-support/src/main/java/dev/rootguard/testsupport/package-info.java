/**
 * Test helpers shared by every RootGuard module: {@link dev.rootguard.testsupport.MutableClock} and
 * {@link dev.rootguard.testsupport.Race}, and the real servers the store tests run against, started
 * on 127.0.0.1 and stopped by their own PID: {@link dev.rootguard.testsupport.RedisServer} and
 * {@link dev.rootguard.testsupport.DynaliteServer} (on {@link
 * dev.rootguard.testsupport.LocalServer}). For tests only; depends on the JDK and the JUnit API
 * only.
 *
 * @since 0.1.0
 */
package dev.rootguard.testsupport;

/**
 * Types shared by every RootGuard package: the exception root {@link
 * dev.rootguard.RootGuardException}, {@link dev.rootguard.InvalidInputException} for refused input
 * (always naming the field), and the {@link dev.rootguard.Experimental} marker.
 *
 * <p>Entry points live in the sub-packages: {@code dev.rootguard.password} (the AWS-exact password
 * validator), {@code dev.rootguard.policy} (root-user security policy and assessments) and {@code
 * dev.rootguard.mfa} (the MFA SPI).
 *
 * @since 0.1.0
 */
package dev.rootguard;

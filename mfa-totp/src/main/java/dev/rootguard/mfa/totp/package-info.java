/**
 * RFC 6238 TOTP and RFC 4226 HOTP for virtual MFA apps.
 *
 * @since 0.1.0
 */
package dev.rootguard.mfa.totp;

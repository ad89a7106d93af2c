/**
 * OATH hardware tokens (PSKC), Yubico OTP and YubiKeys over PC/SC.
 *
 * @since 0.1.0
 */
package dev.rootguard.mfa.hardware;

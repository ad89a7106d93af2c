package dev.rootguard.testkit.fido;

import java.util.Objects;

/**
 * A key registered through the old U2F JavaScript API (before WebAuthn): what a platform has in its
 * database for a legacy key and imports into a WebAuthn credential store. The key keeps working
 * through the WebAuthn AppID extension.
 *
 * <pre>{@code
 * LegacyU2fKey legacy = key.registerLegacyU2f("https://example.com/app-id.json");
 * store.add(SecurityKeyCredential.legacyU2f(alice, legacy.keyHandle(), legacy.publicKey(), now));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param appId the U2F AppID the key was registered under
 * @param keyHandle the U2F key handle (the WebAuthn credential id), base64url without padding
 * @param publicKey the uncompressed P-256 public key (65 bytes, {@code 0x04 || x || y}), base64url
 *     without padding
 * @since 0.1.0
 */
public record LegacyU2fKey(String appId, String keyHandle, String publicKey) {
  /** Checks the arguments. */
  public LegacyU2fKey {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(keyHandle, "keyHandle");
    Objects.requireNonNull(publicKey, "publicKey");
  }
}

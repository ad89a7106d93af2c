/**
 * Sealing secrets at rest: the {@link dev.rootguard.seal.SecretSealer} SPI every persistent store
 * takes, its {@link dev.rootguard.seal.Envelope} text form (key id inside, so keys rotate), and
 * {@link dev.rootguard.seal.LocalKeySealer}, AES-256-GCM with keys in a local file. {@code
 * rootguard-aws} adds AWS KMS envelope encryption.
 *
 * <pre>{@code
 * SecretSealer sealer = LocalKeySealer.openOrCreate(LocalKeySealer.defaultPath());
 * JsonFileTokenStore store = JsonFileTokenStore.open(Path.of("tokens.json"), sealer);
 * }</pre>
 *
 * <p>What this package does not do: it does not store anything, and it does not manage where a
 * platform keeps its key file (back it up: a lost key loses every secret it sealed).
 *
 * @since 0.2.0
 */
package dev.rootguard.seal;

package dev.rootguard.testkit.process;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import java.util.Objects;

/**
 * The eight MFA state stores of one backend, opened by a {@link SharedStoresFactory} in a child JVM
 * (or in the test JVM) over data every JVM of a {@link CrossProcessContract} shares. {@link
 * #close()} releases what the factory opened (a connection pool, a client), through {@code
 * resources}.
 *
 * <pre>{@code
 * JdbcStores s = JdbcStores.builder(pool, sealer).clock(clock).build();
 * return new SharedStores(s.attemptLimiter(), s.replayGuard(), s.totpStates(),
 *     s.totpCredentials(), s.ceremonies(), s.tokens(), s.yubicoKeys(), s.securityKeys(), pool);
 * }</pre>
 *
 * <p>Thread-safe if the stores are (the harness calls them from many threads at once).
 *
 * @param attemptLimiter the attempt limiter (its lockout policy must be {@code
 *     LockoutPolicy.DEFAULT}: the lockout test counts its guesses)
 * @param replayGuard the replay guard
 * @param totpStates the TOTP/HOTP state store (last accepted step)
 * @param totpCredentials the TOTP credential store
 * @param ceremonies the FIDO ceremony store
 * @param tokens the OATH hardware token store
 * @param yubicoKeys the Yubico OTP key store
 * @param securityKeys the FIDO credential store
 * @param resources closed by {@link #close()}; {@code () -> {}} if there is nothing to close
 * @since 0.2.0
 */
public record SharedStores(
    AttemptLimiter attemptLimiter,
    ReplayGuard replayGuard,
    OtpStateStore totpStates,
    TotpCredentialStore totpCredentials,
    CeremonyStore ceremonies,
    TokenStore tokens,
    YubicoKeyStore yubicoKeys,
    SecurityKeyStore securityKeys,
    AutoCloseable resources)
    implements AutoCloseable {

  /**
   * Checks that no component is null.
   *
   * @throws NullPointerException naming the missing component
   */
  public SharedStores {
    Objects.requireNonNull(attemptLimiter, "attemptLimiter");
    Objects.requireNonNull(replayGuard, "replayGuard");
    Objects.requireNonNull(totpStates, "totpStates");
    Objects.requireNonNull(totpCredentials, "totpCredentials");
    Objects.requireNonNull(ceremonies, "ceremonies");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(yubicoKeys, "yubicoKeys");
    Objects.requireNonNull(securityKeys, "securityKeys");
    Objects.requireNonNull(resources, "resources");
  }

  /**
   * Closes {@link #resources()}.
   *
   * @throws Exception what closing them threw
   */
  @Override
  public void close() throws Exception {
    resources.close();
  }
}

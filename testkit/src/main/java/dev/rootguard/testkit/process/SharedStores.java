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
 * <p>Parameters: attemptLimiter (its lockout policy must be {@code LockoutPolicy.DEFAULT}: the
 * lockout test counts its guesses), replayGuard, totpStates (TOTP/HOTP last accepted step),
 * totpCredentials, ceremonies (FIDO), tokens (OATH hardware tokens), yubicoKeys, securityKeys (FIDO
 * credentials), and resources, closed by {@link #close()} ({@code () -> {}} if there is nothing to
 * close).
 *
 * @since 0.2.0
 */
public final class SharedStores implements AutoCloseable {
  private final AttemptLimiter attemptLimiter;
  private final ReplayGuard replayGuard;
  private final OtpStateStore totpStates;
  private final TotpCredentialStore totpCredentials;
  private final CeremonyStore ceremonies;
  private final TokenStore tokens;
  private final YubicoKeyStore yubicoKeys;
  private final SecurityKeyStore securityKeys;
  private final AutoCloseable resources;

  /**
   * Holds the stores; see the class comment for the parameters.
   *
   * @param attemptLimiter see the class comment
   * @param replayGuard see the class comment
   * @param totpStates see the class comment
   * @param totpCredentials see the class comment
   * @param ceremonies see the class comment
   * @param tokens see the class comment
   * @param yubicoKeys see the class comment
   * @param securityKeys see the class comment
   * @param resources see the class comment
   * @throws NullPointerException naming a missing store
   */
  public SharedStores(
      AttemptLimiter attemptLimiter,
      ReplayGuard replayGuard,
      OtpStateStore totpStates,
      TotpCredentialStore totpCredentials,
      CeremonyStore ceremonies,
      TokenStore tokens,
      YubicoKeyStore yubicoKeys,
      SecurityKeyStore securityKeys,
      AutoCloseable resources) {
    this.attemptLimiter = Objects.requireNonNull(attemptLimiter, "attemptLimiter");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.totpStates = Objects.requireNonNull(totpStates, "totpStates");
    this.totpCredentials = Objects.requireNonNull(totpCredentials, "totpCredentials");
    this.ceremonies = Objects.requireNonNull(ceremonies, "ceremonies");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.yubicoKeys = Objects.requireNonNull(yubicoKeys, "yubicoKeys");
    this.securityKeys = Objects.requireNonNull(securityKeys, "securityKeys");
    this.resources = Objects.requireNonNull(resources, "resources");
  }

  /**
   * Returns the attempt limiter.
   *
   * @return it
   */
  public AttemptLimiter attemptLimiter() {
    return attemptLimiter;
  }

  /**
   * Returns the replay guard.
   *
   * @return it
   */
  public ReplayGuard replayGuard() {
    return replayGuard;
  }

  /**
   * Returns the TOTP/HOTP state store.
   *
   * @return it
   */
  public OtpStateStore totpStates() {
    return totpStates;
  }

  /**
   * Returns the TOTP credential store.
   *
   * @return it
   */
  public TotpCredentialStore totpCredentials() {
    return totpCredentials;
  }

  /**
   * Returns the FIDO ceremony store.
   *
   * @return it
   */
  public CeremonyStore ceremonies() {
    return ceremonies;
  }

  /**
   * Returns the OATH hardware token store.
   *
   * @return it
   */
  public TokenStore tokens() {
    return tokens;
  }

  /**
   * Returns the Yubico OTP key store.
   *
   * @return it
   */
  public YubicoKeyStore yubicoKeys() {
    return yubicoKeys;
  }

  /**
   * Returns the FIDO credential store.
   *
   * @return it
   */
  public SecurityKeyStore securityKeys() {
    return securityKeys;
  }

  /**
   * Returns what {@link #close()} closes.
   *
   * @return it
   */
  public AutoCloseable resources() {
    return resources;
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

package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpVerifier;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.store.jdbc.JdbcStores;
import dev.rootguard.store.jdbc.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SeveralServersSnippetTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer(false);
  @TempDir Path dir;

  /** What each server does at start-up. */
  static MfaAuthenticator startServer(DataSource pool, Path sealKeyFile, Clock clock) {
    // snippet: several-servers
    JdbcStores.migrate(pool); // = `rootguard store init`; idempotent
    JdbcStores stores =
        JdbcStores.builder(pool, LocalKeySealer.openOrCreate(sealKeyFile)) // or KmsSecretSealer
            .clock(clock)
            .build();
    stores.checkSchema(); // fail at start-up, not at sign-in
    TotpVerifier totp =
        TotpVerifier.builder()
            .clock(clock)
            .stateStore(stores.totpStates()) // last accepted step: one code, one use
            .credentialStore(stores.totpCredentials()) // secrets sealed in the rows
            .build();
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(totp)
            .attemptLimiter(stores.attemptLimiter()) // one lockout budget for all servers
            .replayGuard(stores.replayGuard())
            .clock(clock)
            .build();
    // end snippet
    return mfa;
  }

  @Test
  void severalServers() {
    DataSource pool = PG.dataSource();
    Path sealKeyFile = dir.resolve("seal.key");
    Clock clock = Clock.fixed(Instant.parse("2026-12-04T09:00:00Z"), ZoneOffset.UTC);
    Principal alice = Principal.of("alice");
    CredentialId phone = CredentialId.of("alice-phone");
    OtpSecret secret = OtpSecret.generate();
    TotpCredential enrolled = TotpCredential.builder(phone, alice, secret).build();
    String code = Totp.code(secret, OtpParameters.RFC6238_DEFAULT, clock.instant());
    // Two servers: each builds its own stores and authenticator over the same database.
    MfaAuthenticator serverA = startServer(pool, sealKeyFile, clock);
    MfaAuthenticator serverB = startServer(pool, sealKeyFile, clock);
    JdbcStores.builder(pool, LocalKeySealer.openOrCreate(sealKeyFile))
        .clock(clock)
        .build()
        .totpCredentials()
        .add(enrolled);

    MfaResult first = serverA.authenticate(MfaAttempt.of(alice, Factor.TOTP_APP, phone, code));
    MfaResult again = serverB.authenticate(MfaAttempt.of(alice, Factor.TOTP_APP, phone, code));

    assertThat(first.isAccepted()).isTrue();
    assertThat(((MfaResult.Rejected) again).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
  }
}

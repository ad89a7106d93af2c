package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.Race;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same valid code, submitted by 16 threads at once, is accepted exactly once. */
class TotpConcurrencyTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 1_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void verify_sameCodeFrom16Threads_acceptedExactlyOnce_1000Rounds() throws Exception {
    MutableClock clock = MutableClock.at(1_700_000_000L);
    OtpSecret secret = OtpSecret.generate();
    TotpCredential credential =
        TotpCredential.builder(CredentialId.of("shared"), Principal.of("p"), secret).build();
    TotpVerifier verifier = TotpVerifier.builder().clock(clock).maxDrift(0).build();
    try (Race race = Race.open(THREADS, TIMEOUT)) {
      for (int round = 0; round < ROUNDS; round++) {
        clock.advance(Duration.ofSeconds(30)); // a fresh step each round
        String code = Totp.code(secret, credential.parameters(), clock.instant());
        long step = credential.parameters().stepAt(clock.instant());
        if (code.equals(Totp.codeAtStep(secret, credential.parameters(), step + 1))) {
          continue; // a one-in-a-million collision: the next step's code would be fresh
        }
        List<MfaResult> results = race.collect(t -> verifier.verify(credential, code));
        int accepted = 0;
        for (MfaResult r : results) {
          if (r.isAccepted()) {
            accepted++;
          } else {
            assertThat(((MfaResult.Rejected) r).reason()).isEqualTo(Reason.REPLAYED);
          }
        }
        assertThat(accepted).as("round %d", round).isEqualTo(1);
      }
    }
  }

  @Test
  void hotpVerify_sameCodeFrom16Threads_acceptedExactlyOnce() throws Exception {
    MutableClock clock = MutableClock.at(1_700_000_000L);
    OtpSecret secret = OtpSecret.generate();
    HotpCredential fob =
        HotpCredential.builder(CredentialId.of("fob"), Principal.of("p"), secret).build();
    HotpVerifier verifier = HotpVerifier.builder().clock(clock).build();
    try (Race race = Race.open(THREADS, TIMEOUT)) {
      for (long counter = 0; counter < 200; counter++) {
        String code = Hotp.code(secret, HmacAlgorithm.SHA1, 6, counter);
        if (collidesAhead(secret, code, counter)) {
          continue; // same code at a later counter in the look-ahead window: legitimately fresh
        }
        List<MfaResult> results = race.collect(t -> verifier.verify(fob, code));
        int accepted = 0;
        for (MfaResult r : results) {
          accepted += r.isAccepted() ? 1 : 0;
        }
        assertThat(accepted).as("counter %d", counter).isEqualTo(1);
      }
    }
  }

  private static boolean collidesAhead(OtpSecret secret, String code, long counter) {
    for (long c = counter + 1; c <= counter + 11; c++) {
      if (code.equals(Hotp.code(secret, HmacAlgorithm.SHA1, 6, c))) {
        return true;
      }
    }
    return false;
  }
}

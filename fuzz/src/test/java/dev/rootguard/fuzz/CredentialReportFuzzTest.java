package dev.rootguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rootguard.InvalidInputException;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.RootAccountState;
import java.io.ByteArrayInputStream;
import java.time.Instant;

/**
 * IAM credential report CSV ({@link RootAccountState#fromCredentialReport}): returns a state or
 * throws {@link InvalidInputException}; the streaming form and the {@code byte[]} form agree on
 * every input (both refuse, naming the same field, or both return the same facts).
 */
class CredentialReportFuzzTest {
  private static final CredentialReportOptions OPTIONS =
      CredentialReportOptions.builder()
          .origin("fuzz.csv")
          .generatedAt(Instant.parse("2026-11-28T09:00:00Z"))
          .build();

  @FuzzTest(maxDuration = "10s")
  void fromCredentialReport(byte[] input) {
    long t0 = System.nanoTime();
    String streamed =
        outcome(
            () -> RootAccountState.fromCredentialReport(new ByteArrayInputStream(input), OPTIONS));
    Contract.notHung(t0, "fromCredentialReport(InputStream)");
    String whole = outcome(() -> RootAccountState.fromCredentialReport(input.clone(), OPTIONS));
    if (!streamed.equals(whole)) {
      throw new AssertionError(
          "stream and byte[] forms disagree:\n  stream: " + streamed + "\n  byte[]: " + whole);
    }
  }

  private interface Parse {
    RootAccountState run();
  }

  private static String outcome(Parse p) {
    RootAccountState s;
    try {
      s = p.run();
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      return "refused " + e.field();
    }
    return "state "
        + s.accountId()
        + " "
        + s.partition()
        + " "
        + s.rootArn()
        + " created="
        + s.accountCreatedAt()
        + " password="
        + s.passwordEnabled()
        + " lastUsed="
        + s.passwordLastUsed()
        + " mfa="
        + s.mfaEnabled()
        + " keys="
        + s.accessKeys()
        + " keysPresent="
        + s.accessKeysPresent()
        + " certs="
        + s.signingCertificatesPresent();
  }
}

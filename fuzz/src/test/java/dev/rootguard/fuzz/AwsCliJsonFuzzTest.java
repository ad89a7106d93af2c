package dev.rootguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rootguard.InvalidInputException;
import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.CredentialReportOptions;
import java.io.ByteArrayInputStream;

/**
 * Core's readers of AWS CLI JSON ({@code aws iam get-account-summary}, {@code
 * list-virtual-mfa-devices}, {@code get-account-password-policy}): each returns or throws {@link
 * InvalidInputException} whose message is its field, ": " and why, and is quick.
 */
class AwsCliJsonFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(byte[] input) {
    long t0 = System.nanoTime();
    expectOnlyRefusal(() -> CredentialReportOptions.builder().accountSummaryJson(input).build());
    expectOnlyRefusal(() -> CredentialReportOptions.builder().virtualMfaDevicesJson(input).build());
    expectOnlyRefusal(() -> IamPasswordPolicy.fromJson(new ByteArrayInputStream(input)));
    long took = System.nanoTime() - t0;
    if (took > 10_000_000_000L) {
      throw new AssertionError("AWS CLI JSON: one input took " + took / 1_000_000 + " ms");
    }
  }

  private static void expectOnlyRefusal(Runnable parse) {
    try {
      parse.run();
    } catch (InvalidInputException e) {
      if (e.field().isEmpty() || !e.getMessage().equals(e.field() + ": " + e.reason())) {
        throw new AssertionError("refusal does not name the field and say why: " + e, e);
      }
    }
  }
}

package dev.rootguard.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rootguard.InvalidInputException;

/**
 * The CLI's readers of AWS CLI JSON ({@code aws iam get-account-summary}, {@code
 * list-virtual-mfa-devices}, {@code get-account-password-policy}): each returns or throws {@link
 * InvalidInputException} whose field starts with the option name. Lives in the CLI's package
 * because {@link AwsCliJson} is package-private.
 */
class AwsCliJsonFuzzTest {
  /** IamPasswordPolicy's own range checks name AWS's field, not the option. */
  private static final java.util.Set<String> RANGE_FIELDS =
      java.util.Set.of("MinimumPasswordLength", "MaxPasswordAge", "PasswordReusePrevention");

  private static final String ROOT_ARN = "arn:aws:iam::123456789012:root";

  @FuzzTest(maxDuration = "10s")
  void parse(byte[] input) {
    long t0 = System.nanoTime();
    expectOnlyRefusal(
        "--account-summary", () -> AwsCliJson.accountSummary(input, "--account-summary"));
    expectOnlyRefusal(
        "--virtual-mfa-devices",
        () -> AwsCliJson.rootVirtualMfaSerials(input, ROOT_ARN, "--virtual-mfa-devices"));
    expectOnlyRefusal(
        "--password-policy", () -> AwsCliJson.passwordPolicy(input, "--password-policy"));
    long took = System.nanoTime() - t0;
    if (took > 10_000_000_000L) {
      throw new AssertionError("AwsCliJson: one input took " + took / 1_000_000 + " ms");
    }
  }

  private static void expectOnlyRefusal(String option, Runnable parse) {
    try {
      parse.run();
    } catch (InvalidInputException e) {
      boolean passwordPolicyRange =
          option.equals("--password-policy") && RANGE_FIELDS.contains(e.field());
      if (!e.field().startsWith(option) && !passwordPolicyRange) {
        throw new AssertionError("refusal does not name " + option + ": " + e.getMessage(), e);
      }
      if (!e.getMessage().startsWith(e.field() + ": ")) {
        throw new AssertionError("refusal does not say why: " + e.getMessage(), e);
      }
    }
  }
}

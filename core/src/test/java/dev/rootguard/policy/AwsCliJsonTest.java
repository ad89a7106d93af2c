package dev.rootguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.password.IamPasswordPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The strict readers of the AWS CLI's JSON, through the public API that uses them. */
class AwsCliJsonTest {
  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static InvalidInputException refusal(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("accepted");
  }

  @Test
  void summary_bareOrWrapped_sameValues() {
    CredentialReportOptions a =
        CredentialReportOptions.builder()
            .accountSummaryJson(b("{\"SummaryMap\": {\"AccountMFAEnabled\": 1, \"Users\": 7}}"))
            .build();
    CredentialReportOptions bare =
        CredentialReportOptions.builder()
            .accountSummaryJson(b("\uFEFF{\"AccountMFAEnabled\": 1, \"Users\": 7}"))
            .build();
    assertThat(a.accountSummary()).isEqualTo(Map.of("AccountMFAEnabled", 1));
    assertThat(bare.accountSummary()).isEqualTo(a.accountSummary());
  }

  @Test
  void summary_negativeOtherKey_refusedNamingIt() {
    InvalidInputException e =
        refusal(
            () ->
                CredentialReportOptions.builder()
                    .accountSummaryJson(b("{\"SummaryMap\": {\"Users\": -1}}")));
    assertThat(e.field()).isEqualTo("SummaryMap.Users");
    assertThat(e.reason()).isEqualTo("must be 0..2147483647, was -1");
  }

  @Test
  void virtualDevices_unassignedSkipped_rootsFoundByUserArnOnly() {
    byte[] json =
        b(
            "{\"VirtualMFADevices\": ["
                + "{\"SerialNumber\": \"arn:aws:iam::123456789012:mfa/root-account-mfa-device\"},"
                + "{\"SerialNumber\": \"arn:aws:iam::123456789012:mfa/mine\", \"User\":"
                + " {\"Arn\": \"arn:aws:iam::123456789012:root\"}},"
                + "{\"SerialNumber\": \"arn:aws:iam::123456789012:mfa/bob\", \"User\":"
                + " {\"Arn\": \"arn:aws:iam::123456789012:user/bob\"}, \"User2\": null}],"
                + " \"IsTruncated\": false}");
    CredentialReportOptions o =
        CredentialReportOptions.builder()
            .virtualMfaDevicesJson(json)
            .virtualMfaOrigin("v.json")
            .build();
    assertThat(o.virtualMfaDevices().orElseThrow()).hasSize(2);
    RootAccountState s =
        RootAccountState.fromCredentialReport(Fixtures.report(Fixtures.rootRow()), o);
    assertThat(s.virtualMfaSerials().value())
        .contains(java.util.List.of("arn:aws:iam::123456789012:mfa/mine"));
    assertThat(s.virtualMfaSerials().source().origin()).isEqualTo("v.json");
  }

  @Test
  void withoutDeviceList_rootVirtualDevicesStayUnknown() {
    RootAccountState s = RootAccountState.fromCredentialReport(Fixtures.report(Fixtures.rootRow()));
    assertThat(s.virtualMfaSerials().isKnown()).isFalse();
  }

  @Test
  void virtualDevices_truncated_refused() {
    InvalidInputException e =
        refusal(
            () ->
                CredentialReportOptions.builder()
                    .virtualMfaDevicesJson(
                        b(
                            "{\"VirtualMFADevices\": [], \"IsTruncated\": true, \"Marker\": \"x\"}")));
    assertThat(e.field()).isEqualTo("IsTruncated");
  }

  @Test
  void passwordPolicy_fromJson_sameAsFromIamJsonReads() {
    IamPasswordPolicy p =
        IamPasswordPolicy.fromJson(
            "{\"PasswordPolicy\": {\"MinimumPasswordLength\": 14, \"RequireSymbols\": true,"
                + " \"MaxPasswordAge\": 90, \"ExpirePasswords\": true}}");
    assertThat(p)
        .isEqualTo(new IamPasswordPolicy(14, true, false, false, false, false, 90, 0, false));
    assertThatThrownBy(() -> IamPasswordPolicy.fromJson("{\"RequireSymbols\": \"true\"}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("RequireSymbols: must be true or false, was a string");
  }

  @Test
  void within_prefixesTheFieldKeepsTheReasonAndCause() {
    InvalidInputException inner = new InvalidInputException("SummaryMap.Users", "must be ...");
    InvalidInputException outer = inner.within("--account-summary");
    assertThat(outer.field()).isEqualTo("--account-summary: SummaryMap.Users");
    assertThat(outer.reason()).isEqualTo("must be ...");
    assertThat(outer)
        .hasMessage("--account-summary: SummaryMap.Users: must be ...")
        .hasCause(inner);
  }

  /** Every value of a key RootGuard reads: accepted exactly when it is the JSON integer 0 or 1. */
  @Property(tries = 300)
  void summaryFlag_acceptedExactlyWhenZeroOrOne(@ForAll("jsonValues") String value) {
    byte[] json = b("{\"SummaryMap\": {\"AccountAccessKeysPresent\": " + value + "}}");
    // a JSON integer literal whose value is 0 or 1 ("-0" is the integer 0; "1.0", "1e0" are not)
    boolean valid = value.equals("0") || value.equals("-0") || value.equals("1");
    if (valid) {
      assertThat(
              CredentialReportOptions.builder().accountSummaryJson(json).build().accountSummary())
          .containsEntry("AccountAccessKeysPresent", value.equals("1") ? 1 : 0);
    } else {
      InvalidInputException e =
          refusal(() -> CredentialReportOptions.builder().accountSummaryJson(json));
      assertThat(e.field()).isEqualTo("SummaryMap.AccountAccessKeysPresent");
      assertThat(e.getMessage()).doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<String> jsonValues() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.integers().between(-3, 3).map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.of(
            "0.0", "1.0", "1e0", "\"1\"", "true", "null", "[]", "{}", "-0", "2", "1E400"));
  }
}

package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Issue 11 properties of the PSKC reader: policy verdicts, depth limit, no seed planting. */
class PskcProperties {
  static final String HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp";

  static PskcImport read(String xml, PskcKey key) {
    return Pskc.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), key);
  }

  /** One Policy child, with the verdict RFC 6030 §5 gives it, written out by hand. */
  record Rule(String xml, boolean understood, String usage) {}

  @Provide
  Arbitrary<List<Rule>> policies() {
    Arbitrary<Rule> rule =
        Arbitraries.of(
            new Rule("<StartDate>2020-01-01T00:00:00Z</StartDate>", true, null),
            new Rule("<ExpiryDate>2099-01-01T00:00:00Z</ExpiryDate>", true, null),
            new Rule("<KeyUsage>OTP</KeyUsage>", true, "OTP"),
            new Rule("<KeyUsage>CR</KeyUsage>", true, "CR"),
            new Rule("<KeyUsage>Unlock</KeyUsage>", true, "Unlock"),
            new Rule("<KeyUsage>otp</KeyUsage>", false, null),
            new Rule("<PINPolicy PINUsageMode=\"Local\" MinLength=\"4\"/>", true, null),
            new Rule("<PINPolicy PINUsageMode=\"Prepend\"/>", false, null),
            new Rule("<PINPolicy PINUsageMode=\"Append\"/>", false, null),
            new Rule("<PINPolicy PINUsageMode=\"Algorithmic\"/>", false, null),
            new Rule("<PINPolicy/>", false, null),
            new Rule("<PINPolicy PINUsageMode=\"Local\" Colour=\"red\"/>", false, null),
            new Rule("<NumberOfTransactions>5</NumberOfTransactions>", false, null),
            new Rule("<Geofence/>", false, null),
            new Rule("<x:KeyUsage xmlns:x=\"urn:example\">OTP</x:KeyUsage>", false, null));
    return rule.list().ofMaxSize(5);
  }

  @Property(tries = 300)
  void policy_importedExactlyWhenEveryRuleIsUnderstoodAndOtpIsPermitted(
      @ForAll("policies") List<Rule> rules) {
    StringBuilder policy = new StringBuilder();
    rules.forEach(r -> policy.append(r.xml()));
    String xml =
        PskcTest.container(
            "<KeyPackage><DeviceInfo><SerialNo>P1</SerialNo></DeviceInfo><Key Id=\"p\" Algorithm=\""
                + HOTP
                + "\"><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"
                + "</Data><Policy>"
                + policy
                + "</Policy></Key></KeyPackage>");
    boolean allUnderstood = rules.stream().allMatch(Rule::understood);
    boolean anyUsage = rules.stream().anyMatch(r -> r.usage() != null);
    boolean otp = rules.stream().anyMatch(r -> "OTP".equals(r.usage()));
    boolean expected = allUnderstood && (!anyUsage || otp);
    PskcImport r = read(xml, PskcKey.none());
    assertThat(r.isComplete()).as("policy %s", policy).isEqualTo(expected);
    if (!expected) {
      assertThat(r.errors().get(0).element()).startsWith("KeyPackage[1]/Key/Policy");
    }
  }

  @Property(tries = 60)
  void depth_acceptedUpToTheLimit_refusedPastIt(@ForAll @IntRange(min = 4, max = 400) int depth) {
    // KeyContainer/KeyPackage/Key/Extensions is depth 4; <b> elements fill the rest.
    String xml =
        PskcTest.container(
            PskcTest.plainKey("k", "S1", HOTP, "")
                .replace(
                    "</Key>",
                    "<Extensions>"
                        + "<b>".repeat(depth - 4)
                        + "</b>".repeat(depth - 4)
                        + "</Extensions></Key>"));
    if (depth <= Pskc.MAX_ELEMENT_DEPTH) {
      assertThat(read(xml, PskcKey.none()).requireComplete()).hasSize(1);
    } else {
      try {
        read(xml, PskcKey.none());
        throw new AssertionError("depth " + depth + " accepted");
      } catch (InvalidInputException e) {
        assertThat(e.getMessage()).contains("limit of " + Pskc.MAX_ELEMENT_DEPTH);
      }
    }
  }

  @Provide
  Arbitrary<String> planted() {
    String seed = "YXR0YWNrZXIta25vd3MtdGhpcyE="; // "attacker-knows-this!"
    return Arbitraries.of(
        "<PlainValue>" + seed + "</PlainValue>",
        "<Secret><PlainValue>" + seed + "</PlainValue></Secret>",
        "<evil:Secret xmlns:evil=\"urn:example:evil\"><PlainValue>"
            + seed
            + "</PlainValue></evil:Secret>",
        "<evil:PlainValue xmlns:evil=\"urn:example:evil\">" + seed + "</evil:PlainValue>",
        "<Data><Secret><PlainValue>" + seed + "</PlainValue></Secret></Data>");
  }

  @Property(tries = 300)
  void encryptedFile_noInsertedFragmentEverYieldsAnotherSeed(
      @ForAll("planted") String fragment, @ForAll @IntRange(min = 0, max = 100_000) int where)
      throws IOException {
    String f = PskcHostileFilesTest.figure6();
    // Insert right after some start tag of the KeyPackage (or replace the encrypted value).
    int pkg = f.indexOf("<KeyPackage>");
    List<Integer> tagEnds = new java.util.ArrayList<>();
    for (int i = f.indexOf('>', pkg);
        i > 0 && i < f.indexOf("</KeyPackage>");
        i = f.indexOf('>', i + 1)) {
      tagEnds.add(i + 1);
    }
    int at = tagEnds.get(where % tagEnds.size());
    String tampered = f.substring(0, at) + fragment + f.substring(at);
    PskcImport r;
    try {
      r = read(tampered, PskcKey.preShared(PskcTest.FIGURE6_KEY));
    } catch (InvalidInputException e) {
      return; // refused as a whole: fine
    }
    for (HardwareToken t : r.tokens()) {
      assertThat(t.revealSecret())
          .as("secret after inserting at %d", at)
          .isEqualTo(PskcTest.ASCII_20);
    }
  }
}

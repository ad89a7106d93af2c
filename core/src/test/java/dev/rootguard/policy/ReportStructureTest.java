package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.compliant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The structure of the HTML and text reports: every summary row with the value it names,
 * remediation only where a finding needs attention, and the multi-account summary and separators.
 */
class ReportStructureTest {
  private static String html(Assessment a) {
    return a.render(Assessment.Format.HTML, Locale.ENGLISH);
  }

  /** The cells of the summary row headed {@code th}. */
  private static String summaryRow(String report, String th) {
    String start = "<tr><th>" + th + "</th><td>";
    int i = report.indexOf(start);
    assertThat(i).as("row %s", th).isNotNegative();
    return report.substring(i + start.length(), report.indexOf("</td></tr>", i));
  }

  /** The finding rows, each from its status cell to the end of its row. */
  private static List<String> findingRows(String report) {
    String[] parts = report.split("<tr><td class=\"st ", -1);
    return Arrays.stream(parts).skip(1).map(p -> p.substring(0, p.indexOf("</td></tr>"))).toList();
  }

  @Test
  void summaryTable_namesPolicyTimeVerdictScoreAndCounts() {
    Assessment a = ReportRenderingTest.neglected();
    String report = html(a);

    assertThat(summaryRow(report, "Policy")).isEqualTo(a.policy().name());
    assertThat(summaryRow(report, "Facts as of")).startsWith("2026-11-28");
    assertThat(summaryRow(report, "Verdict"))
        .isEqualTo("<span class=\"verdict FAIL\">NOT COMPLIANT</span>");
    assertThat(summaryRow(report, "Score")).startsWith(a.score() + "/100 ");
    String counts = summaryRow(report, "Findings");
    assertThat(counts).contains("FAIL " + a.counts().get(Status.FAIL));
    assertThat(a.counts()).containsValue(0); // some status has no finding: it is left out
    assertThat(counts).as("no zero counts").doesNotContainPattern(" 0(,|$)");
  }

  @Test
  void summaryTable_compliantAccount_passVerdict() {
    assertThat(
            summaryRow(html(ReportRenderingTest.POLICY.evaluate(compliant().build())), "Verdict"))
        .isEqualTo("<span class=\"verdict PASS\">COMPLIANT</span>");
  }

  @Test
  void findingRows_remediationExactlyWhereAttentionIsNeeded_referencesOnEach() {
    Assessment a = ReportRenderingTest.neglected();
    List<String> rows = findingRows(html(a));

    assertThat(rows).hasSize(a.findings().size());
    assertThat(rows).anyMatch(r -> r.startsWith("PASS")).anyMatch(r -> r.startsWith("FAIL"));
    for (String r : rows) {
      boolean quiet = r.startsWith("PASS") || r.startsWith("NOT_APPLICABLE");
      assertThat(r.contains("<details>")).as(r).isEqualTo(!quiet);
      assertThat(r).contains("<div class=\"src\">Sources: ");
    }
    assertThat(rows)
        .filteredOn(r -> r.contains("<code>ROOT_MFA_ENABLED</code>"))
        .singleElement()
        .satisfies(r -> assertThat(r).contains("<div class=\"refs\">References: CIS "));
  }

  @Test
  void severalAccounts_summaryLineCountsThem_oneAccount_none() {
    Assessment good = ReportRenderingTest.POLICY.evaluate(compliant().build());
    String two =
        Assessment.renderAll(
            List.of(good, ReportRenderingTest.neglected(), ReportRenderingTest.neglected()),
            Assessment.Format.HTML,
            Locale.ENGLISH,
            false);

    assertThat(two).contains("<p>Accounts: 3, compliant: 1, not compliant: 2</p>");
    assertThat(html(good)).doesNotContain("Accounts:");
  }

  @Test
  void text_severalAccounts_separatedAndCounted() {
    Assessment good = ReportRenderingTest.POLICY.evaluate(compliant().build());
    String three =
        Assessment.renderAll(
            List.of(ReportRenderingTest.neglected(), good, ReportRenderingTest.neglected()),
            Assessment.Format.TEXT,
            Locale.ENGLISH,
            false);
    String one = good.render(Assessment.Format.TEXT, Locale.ENGLISH, false);

    String separator = "\n" + "=".repeat(78) + "\n";
    assertThat(three.split(separator, -1)).hasSize(3);
    assertThat(three).contains("Accounts: 3, compliant: 1, not compliant: 2");
    assertThat(one).doesNotContain("=".repeat(78)).doesNotContain("Accounts:");
  }

  @Test
  void text_verdictLine_colouredByVerdict_withCounts() {
    Assessment good = ReportRenderingTest.POLICY.evaluate(compliant().build());
    Assessment bad = ReportRenderingTest.neglected();

    assertThat(good.render(Assessment.Format.TEXT, Locale.ENGLISH, true))
        .contains("Verdict: \u001b[32mCOMPLIANT\u001b[0m");
    assertThat(bad.render(Assessment.Format.TEXT, Locale.ENGLISH, true))
        .contains("Verdict: \u001b[1;31mNOT COMPLIANT\u001b[0m");
    assertThat(bad.render(Assessment.Format.TEXT, Locale.ENGLISH, false))
        .containsPattern(
            "Verdict: NOT COMPLIANT    Score: \\d+/100    .*FAIL " + bad.counts().get(Status.FAIL));
  }
}

package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.NOW;
import static dev.rootguard.policy.Fixtures.compliant;
import static dev.rootguard.policy.Fixtures.k;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {
  static final RootSecurityPolicy POLICY =
      RootSecurityPolicy.recommended().toBuilder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  static final String EVIL = "<script>alert('x')</script>\u001b[31m|**pwn**|&\"";

  static Assessment neglected() {
    return POLICY.evaluate(
        compliant()
            .mfaEnabled(k(false))
            .mfaDevices(k(List.of()))
            .accessKeysPresent(k(true))
            .build());
  }

  @Test
  void text_englishAndJapanese_structure() {
    String en = neglected().render(Assessment.Format.TEXT, Locale.ENGLISH);
    assertThat(en)
        .contains("Root user security assessment — Account 123456789012 (acme-prod)")
        .contains("Verdict: NOT COMPLIANT")
        .contains("[FAIL]     ROOT_MFA_ENABLED (critical)")
        .contains("[MANUAL]   ROOT_PASSWORD_STRONG")
        .contains("What to do:")
        .contains(
            "CIS 1.13 (v1.2.0), 1.5 (v1.4.0–v4.0.0), 1.4 (v5.0.0), 2.4 (v6.0.0), 2.5 (v7.0.0)")
        .contains("AWS Security Hub IAM.9")
        .doesNotContain("\u001b[");
    String ja = neglected().render(Assessment.Format.TEXT, Locale.JAPANESE);
    assertThat(ja)
        .contains("ルートユーザーのセキュリティ評価")
        .contains("判定: 非準拠")
        .contains("[不合格]   ROOT_MFA_ENABLED (重大)")
        .contains("[手動確認] ROOT_PASSWORD_STRONG (高)")
        .contains("ルートユーザーに MFA デバイスがありません。")
        .contains("「多要素認証 (MFA)」で「MFA デバイスの割り当て」");
  }

  @Test
  void text_colourOnlyWhenAsked() {
    assertThat(neglected().render(Assessment.Format.TEXT, Locale.ENGLISH, true))
        .contains("\u001b[1;31m")
        .contains("\u001b[0m");
  }

  @Test
  void text_maliciousAccountName_cannotInjectTerminalEscapes() {
    Assessment a = POLICY.evaluate(compliant().accountName(k(EVIL)).build());
    String t = a.render(Assessment.Format.TEXT, Locale.ENGLISH, false);
    assertThat(t).doesNotContain("\u001b").contains("<script>alert('x')</script>\\u001B[31m");
  }

  @Test
  void markdown_tableAndEscaping() {
    Assessment a =
        POLICY.evaluate(
            compliant().accountName(k(EVIL)).mfaEnabled(k(false)).mfaDevices(k(List.of())).build());
    String md = a.render(Assessment.Format.MARKDOWN, Locale.ENGLISH);
    assertThat(md)
        .contains("| Status | Control | Severity | Evidence |")
        .contains("| **FAIL** | `ROOT_MFA_ENABLED`")
        .contains("### What to do")
        .contains("&lt;script&gt;")
        .contains("\\|\\*\\*pwn\\*\\*\\|")
        .doesNotContain("<script>")
        .doesNotContain("\u001b");
    String ja = a.render(Assessment.Format.MARKDOWN, Locale.JAPANESE);
    assertThat(ja).contains("| 結果 | コントロール | 重要度 | 根拠 |").contains("対応方法");
  }

  @Test
  void html_selfContainedAndEscaped() {
    Assessment a = POLICY.evaluate(compliant().accountName(k(EVIL)).build());
    String html = a.render(Assessment.Format.HTML, Locale.JAPANESE);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<html lang=\"ja\">")
        .contains("Content-Security-Policy")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("&amp;&quot;")
        .doesNotContain("<script")
        .doesNotContain("\u001b")
        .doesNotContain("http://")
        .doesNotContain("<link")
        .contains("ルートユーザーのセキュリティ評価")
        .endsWith("</html>\n");
    // the only tags are ours: no attribute or tag built from the account name
    assertThat(html.indexOf("alert")).isGreaterThan(0);
    assertThat(html.substring(html.indexOf("alert") - 30, html.indexOf("alert")))
        .doesNotContain("<");
  }

  @Test
  void html_maliciousEvidenceArguments_escaped() {
    Assessment a =
        POLICY.evaluate(
            compliant()
                .mfaDevices(
                    k(
                        List.of(
                            MfaDevice.fromSerial(
                                "arn:aws:iam::1:mfa/<img src=x onerror=alert(1)>"))))
                .build());
    String html = a.render(Assessment.Format.HTML, Locale.ENGLISH);
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
  }

  @Test
  void renderAll_severalAccounts() {
    Assessment good = POLICY.evaluate(compliant().build());
    String t =
        Assessment.renderAll(
            List.of(good, neglected()), Assessment.Format.TEXT, Locale.ENGLISH, false);
    assertThat(t).contains("Accounts: 2, compliant: 1, not compliant: 1");
    String html =
        Assessment.renderAll(
            List.of(good, neglected()), Assessment.Format.HTML, Locale.ENGLISH, false);
    assertThat(html.split("<section>", -1)).hasSize(3);
  }

  @Test
  void json_schemaIsPinned() throws Exception {
    String json = neglected().render(Assessment.Format.JSON, Locale.JAPANESE);
    JsonNode root = new ObjectMapper().readTree(json);
    assertThat(fieldNames(root))
        .containsExactly("schemaVersion", "generator", "locale", "summary", "assessments");
    assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(root.get("locale").asText()).isEqualTo("ja");
    assertThat(fieldNames(root.get("summary")))
        .containsExactly("accounts", "compliant", "notCompliant");
    JsonNode a = root.get("assessments").get(0);
    assertThat(fieldNames(a))
        .containsExactly(
            "account",
            "policy",
            "evaluatedAt",
            "referenceTime",
            "compliant",
            "score",
            "counts",
            "findings");
    assertThat(fieldNames(a.get("account"))).containsExactly("id", "partition", "rootArn", "name");
    assertThat(fieldNames(a.get("policy")))
        .containsExactly("name", "controls", "maxDaysSinceRootUse", "passwordBaseline");
    assertThat(fieldNames(a.get("counts")))
        .containsExactly("PASS", "FAIL", "WARN", "UNKNOWN", "MANUAL", "NOT_APPLICABLE");
    JsonNode f = a.get("findings").get(1);
    assertThat(fieldNames(f))
        .containsExactly(
            "control",
            "title",
            "status",
            "severity",
            "evidence",
            "evidenceKey",
            "evidenceArgs",
            "rationale",
            "remediation",
            "references",
            "sources");
    assertThat(f.get("control").asText()).isEqualTo("ROOT_MFA_ENABLED");
    assertThat(f.get("status").asText()).isEqualTo("FAIL");
    assertThat(f.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(f.get("evidence").asText()).isEqualTo("ルートユーザーに MFA デバイスがありません。");
    assertThat(fieldNames(f.get("references").get(0)))
        .containsExactly("framework", "version", "id");
    assertThat(fieldNames(f.get("sources").get(0))).containsExactly("origin", "collectedAt");
    assertThat(f.get("sources").get(0).get("collectedAt").asText())
        .isEqualTo("2026-11-28T09:00:00Z");
    assertThat(a.get("referenceTime").asText()).isEqualTo("2026-11-28T09:00:00Z");
    assertThat(a.get("compliant").asBoolean()).isFalse();
    // schema document lists every field the test pins
    java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "report-schema.md");
    if (java.nio.file.Files.exists(doc)) {
      String md = java.nio.file.Files.readString(doc);
      for (String name :
          List.of(
              "schemaVersion",
              "evidenceKey",
              "evidenceArgs",
              "referenceTime",
              "rootArn",
              "passwordBaseline",
              "NOT_APPLICABLE")) {
        assertThat(md).as("docs/report-schema.md mentions " + name).contains(name);
      }
    }
  }

  @Test
  void json_maliciousName_isPlainJsonString() throws Exception {
    String json =
        POLICY
            .evaluate(compliant().accountName(k(EVIL)).build())
            .render(Assessment.Format.JSON, Locale.ENGLISH);
    JsonNode root = new ObjectMapper().readTree(json);
    assertThat(root.get("assessments").get(0).get("account").get("name").asText()).isEqualTo(EVIL);
  }

  @Test
  void json_unknownNameIsNull() throws Exception {
    RootAccountState s = RootAccountState.builder("123456789012").collectedAt(NOW).build();
    JsonNode root =
        new ObjectMapper()
            .readTree(POLICY.evaluate(s).render(Assessment.Format.JSON, Locale.ENGLISH));
    assertThat(root.get("assessments").get(0).get("account").get("name").isNull()).isTrue();
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}

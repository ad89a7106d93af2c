package dev.rootguard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.policy.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the reports shorten a control's references: CIS numbers grouped over versions. */
class CompactReferencesTest {
  private static Reference cis(String version, String id) {
    return new Reference(Reference.CIS, version, id);
  }

  @Test
  void noCisReference_noCisEntry() {
    Reference hub = new Reference(Reference.SECURITY_HUB, "", "IAM.9");

    assertThat(ReportParts.compactReferences(List.of(hub))).containsExactly(hub.label());
    assertThat(ReportParts.compactReferences(List.of())).isEmpty();
  }

  @Test
  void cisLast_sameNumberOverVersions_grouped() {
    Reference hub = new Reference(Reference.SECURITY_HUB, "", "IAM.9");

    assertThat(
            ReportParts.compactReferences(
                List.of(hub, cis("1.2.0", "1.13"), cis("1.4.0", "1.5"), cis("3.0.0", "1.5"))))
        .containsExactly("CIS 1.13 (v1.2.0), 1.5 (v1.4.0–v3.0.0)", hub.label());
  }
}

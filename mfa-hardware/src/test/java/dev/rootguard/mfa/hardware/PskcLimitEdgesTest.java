package dev.rootguard.mfa.hardware;

import static dev.rootguard.mfa.hardware.PskcTest.container;
import static dev.rootguard.mfa.hardware.PskcTest.plainKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The PSKC reader's documented limits exactly at their edges (at the limit accepted, one past it
 * refused, naming the limit), and RFC 6030 §4.3.4 {@code <Time>} bounds (not negative, no later
 * than year 9999).
 */
class PskcLimitEdgesTest {
  static final String HOTP = PskcHostileFilesTest.HOTP;
  static final String TOTP = PskcHostileFilesTest.TOTP;

  /** A key whose Extensions element holds {@code extensions}. */
  static String withExtensions(String extensions) {
    return container(
        plainKey("k", "S1", HOTP, "")
            .replace("</Key>", "<Extensions>" + extensions + "</Extensions></Key>"));
  }

  static PskcImport read(String xml) {
    return PskcTest.xml(xml, PskcKey.none());
  }

  static InvalidInputException refused(String xml) {
    return PskcHostileFilesTest.refused(xml, PskcKey.none());
  }

  @Test
  void elementsInOneKeyPackage_10000_fine_10001_refused() {
    // KeyPackage, DeviceInfo, Manufacturer, SerialNo, Key, Data, Secret, PlainValue, Extensions
    int own = 9;
    assertThat(read(withExtensions("<e/>".repeat(10_000 - own))).requireComplete()).hasSize(1);
    assertThat(refused(withExtensions("<e/>".repeat(10_000 - own + 1))).getMessage())
        .contains("limit of 10000 elements in one KeyPackage");
  }

  @Test
  void textInOneElement_65536_fine_65537_refused() {
    assertThat(read(withExtensions("<b>" + "y".repeat(65_536) + "</b>")).requireComplete())
        .hasSize(1);
    InvalidInputException e = refused(withExtensions("<b>" + "y".repeat(65_537) + "</b>"));
    assertThat(e.getMessage()).contains("limit of 65536 characters");
    assertThat(e.field()).endsWith("Extensions/b");
  }

  @Test
  void attributeValue_65536_fine_65537_refusedNamingTheAttribute() {
    assertThat(read(withExtensions("<b a=\"" + "y".repeat(65_536) + "\"/>")).requireComplete())
        .hasSize(1);
    InvalidInputException e = refused(withExtensions("<b a=\"" + "y".repeat(65_537) + "\"/>"));
    assertThat(e.field()).endsWith("b/@a");
    assertThat(e.getMessage()).contains("limit of 65536 characters");
  }

  static String totpWithTime(String time, String interval) {
    return container(
        plainKey(
            "t",
            "T1",
            TOTP,
            (interval == null
                    ? ""
                    : "<TimeInterval><PlainValue>" + interval + "</PlainValue></TimeInterval>")
                + "<Time><PlainValue>"
                + time
                + "</PlainValue></Time>"));
  }

  @Test
  void time_zeroToYear9999_inSteps_ofTheIntervalOr30s() {
    long maxSecond = 253_402_300_799L; // 9999-12-31T23:59:59Z
    assertThat(read(totpWithTime("0", null)).requireComplete()).hasSize(1);
    assertThat(read(totpWithTime(Long.toString(maxSecond / 30), null)).requireComplete())
        .hasSize(1);
    assertThat(read(totpWithTime(Long.toString(maxSecond / 30 + 1), null)).errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.element()).endsWith("Data/Time");
              assertThat(e.reason()).contains("past year 9999");
            });
    HardwareToken t =
        read(totpWithTime(Long.toString(maxSecond / 60), "60")).requireComplete().get(0);
    assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(read(totpWithTime(Long.toString(maxSecond / 60 + 1), "60")).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("60 s"));
    assertThat(read(totpWithTime("-1", null)).errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.element()).endsWith("Data/Time");
              assertThat(e.reason()).contains("negative");
            });
  }
}

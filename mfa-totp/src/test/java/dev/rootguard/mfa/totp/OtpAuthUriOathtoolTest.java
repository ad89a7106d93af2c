package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link OtpAuthUri#parse} against {@code oathtool} (OATH Toolkit), an oracle that
 * shares no code with the parser: random otpauth URIs are written as text (secrets in upper or
 * lower case, with or without padding and spaces, issuer prefixes that match the parameter or not,
 * algorithm names in any case), and for each, the code RootGuard computes from the <em>parsed</em>
 * secret and parameters must equal the code oathtool computes from the secret text and the
 * parameters as the test wrote them. Skips visibly when oathtool is missing outside CI; fails when
 * CI=true.
 */
class OtpAuthUriOathtoolTest {
  private static final String OATHTOOL = "/usr/bin/oathtool";
  private static final int CASES = 200;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  @BeforeAll
  static void requireOathtool() {
    boolean present = Files.isExecutable(Path.of(OATHTOOL));
    if ("true".equals(System.getenv("CI"))) {
      Assertions.assertTrue(present, "oathtool must be installed in CI (Debian package oathtool)");
    }
    Assumptions.assumeTrue(
        present, "oathtool not installed: skipping the URI cross-check (apt-get install oathtool)");
  }

  @Test
  void parsedUri_computesTheCodeOathtoolComputesFromTheSameText() throws Exception {
    Random r = new Random(0x6f74_7061_7574_68L);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      String mismatch = oneCase(r, i);
      if (mismatch != null) {
        mismatches.add(mismatch);
      }
    }
    assertThat(mismatches)
        .as("URIs whose parsed secret or settings differ from oathtool")
        .isEmpty();
  }

  /** Returns null when RootGuard and oathtool agree, otherwise a description without the secret. */
  private static String oneCase(Random r, int i) throws Exception {
    int bytes = OtpSecret.MIN_LENGTH + r.nextInt(55);
    byte[] raw = new byte[bytes];
    r.nextBytes(raw);
    String b32 = TestBase32.encode(raw);
    String secretText =
        switch (r.nextInt(4)) {
          case 0 -> b32;
          case 1 -> b32.toLowerCase(Locale.ROOT);
          case 2 -> TestBase32.encodePadded(raw);
          default -> spaced(b32);
        };
    boolean hotp = r.nextInt(4) == 0;
    String[] algorithms = {"SHA1", "SHA256", "SHA512"};
    int a = hotp ? 0 : r.nextInt(3); // oathtool's HOTP is HMAC-SHA-1 only
    String algorithmText = r.nextBoolean() ? algorithms[a] : algorithms[a].toLowerCase(Locale.ROOT);
    int digits = 6 + r.nextInt(3);
    int period = r.nextBoolean() ? 30 : 1 + r.nextInt(300);
    long at = 1_000_000_000L + (long) (r.nextDouble() * 3_000_000_000L);
    long counter = hotp ? r.nextInt(1_000_000) : 0;

    String labelIssuer = r.nextBoolean() ? "Acme+Corp" : "Acme Corp";
    StringBuilder uri = new StringBuilder("otpauth://").append(hotp ? "hotp" : "totp").append('/');
    uri.append(OtpAuthUriProperties.pct(labelIssuer)).append(":alice%40example.com?");
    uri.append("secret=").append(secretText.replace(" ", "%20"));
    uri.append("&issuer=Acme%20Corp");
    uri.append("&algorithm=").append(algorithmText);
    uri.append("&digits=").append(digits);
    uri.append(hotp ? "&counter=" + counter : "&period=" + period);

    OtpAuthUri u = OtpAuthUri.parse(uri.toString());
    String ours =
        hotp
            ? Hotp.code(u.secret(), u.parameters().algorithm(), u.parameters().digits(), counter)
            : Totp.code(u.secret(), u.parameters(), Instant.ofEpochSecond(at));

    List<String> cmd = new ArrayList<>();
    cmd.add(OATHTOOL);
    if (hotp) {
      cmd.add("--hotp");
      cmd.add("-c");
      cmd.add(Long.toString(counter));
    } else {
      cmd.add("--totp=" + algorithms[a].toLowerCase(Locale.ROOT));
      cmd.add("-s");
      cmd.add(period + "s");
      cmd.add("-N");
      cmd.add("@" + at);
    }
    cmd.add("-d");
    cmd.add(Integer.toString(digits));
    cmd.add("-b");
    cmd.add(secretText);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
    String what =
        "case "
            + i
            + " ("
            + (hotp ? "hotp" : "totp")
            + ", "
            + algorithmText
            + ", "
            + digits
            + " digits, "
            + bytes
            + "-byte secret)";
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      return what + ": oathtool failed";
    }
    return out.equals(ours) ? null : what + ": ours " + ours + ", oathtool " + out;
  }

  /** Inserts a space every 4 characters, as apps show secrets. */
  private static String spaced(String b32) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < b32.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        b.append(' ');
      }
      b.append(b32.charAt(i));
    }
    assertThat(ALPHABET.indexOf(b32.charAt(0))).isNotNegative();
    return b.toString();
  }
}

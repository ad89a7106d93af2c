package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks code generation against {@code oathtool} (OATH Toolkit), the reference
 * implementation: 1,600 random TOTP cases and 400 random HOTP cases, each asking oathtool for 4
 * consecutive codes with {@code -w 3} (8,000 codes in all). Skips visibly when oathtool is missing
 * outside CI; fails when CI=true.
 */
class OathtoolCrossCheckTest {
  private static final String OATHTOOL = "/usr/bin/oathtool";
  private static final int TOTP_CASES = 1_600;
  private static final int HOTP_CASES = 400;
  private static final int EXTRA = 3; // oathtool -w: codes after the first
  private static final long SEED = 0x7074_6F74_7021L;

  @BeforeAll
  static void requireOathtool() {
    boolean present = Files.isExecutable(Path.of(OATHTOOL));
    if ("true".equals(System.getenv("CI"))) {
      Assertions.assertTrue(present, "oathtool must be installed in CI (Debian package oathtool)");
    }
    Assumptions.assumeTrue(
        present, "oathtool not installed: skipping the cross-check (apt-get install oathtool)");
  }

  record Case(List<String> command, List<String> expected, String description) {}

  @Test
  void totpAndHotp_matchOathtool_2000RandomCases() throws Exception {
    Random random = new Random(SEED);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < TOTP_CASES; i++) {
      cases.add(totpCase(random));
    }
    for (int i = 0; i < HOTP_CASES; i++) {
      cases.add(hotpCase(random));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> mismatches = new ArrayList<>();
      for (Case c : cases) {
        mismatches.add(pool.submit(() -> check(c)));
      }
      List<String> failed = new ArrayList<>();
      for (Future<String> f : mismatches) {
        String m = f.get(60, TimeUnit.SECONDS);
        if (m != null) {
          failed.add(m);
        }
      }
      assertThat(failed).as("cases differing from oathtool").isEmpty();
    } finally {
      pool.shutdownNow();
    }
    assertThat(cases).hasSize(2_000);
  }

  private static Case totpCase(Random r) {
    HmacAlgorithm alg = HmacAlgorithm.values()[r.nextInt(3)];
    int digits = 6 + r.nextInt(3);
    long period =
        switch (r.nextInt(4)) {
          case 0 -> 30;
          case 1 -> 60;
          default -> 1 + r.nextInt(600);
        };
    long t0 = r.nextInt(5) == 0 ? r.nextInt(1_000_000) : 0;
    long now =
        switch (r.nextInt(4)) {
          case 0 -> t0 + (long) (r.nextDouble() * 2_147_483_647L); // before 2038
          case 1 -> 2_147_483_648L + (long) (r.nextDouble() * 2_000_000_000L); // just past 2038
          case 2 -> 32_503_680_000L + (long) (r.nextDouble() * 1_000_000_000L); // year 3000+
          default -> t0 + r.nextInt(100_000);
        };
    OtpSecret secret = randomSecret(r, alg);
    OtpParameters p =
        new OtpParameters(alg, digits, Duration.ofSeconds(period), Instant.ofEpochSecond(t0));
    long step = p.stepAtEpochSecond(now);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i <= EXTRA; i++) {
      expected.add(Totp.codeAtStep(secret, p, step + i));
    }
    List<String> cmd =
        List.of(
            OATHTOOL,
            "--totp=" + alg.uriName(),
            "-d",
            "" + digits,
            "-s",
            period + "s",
            "-S",
            "@" + t0,
            "-N",
            "@" + now,
            "-w",
            "" + EXTRA,
            "-b",
            secret.revealBase32());
    String desc =
        "totp "
            + alg
            + " digits="
            + digits
            + " period="
            + period
            + " t0="
            + t0
            + " now="
            + now
            + " secretLength="
            + secret.length();
    return new Case(cmd, expected, desc);
  }

  private static Case hotpCase(Random r) {
    int digits = 6 + r.nextInt(3);
    long counter =
        switch (r.nextInt(3)) {
          case 0 -> r.nextInt(1000);
          case 1 -> r.nextLong() >>> 1 >>> r.nextInt(63);
          default -> 4_294_967_296L + r.nextInt(1000); // above 32 bits
        };
    OtpSecret secret = randomSecret(r, HmacAlgorithm.SHA1);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i <= EXTRA; i++) {
      expected.add(Hotp.code(secret, HmacAlgorithm.SHA1, digits, counter + i));
    }
    List<String> cmd =
        List.of(
            OATHTOOL,
            "--hotp",
            "-d",
            "" + digits,
            "-c",
            "" + counter,
            "-w",
            "" + EXTRA,
            "-b",
            secret.revealBase32());
    return new Case(
        cmd,
        expected,
        "hotp digits=" + digits + " counter=" + counter + " secretLength=" + secret.length());
  }

  private static OtpSecret randomSecret(Random r, HmacAlgorithm alg) {
    int len =
        switch (r.nextInt(4)) {
          case 0 -> alg.macLength();
          case 1 -> OtpSecret.MIN_LENGTH + r.nextInt(20);
          case 2 -> 20 + r.nextInt(60);
          default -> 100 + r.nextInt(100); // longer than a block: hashed first (RFC 2104)
        };
    byte[] b = new byte[len];
    r.nextBytes(b);
    return OtpSecret.fromBytes(b);
  }

  /** Returns null when oathtool agrees, otherwise a description (without the secret). */
  private static String check(Case c) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(c.command()).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      return c.description() + ": oathtool failed: " + out.strip();
    }
    List<String> got = out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    return got.equals(c.expected())
        ? null
        : c.description() + ": ours " + c.expected() + " oathtool " + got;
  }
}

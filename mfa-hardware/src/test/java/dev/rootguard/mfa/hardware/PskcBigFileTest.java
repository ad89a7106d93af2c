package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §3: a 63 MiB PSKC file is read in a child JVM limited to 256 MiB of heap. The reader
 * streams one KeyPackage at a time, so a file of ~76,700 realistic keys (860 bytes each) imports,
 * and one 63 MiB text node is refused naming a limit; neither ends in an OutOfMemoryError. The
 * files are generated into a temporary directory, never committed.
 */
class PskcBigFileTest {
  static final long TARGET = 63L * 1024 * 1024;

  @TempDir Path dir;

  static String keyPackage(int i) {
    byte[] seed = new byte[20];
    for (int j = 0; j < seed.length; j++) {
      seed[j] = (byte) (i * 31 + j * 7);
    }
    String serial = String.format("GALT%08d", i);
    return "  <KeyPackage>\n"
        + "    <!-- batch 2026-12, lot 7, carton "
        + (i / 100)
        + " -->\n"
        + "    <DeviceInfo>\n"
        + "      <Manufacturer>Acme Tokens Inc.</Manufacturer>\n"
        + "      <SerialNo>"
        + serial
        + "</SerialNo>\n"
        + "      <Model>OTP-6 key fob</Model>\n"
        + "    </DeviceInfo>\n"
        + "    <Key Id=\""
        + serial
        + "-1\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\">\n"
        + "      <Issuer>RootGuard Test Vendor</Issuer>\n"
        + "      <AlgorithmParameters>\n"
        + "        <ResponseFormat Length=\"6\" Encoding=\"DECIMAL\"/>\n"
        + "      </AlgorithmParameters>\n"
        + "      <Data>\n"
        + "        <Secret>\n"
        + "          <PlainValue>"
        + Base64.getEncoder().encodeToString(seed)
        + "</PlainValue>\n"
        + "        </Secret>\n"
        + "        <Counter>\n"
        + "          <PlainValue>0</PlainValue>\n"
        + "        </Counter>\n"
        + "      </Data>\n"
        + "      <Policy>\n"
        + "        <StartDate>2026-01-01T00:00:00Z</StartDate>\n"
        + "        <ExpiryDate>2031-01-01T00:00:00Z</ExpiryDate>\n"
        + "        <KeyUsage>OTP</KeyUsage>\n"
        + "      </Policy>\n"
        + "    </Key>\n"
        + "  </KeyPackage>\n";
  }

  static final String HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">\n";
  static final String TAIL = "</KeyContainer>\n";

  String child(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    PskcBigFileWorker.class.getName(),
                    file.toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
    assertThat(p.exitValue()).as("child exit; output:%n%s", out).isZero();
    assertThat(out).doesNotContain("Error");
    return out;
  }

  @Test
  void sixtyThreeMiBOfKeys_importUnder256MiBHeap() throws Exception {
    Path f = dir.resolve("big.pskc");
    int n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write(HEAD);
      long size = HEAD.length() + TAIL.length();
      while (true) {
        String k = keyPackage(n);
        if (size + k.length() > TARGET) {
          break;
        }
        w.write(k);
        size += k.length();
        n++;
      }
      w.write(TAIL);
    }
    assertThat(Files.size(f)).isGreaterThan(62L * 1024 * 1024).isLessThanOrEqualTo(TARGET);
    assertThat(n).isLessThanOrEqualTo(Pskc.MAX_KEYS).isGreaterThan(70_000);
    String out = child(f);
    assertThat(out).contains("tokens=" + n + " errors=0").contains("maxHeapMiB=");
  }

  @Test
  void sixtyThreeMiBInOneElement_refusedNamingTheLimitUnder256MiBHeap() throws Exception {
    Path f = dir.resolve("one-text.pskc");
    try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write(HEAD);
      w.write("<KeyPackage><DeviceInfo><SerialNo>");
      char[] chunk = "0123456789".repeat(100_000).toCharArray();
      for (long written = 0; written < TARGET - 1024; written += chunk.length) {
        w.write(chunk);
      }
      w.write("</SerialNo></DeviceInfo></KeyPackage>");
      w.write(TAIL);
    }
    assertThat(child(f)).contains("refused").contains("limit of");
  }
}

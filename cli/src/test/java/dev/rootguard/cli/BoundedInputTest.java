package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.RootAccountState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BoundedInputTest {
  /** An endless credential report: the header, then user rows forever; counts bytes handed out. */
  static final class EndlessReport extends InputStream {
    private final byte[] header = AuditCommandTest.HEADER.getBytes(StandardCharsets.UTF_8);
    private final byte[] row =
        AuditCommandTest.root("true", "N/A")
            .replace("<root_account>", "alice")
            .getBytes(StandardCharsets.UTF_8);
    long served;

    @Override
    public int read() {
      long i = served++;
      if (i < header.length) {
        return header[(int) i] & 0xff;
      }
      return row[(int) ((i - header.length) % row.length)] & 0xff;
    }
  }

  @Test
  void limit_endlessReport_refusedNamingField_readsAtMostLimitPlusOne() {
    EndlessReport src = new EndlessReport();
    InputStream in = BoundedInput.limit(src, 10_000, "--credential-report");
    assertThatThrownBy(
            () -> RootAccountState.fromCredentialReport(in, CredentialReportOptions.defaults()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("--credential-report"));
    assertThat(src.served).isLessThanOrEqualTo(10_001);
  }

  @Test
  void limit_exactlyMax_readsWhole() throws Exception {
    byte[] data = new byte[100];
    try (InputStream in = BoundedInput.limit(new java.io.ByteArrayInputStream(data), 100, "x")) {
      assertThat(in.readAllBytes()).hasSize(100);
    }
  }

  @Test
  void readAll_oneByteOver_refused(@TempDir Path dir) throws Exception {
    Path p = Files.write(dir.resolve("s.json"), new byte[101]);
    assertThatThrownBy(() -> BoundedInput.readAll(p, 100, "--account-summary"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--account-summary"));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void readAll_devZero_refusedPromptly() {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");
    assertThatThrownBy(() -> BoundedInput.readAll(zero, 1 << 20, "--password-policy"))
        .isInstanceOf(InvalidInputException.class);
  }
}

package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where {@link PcscLibrary} finds pcsc-lite. The expected paths are written out here as the
 * distributions install them (Debian's {@code libpcsclite1} package lists, Fedora's {@code
 * pcsc-lite-libs}), not computed from the code under test.
 */
class PcscLibraryTest {

  private static Properties jvm(String osName, String osArch) {
    Properties p = new Properties();
    p.setProperty("os.name", osName);
    p.setProperty("os.arch", osArch);
    return p;
  }

  /** Every Debian/Ubuntu and Fedora location at once, so the search order decides. */
  private static final Set<Path> EVERYWHERE =
      Set.of(
          Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"),
          Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so.1"),
          Path.of("/usr/lib64/libpcsclite.so.1"),
          Path.of("/usr/lib/libpcsclite.so.1"));

  @Test
  void find_debianAmd64_multiarchRuntimeLibrary() {
    assertThat(PcscLibrary.find(jvm("Linux", "amd64"), EVERYWHERE::contains))
        .contains(Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"));
  }

  @Test
  void find_debianAarch64_neverTheX86Path() {
    assertThat(PcscLibrary.find(jvm("Linux", "aarch64"), EVERYWHERE::contains))
        .contains(Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so.1"));
    Set<Path> onlyX86 = Set.of(Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"));
    assertThat(PcscLibrary.find(jvm("Linux", "aarch64"), onlyX86::contains)).isEmpty();
  }

  @Test
  void find_fedoraX86_64_lib64() {
    Set<Path> fedora = Set.of(Path.of("/usr/lib64/libpcsclite.so.1"));
    assertThat(PcscLibrary.find(jvm("Linux", "amd64"), fedora::contains))
        .contains(Path.of("/usr/lib64/libpcsclite.so.1"));
  }

  @Test
  void find_onlyTheDevSymlink_takesIt() {
    Set<Path> dev = Set.of(Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so"));
    assertThat(PcscLibrary.find(jvm("Linux", "aarch64"), dev::contains))
        .contains(Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so"));
  }

  @Test
  void find_userProperty_wins() {
    Properties p = jvm("Linux", "amd64");
    p.setProperty(PcscLibrary.LIBRARY_PROPERTY, "/opt/pcsc/libpcsclite.so.1");
    assertThat(PcscLibrary.find(p, EVERYWHERE::contains))
        .contains(Path.of("/opt/pcsc/libpcsclite.so.1"));
  }

  @Test
  void find_macOsAndWindows_leaveItToTheJdk() {
    assertThat(PcscLibrary.find(jvm("Mac OS X", "aarch64"), path -> true)).isEmpty();
    assertThat(PcscLibrary.find(jvm("Windows 11", "amd64"), path -> true)).isEmpty();
  }

  @Test
  void find_nothingInstalled_empty() {
    assertThat(PcscLibrary.find(jvm("Linux", "amd64"), path -> false)).isEmpty();
  }

  @Test
  void configure_keepsWhatTheUserSet() {
    String before = System.getProperty("sun.security.smartcardio.t0GetResponse");
    try {
      System.setProperty("sun.security.smartcardio.t0GetResponse", "true");
      PcscLibrary.configure();
      assertThat(System.getProperty("sun.security.smartcardio.t0GetResponse")).isEqualTo("true");
      assertThat(System.getProperty("sun.security.smartcardio.t1GetResponse")).isEqualTo("false");
    } finally {
      if (before == null) {
        System.clearProperty("sun.security.smartcardio.t0GetResponse");
      } else {
        System.setProperty("sun.security.smartcardio.t0GetResponse", before);
      }
    }
  }
}

package dev.rootguard.mfa.hardware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Points the JDK's PC/SC binding ({@code javax.smartcardio}) at the system's pcsc-lite library and
 * lets YubiKit see {@code 61xx} status words, for the running OS and CPU.
 *
 * <p>The JDK looks for {@code libpcsclite.so} without a version suffix, which Debian and Ubuntu
 * ship only in the {@code -dev} package; the runtime package has {@code libpcsclite.so.1} in a
 * multiarch directory such as {@code /usr/lib/x86_64-linux-gnu} or {@code
 * /usr/lib/aarch64-linux-gnu}. {@link #find()} looks there (and in the usual {@code lib64}, {@code
 * lib} and {@code /usr/local} places of other distributions); a {@value #LIBRARY_PROPERTY} set by
 * the user always wins. macOS and Windows need nothing: the JDK's default finds the PC/SC framework
 * and {@code winscard.dll}.
 *
 * <pre>{@code
 * PcscLibrary.configure(); // before the first javax.smartcardio call of the JVM
 * try (PcscSmartCardConnection c = PcscSmartCardConnection.openFirst("", Duration.ofSeconds(5))) {
 *   YubiKeyOath oath = YubiKeyOath.open(c);
 * }
 * }</pre>
 *
 * <p>Thread-safe and stateless; {@link #configure()} only sets system properties that are not set
 * yet, and the JDK reads them once, when its PC/SC provider first loads.
 */
public final class PcscLibrary {
  /** The JDK system property naming the pcsc-lite library it loads. */
  public static final String LIBRARY_PROPERTY = "sun.security.smartcardio.library";

  private static final String T0_GET_RESPONSE = "sun.security.smartcardio.t0GetResponse";
  private static final String T1_GET_RESPONSE = "sun.security.smartcardio.t1GetResponse";

  private PcscLibrary() {}

  /**
   * The pcsc-lite library for this JVM: {@value #LIBRARY_PROPERTY} when set, else the first
   * existing file among the places this OS and CPU keep it.
   *
   * @return the library, or empty when none is found or the JDK's default needs no help (macOS,
   *     Windows)
   */
  public static Optional<Path> find() {
    return find(System.getProperties(), Files::isRegularFile);
  }

  /**
   * {@link #find()} for given system properties ({@code os.name}, {@code os.arch}, {@value
   * #LIBRARY_PROPERTY}) and file test; the seam tests use.
   */
  static Optional<Path> find(Properties props, Predicate<Path> exists) {
    String override = props.getProperty(LIBRARY_PROPERTY);
    if (override != null && !override.isBlank()) {
      return Optional.of(Path.of(override.strip()));
    }
    return candidates(props.getProperty("os.name", ""), props.getProperty("os.arch", "")).stream()
        .filter(exists)
        .findFirst();
  }

  /**
   * Where the library lives, most specific first, for an OS and CPU as the JVM names them ({@code
   * os.name}, {@code os.arch}); empty where the JDK's default already works.
   */
  static List<Path> candidates(String osName, String osArch) {
    if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return List.of();
    }
    List<String> dirs = new ArrayList<>();
    multiarch(osArch.toLowerCase(Locale.ROOT))
        .ifPresent(
            triplet -> {
              dirs.add("/usr/lib/" + triplet);
              dirs.add("/lib/" + triplet);
            });
    if (is64Bit(osArch)) {
      dirs.add("/usr/lib64"); // Fedora, RHEL, openSUSE
    }
    dirs.add("/usr/lib"); // Arch, Alpine
    dirs.add("/usr/local/lib");
    List<Path> out = new ArrayList<>();
    for (String d : dirs) {
      out.add(Path.of(d, "libpcsclite.so.1"));
      out.add(Path.of(d, "libpcsclite.so"));
    }
    return List.copyOf(out);
  }

  /** The Debian multiarch triplet of a JVM {@code os.arch}. */
  private static Optional<String> multiarch(String arch) {
    return Optional.ofNullable(
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64-linux-gnu";
          case "aarch64", "arm64" -> "aarch64-linux-gnu";
          case "arm", "armv7l", "armhf" -> "arm-linux-gnueabihf";
          case "x86", "i386", "i486", "i586", "i686" -> "i386-linux-gnu";
          case "ppc64le" -> "powerpc64le-linux-gnu";
          case "s390x" -> "s390x-linux-gnu";
          case "riscv64" -> "riscv64-linux-gnu";
          default -> null;
        });
  }

  private static boolean is64Bit(String arch) {
    return arch.contains("64") || arch.equals("s390x");
  }

  /**
   * Prepares the JDK's PC/SC provider for YubiKeys, keeping every property the user set: the
   * library from {@link #find()}, and {@code t0GetResponse} / {@code t1GetResponse} off so that
   * YubiKit answers a {@code 61xx} status itself (YKOATH continues with SEND REMAINING, {@code INS
   * A5}, not GET RESPONSE). Call it before the JVM's first {@code javax.smartcardio} call.
   */
  public static void configure() {
    Properties p = System.getProperties();
    p.putIfAbsent(T0_GET_RESPONSE, "false");
    p.putIfAbsent(T1_GET_RESPONSE, "false");
    find().ifPresent(lib -> p.putIfAbsent(LIBRARY_PROPERTY, lib.toString()));
  }
}

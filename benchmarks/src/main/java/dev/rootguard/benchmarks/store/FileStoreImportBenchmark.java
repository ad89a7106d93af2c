package dev.rootguard.benchmarks.store;

import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.mfa.hardware.Pskc;
import dev.rootguard.mfa.hardware.PskcKey;
import dev.rootguard.seal.LocalKeySealer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code rootguard tokens import --owner root} does with a vendor's 10,000-token PSKC file,
 * one shot at a time (each import is a new, empty store file, so {@link Mode#SingleShotTime}):
 *
 * <ul>
 *   <li>{@code pskcFileIntoStore}: read the PSKC file (AES-128-CBC secrets under a pre-shared key,
 *       HMAC-SHA1 MACs), then one {@code addAll} into a {@link JsonFileTokenStore}: every seed
 *       sealed with AES-256-GCM, one locked, fsynced, atomic write.
 *   <li>{@code addAllIntoStore}: the store's part alone, from tokens already read.
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'store.FileStoreImportBenchmark' -f 1 -wi 3 -i 10
 * }</pre>
 *
 * <p>Not thread-safe; JMH runs it on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FileStoreImportBenchmark {
  private static final byte[] TRANSPORT_KEY = new byte[16];
  private static final Principal OWNER = Principal.of("arn:aws:iam::123456789012:root");

  @Param({"10000"})
  int tokens;

  byte[] pskc;
  List<HardwareToken> parsed;
  LocalKeySealer sealer;
  Path dir;
  Path store;
  int round;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    pskc = vendorFile(tokens, new Random(10_000));
    parsed = read();
    dir = Files.createTempDirectory("rootguard-import-bench");
    sealer = LocalKeySealer.openOrCreate(dir.resolve("seal.key"));
  }

  @Setup(Level.Invocation)
  public void newStore() {
    store = dir.resolve("stores/tokens-" + round++ + ".json");
  }

  @TearDown(Level.Invocation)
  public void check() throws IOException {
    if (JsonFileTokenStore.open(store, sealer).serials().size() != tokens) {
      throw new IllegalStateException("bug: not every token was imported");
    }
    Files.delete(store);
  }

  @TearDown(Level.Trial)
  public void removeFiles() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private List<HardwareToken> read() {
    return Pskc.read(new ByteArrayInputStream(pskc), PskcKey.preShared("transport", TRANSPORT_KEY))
        .requireComplete();
  }

  @Benchmark
  public JsonFileTokenStore pskcFileIntoStore() {
    List<HardwareToken> imported = read();
    JsonFileTokenStore s = JsonFileTokenStore.open(store, sealer);
    s.addAll(imported, OWNER);
    return s;
  }

  @Benchmark
  public JsonFileTokenStore addAllIntoStore() {
    JsonFileTokenStore s = JsonFileTokenStore.open(store, sealer);
    s.addAll(parsed, OWNER);
    return s;
  }

  /** A PSKC file as a vendor ships it: TOTP fobs, secrets encrypted, each with its MAC. */
  static byte[] vendorFile(int n, Random random) throws GeneralSecurityException {
    byte[] macKey = new byte[20];
    random.nextBytes(macKey);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(macKey, "HmacSHA1"));
    Base64.Encoder b64 = Base64.getEncoder();
    StringBuilder x = new StringBuilder(n * 1000);
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"")
        .append(" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"")
        .append(" xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">\n")
        .append("<EncryptionKey><ds:KeyName>transport</ds:KeyName></EncryptionKey>\n")
        .append("<MACMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\"><MACKey>")
        .append(encrypted(macKey, random, b64))
        .append("</MACKey></MACMethod>\n");
    byte[] seed = new byte[20];
    for (int i = 0; i < n; i++) {
      random.nextBytes(seed);
      String value = encrypted(seed, random, b64);
      String cipherValue =
          value.substring(
              value.indexOf("<xenc:CipherValue>") + 18, value.indexOf("</xenc:CipherValue>"));
      byte[] tag = mac.doFinal(Base64.getDecoder().decode(cipherValue));
      x.append("<KeyPackage><DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>")
          .append(String.format("FOB%07d", i))
          .append("</SerialNo></DeviceInfo><Key Id=\"k")
          .append(i)
          .append("\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:totp\">")
          .append("<AlgorithmParameters><ResponseFormat Length=\"6\" Encoding=\"DECIMAL\"/>")
          .append("</AlgorithmParameters><Data><Secret><EncryptedValue>")
          .append(value)
          .append("</EncryptedValue><ValueMAC>")
          .append(b64.encodeToString(tag))
          .append("</ValueMAC></Secret><TimeInterval><PlainValue>30</PlainValue>")
          .append("</TimeInterval></Data></Key></KeyPackage>\n");
    }
    return x.append("</KeyContainer>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** XML Encryption aes128-cbc: the IV is the first block of the cipher value. */
  private static String encrypted(byte[] plain, Random random, Base64.Encoder b64)
      throws GeneralSecurityException {
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(TRANSPORT_KEY, "AES"), new IvParameterSpec(iv));
    byte[] body = c.doFinal(plain);
    byte[] all = new byte[16 + body.length];
    System.arraycopy(iv, 0, all, 0, 16);
    System.arraycopy(body, 0, all, 16, body.length);
    return "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"
        + "<xenc:CipherData><xenc:CipherValue>"
        + b64.encodeToString(all)
        + "</xenc:CipherValue></xenc:CipherData>";
  }
}

package dev.rootguard.benchmarks.hardware;

import dev.rootguard.mfa.hardware.Pskc;
import dev.rootguard.mfa.hardware.PskcImport;
import dev.rootguard.mfa.hardware.PskcKey;
import dev.rootguard.mfa.hardware.internal.Crypto;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Importing a 10,000-token PSKC file: AES-128-CBC secrets under a pre-shared key, HMAC-SHA1 MACs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PskcImportBenchmark {
  static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

  @Param({"10000"})
  int tokens;

  byte[] file;

  @Setup
  public void setUp() {
    Random rnd = new Random(6030);
    byte[] macKey = new byte[20];
    rnd.nextBytes(macKey);
    byte[] iv = new byte[16];
    rnd.nextBytes(iv);
    StringBuilder b = new StringBuilder(tokens * 900);
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pskc:KeyContainer Version=\"1.0\"")
        .append(
            " xmlns:pskc=\"urn:ietf:params:xml:ns:keyprov:pskc\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"")
        .append(" xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">\n")
        .append("<pskc:EncryptionKey><ds:KeyName>bench</ds:KeyName></pskc:EncryptionKey>\n")
        .append(
            "<pskc:MACMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\"><pskc:MACKey>")
        .append(
            "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/><xenc:CipherData><xenc:CipherValue>")
        .append(Base64.getEncoder().encodeToString(Crypto.aesCbcEncrypt(KEY, iv, macKey)))
        .append("</xenc:CipherValue></xenc:CipherData></pskc:MACKey></pskc:MACMethod>\n");
    for (int i = 0; i < tokens; i++) {
      byte[] secret = new byte[20];
      rnd.nextBytes(secret);
      rnd.nextBytes(iv);
      byte[] cv = Crypto.aesCbcEncrypt(KEY, iv, secret);
      byte[] mac = Crypto.hmac("HmacSHA1", macKey, cv);
      b.append(
              "<pskc:KeyPackage><pskc:DeviceInfo><pskc:Manufacturer>Acme</pskc:Manufacturer><pskc:SerialNo>GALT")
          .append(String.format("%08d", i))
          .append("</pskc:SerialNo><pskc:ExpiryDate>2031-01-01T00:00:00Z</pskc:ExpiryDate>")
          .append("</pskc:DeviceInfo><pskc:Key Id=\"")
          .append(i)
          .append(
              "\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:totp\"><pskc:AlgorithmParameters>")
          .append(
              "<pskc:ResponseFormat Length=\"6\" Encoding=\"DECIMAL\"/></pskc:AlgorithmParameters><pskc:Data><pskc:Secret>")
          .append(
              "<pskc:EncryptedValue><xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>")
          .append("<xenc:CipherData><xenc:CipherValue>")
          .append(Base64.getEncoder().encodeToString(cv))
          .append("</xenc:CipherValue></xenc:CipherData></pskc:EncryptedValue><pskc:ValueMAC>")
          .append(Base64.getEncoder().encodeToString(mac))
          .append("</pskc:ValueMAC></pskc:Secret>")
          .append(
              "<pskc:TimeInterval><pskc:PlainValue>30</pskc:PlainValue></pskc:TimeInterval></pskc:Data></pskc:Key></pskc:KeyPackage>\n");
    }
    b.append("</pskc:KeyContainer>\n");
    file = b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public PskcImport import10000() {
    PskcImport r = Pskc.read(new ByteArrayInputStream(file), PskcKey.preShared("bench", KEY));
    if (r.tokens().size() != tokens) {
      throw new IllegalStateException("bug: imported " + r.tokens().size());
    }
    return r;
  }
}

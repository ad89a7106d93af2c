package dev.rootguard.mfa.hardware;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.seal.LocalKeySealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test main run in separate JVMs by {@link JsonFileTokenStoreProcessesTest}:
 *
 * <ul>
 *   <li>{@code verify <store> <seal key> <start file> <threads> <serial> <code>…}: waits for the
 *       start file, then for each code in turn lets {@code threads} threads verify it at once and
 *       prints {@code <code> <accepted>}.
 *   <li>{@code import-loop <store> <seal key> <batch> <prefix>}: adds batches of {@code batch}
 *       tokens, one {@code addAll} (one write) each, printing {@code wrote <n>}, until killed.
 * </ul>
 */
final class StoreWorker {
  private StoreWorker() {}

  public static void main(String[] args) throws Exception {
    JsonFileTokenStore store =
        JsonFileTokenStore.open(Path.of(args[1]), LocalKeySealer.open(Path.of(args[2])));
    switch (args[0]) {
      case "verify" -> verify(store, args);
      case "import-loop" -> importLoop(store, Integer.parseInt(args[3]), args[4]);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void verify(JsonFileTokenStore store, String[] args) throws Exception {
    Path start = Path.of(args[3]);
    int threads = Integer.parseInt(args[4]);
    String serial = args[5];
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(store).build();
    Principal owner = store.state(serial).orElseThrow().owner().orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(start) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    for (int i = 6; i < args.length; i++) {
      String code = args[i];
      List<MfaResult> results =
          ConcurrentAttempts.race(
              threads,
              () ->
                  v.verify(
                      MfaAttempt.of(owner, Factor.HARDWARE_OTP, CredentialId.of(serial), code)));
      long accepted = results.stream().filter(MfaResult::isAccepted).count();
      System.out.println(code + " " + accepted);
    }
    System.out.flush();
  }

  private static void importLoop(JsonFileTokenStore store, int batch, String prefix) {
    byte[] seed = new byte[20];
    for (int round = 0; ; round++) {
      List<HardwareToken> tokens = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        seed[0] = (byte) i;
        seed[1] = (byte) round;
        tokens.add(
            HardwareToken.builder(prefix + "-" + round + "-" + i, OathType.TOTP, seed).build());
      }
      store.addAll(tokens);
      System.out.println("wrote " + (round + 1));
      System.out.flush();
    }
  }
}

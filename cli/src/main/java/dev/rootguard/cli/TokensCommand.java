package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.Printable;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.HardwareTokenVerifier;
import dev.rootguard.mfa.hardware.OathCredential;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.PcscSmartCardConnection;
import dev.rootguard.mfa.hardware.Pskc;
import dev.rootguard.mfa.hardware.PskcError;
import dev.rootguard.mfa.hardware.PskcImport;
import dev.rootguard.mfa.hardware.PskcKey;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubiKeyOath;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.mfa.hardware.YubicoOtpMatch;
import dev.rootguard.mfa.hardware.YubicoOtpVerifier;
import dev.rootguard.mfa.totp.TotpMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code rootguard tokens}: hardware OATH tokens from PSKC files, Yubico OTP keys and YubiKeys over
 * PC/SC. Every command keeps its state in {@code --store FILE} (default {@code
 * ~/.rootguard/tokens.json}; opened through {@link StoreLocation}, safe to share between processes,
 * one atomic write per command, mode 600) with its secrets sealed by the key in {@code --seal-key
 * FILE} (default {@code ~/.rootguard/seal.key}, created on first use). Secrets are never printed;
 * secret options also come from a file, an environment variable or a prompt ({@link SecretInput}).
 *
 * <pre>{@code
 * rootguard tokens --store /var/lib/rootguard/tokens.json import vendor.pskc --key-file psk.hex --owner root
 * rootguard tokens --store /var/lib/rootguard/tokens.json verify GALT12345678 492039
 * }</pre>
 *
 * <p>Not thread-safe (picocli fills one instance per run); the stores it opens are.
 */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description =
        "Hardware tokens: PSKC import, verify, resync; Yubico OTP; YubiKey OATH over PC/SC.",
    subcommands = {
      TokensCommand.Import.class,
      TokensCommand.ListTokens.class,
      TokensCommand.Assign.class,
      TokensCommand.Disable.class,
      TokensCommand.Expired.class,
      TokensCommand.Verify.class,
      TokensCommand.Resync.class,
      TokensCommand.Yubico.class,
      TokensCommand.YubiKey.class,
      CommandLine.HelpCommand.class
    })
public final class TokensCommand implements Runnable {
  /** Clock for verification; tests replace it. */
  static Clock clock = Clock.systemUTC();

  @Option(
      names = "--store",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Token store file (secrets sealed; default: ~/.rootguard/tokens.json).")
  String store;

  @Option(
      names = "--seal-key",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Seal key file that seals the store's secrets (default: ~/.rootguard/seal.key,"
              + " created mode 600 on first use; back it up).")
  Path sealKey;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code tokens import --key}: the PSKC pre-shared AES key. */
  static final SecretInput.Option PSKC_KEY =
      new SecretInput.Option(
          "--key", "--key-file", "ROOTGUARD_PSKC_KEY", "PSKC pre-shared key (hex)");

  /** {@code tokens import --password}: the PSKC file's password. */
  static final SecretInput.Option PSKC_PASSWORD =
      new SecretInput.Option(
          "--password", "--password-file", "ROOTGUARD_PSKC_PASSWORD", "PSKC password");

  /** {@code tokens yubico add --private-id}: the Yubico OTP private identity. */
  static final SecretInput.Option YUBICO_PRIVATE_ID =
      new SecretInput.Option(
          "--private-id",
          "--private-id-file",
          "ROOTGUARD_YUBICO_PRIVATE_ID",
          "Yubico OTP private id (12 hex digits)");

  /** {@code tokens yubico add --aes-key}: the Yubico OTP AES key. */
  static final SecretInput.Option YUBICO_AES_KEY =
      new SecretInput.Option(
          "--aes-key",
          "--aes-key-file",
          "ROOTGUARD_YUBICO_AES_KEY",
          "Yubico OTP AES key (32 hex digits)");

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Shared by the subcommands: the store option (inherited) and output. */
  abstract static class Base implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    StoreLocation.HardwareStores openStore() {
      for (CommandLine.Model.CommandSpec c = spec; c != null; c = c.parent()) {
        if (c.userObject() instanceof TokensCommand t) {
          return StoreLocation.openHardware(
              t.store != null ? t.store : StoreLocation.defaultTokenStore(),
              StoreLocation.sealer(t.sealKey));
        }
      }
      throw new IllegalStateException("bug: no tokens command above " + spec.qualifiedName());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    /** Prints one line to standard output and returns exit code 0. */
    int done(String line) {
      out().println(line);
      out().flush();
      return 0;
    }

    static byte[] hex(String field, String value) {
      try {
        return HexFormat.of().parseHex(value.strip());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(field, "must be hexadecimal");
      }
    }

    int verdict(MfaResult r, String what) {
      if (r instanceof MfaResult.Accepted a) {
        String detail = "";
        if (a.detail() instanceof TotpMatch m) {
          detail = " (step/counter " + m.step() + ", drift " + m.drift() + ")";
        } else if (a.detail() instanceof YubicoOtpMatch m) {
          detail = " (session " + m.sessionCounter() + ", use " + m.sessionUse() + ")";
        }
        out().println("accepted: " + what + " " + a.credential() + detail);
        out().flush();
        return 0;
      }
      MfaResult.Rejected rej = (MfaResult.Rejected) r;
      out().println("rejected: " + rej.reason() + " - " + rej.reason().message(Locale.ENGLISH));
      out().flush();
      return RootGuardCli.EXIT_VERDICT;
    }

    /**
     * {@link #verdict} for a token or key named by {@code id}; when it is assigned to nobody, also
     * prints on stderr the command that assigns it.
     */
    int verdict(MfaResult r, String what, String id) {
      int exit = verdict(r, what);
      if (r instanceof MfaResult.Rejected rej
          && rej.reason() == MfaResult.Reason.CREDENTIAL_NOT_ASSIGNED) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "hint: assign it first: rootguard tokens assign " + Printable.escape(id) + " USER");
        err.flush();
      }
      return exit;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Import the tokens of a PSKC (RFC 6030) file into the store.")
  static final class Import extends Base {
    @Parameters(index = "0", paramLabel = "FILE.pskc", description = "The vendor's PSKC file.")
    Path file;

    @Option(
        names = "--key",
        paramLabel = "HEX",
        description = {"Pre-shared AES key (hex). " + SecretInput.VISIBLE_HELP})
    String key;

    @Option(
        names = "--key-file",
        paramLabel = "FILE",
        description =
            "Read the pre-shared AES key (hex) from FILE (or set ROOTGUARD_PSKC_KEY). "
                + SecretInput.FILE_HELP)
    Path keyFile;

    @Option(
        names = "--key-name",
        paramLabel = "NAME",
        description = "Expected pre-shared key name.")
    String keyName;

    @Option(
        names = "--password",
        arity = "0..1",
        interactive = true,
        paramLabel = "PASSWORD",
        description = {
          "The file is password-protected (PBKDF2); prompts without echo when no value is given"
              + " (preferred). A value given here is visible to other users in ps."
        })
    char[] password;

    @Option(
        names = "--password-file",
        paramLabel = "FILE",
        description =
            "Read the PSKC password from FILE (or set ROOTGUARD_PSKC_PASSWORD). "
                + SecretInput.FILE_HELP)
    Path passwordFile;

    @Option(
        names = "--owner",
        paramLabel = "PRINCIPAL",
        description = "Assign every imported token to this principal.")
    String owner;

    @Option(
        names = "--partial",
        description = "Import the good keys even if some are bad (exit code stays 1).")
    boolean partial;

    @Option(
        names = "--allow-plaintext-secrets",
        description = {
          "Accept plaintext secrets in a file that declares encryption or a MAC. Refused by"
              + " default: no MAC covers them, so whoever could edit the file could have planted"
              + " a seed they know."
        })
    boolean allowPlaintextSecrets;

    @Override
    public Integer call() throws IOException {
      // At most one of the key and the password, each from one source.
      Optional<SecretInput.Resolved> secret =
          SecretInput.of(spec)
              .optional(
                  SecretInput.given(PSKC_KEY, key, keyFile),
                  SecretInput.given(
                      PSKC_PASSWORD, password == null ? null : new String(password), passwordFile));
      if (password != null) {
        Arrays.fill(password, '\0');
      }
      PskcKey k = PskcKey.none();
      if (secret.isPresent() && secret.get().option() == PSKC_KEY) {
        byte[] raw = hex("--key", secret.get().value());
        k = keyName == null ? PskcKey.preShared(raw) : PskcKey.preShared(keyName, raw);
        Arrays.fill(raw, (byte) 0);
      } else if (secret.isPresent()) {
        char[] pw = secret.get().value().toCharArray();
        k = PskcKey.password(pw);
        Arrays.fill(pw, '\0');
      }
      if (allowPlaintextSecrets) {
        k = k.allowPlaintextSecrets(); // shares the secret: k.destroy() below wipes it
      }
      PskcImport result;
      try (InputStream in = Files.newInputStream(file)) {
        result = Pskc.read(in, k);
      } catch (NoSuchFileException e) {
        throw new InvalidInputException("FILE", "no such file: " + file);
      } finally {
        k.destroy();
      }
      for (PskcError e : result.errors()) {
        err().println("bad key: " + e);
      }
      if (!allowPlaintextSecrets
          && result.errors().stream().anyMatch(e -> e.element().endsWith("Secret/PlainValue"))) {
        err()
            .println(
                "hint: --allow-plaintext-secrets accepts plaintext secrets in an encrypted or"
                    + " MAC-protected file, if you trust the file by other means");
      }
      if (!result.isComplete() && !partial) {
        err()
            .println(
                "nothing imported: "
                    + result.errors().size()
                    + " bad key(s); use --partial to import the rest");
        err().flush();
        result.destroyAll();
        return RootGuardCli.EXIT_VERDICT;
      }
      StoreLocation.HardwareStores s = openStore();
      // Every key was checked by Pskc.read; now one all-or-nothing write (a duplicate serial
      // imports nothing).
      if (owner == null) {
        s.tokens().addAll(result.tokens());
      } else {
        s.tokens().addAll(result.tokens(), Principal.of(owner));
      }
      for (HardwareToken t : result.tokens()) {
        out()
            .println(
                "imported "
                    + Printable.escape(t.serial())
                    + " ("
                    + t.type()
                    + ", "
                    + t.algorithm()
                    + ", "
                    + t.digits()
                    + " digits)");
      }
      out().println(result.tokens().size() + " token(s) imported into " + s.description());
      out().flush();
      err().flush();
      return result.isComplete() ? 0 : RootGuardCli.EXIT_VERDICT;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List tokens and Yubico keys (no secrets).")
  static final class ListTokens extends Base {
    @Override
    public Integer call() {
      StoreLocation.HardwareStores stores = openStore();
      TokenStore s = stores.tokens();
      YubicoKeyStore y = stores.yubicoKeys();
      Instant now = clock.instant();
      for (String serial : s.serials()) {
        HardwareToken t = s.token(serial).orElseThrow();
        TokenState st = s.state(serial).orElseThrow();
        out()
            .printf(
                Locale.ROOT,
                "%s\t%s\t%s\t%d digits\t%s\towner=%s%s%s%n",
                Printable.escape(serial),
                t.type(),
                t.algorithm(),
                t.digits(),
                t.type() == OathType.TOTP
                    ? t.timeStep().getSeconds() + "s drift=" + st.driftSteps()
                    : "counter=" + st.lastSequence().orElse(t.counter() - 1),
                st.owner().map(o -> Printable.escape(o.id())).orElse("-"),
                st.disabled() ? "\tDISABLED" : "",
                t.isExpiredAt(now)
                    ? "\tEXPIRED"
                    : t.validUntil().map(u -> "\tvalid until " + u).orElse(""));
      }
      for (String id : y.yubicoPublicIds()) {
        TokenState st = y.yubicoKeyState(id).orElseThrow();
        out()
            .printf(
                Locale.ROOT,
                "%s\tYUBICO_OTP\towner=%s%s%n",
                id,
                st.owner().map(o -> Printable.escape(o.id())).orElse("-"),
                st.disabled() ? "\tDISABLED" : "");
      }
      out().flush();
      return 0;
    }
  }

  @Command(
      name = "assign",
      mixinStandardHelpOptions = true,
      description = "Assign a token or Yubico key to a principal.")
  static final class Assign extends Base {
    @Parameters(index = "0", paramLabel = "SERIAL")
    String serial;

    @Parameters(index = "1", paramLabel = "PRINCIPAL")
    String principal;

    @Override
    public Integer call() {
      StoreLocation.HardwareStores s = openStore();
      if (s.yubicoKeys().yubicoKeyState(serial).isPresent()) {
        s.yubicoKeys().assignYubicoKey(serial, Principal.of(principal));
      } else {
        s.tokens().assign(serial, Principal.of(principal));
      }
      return done("assigned " + serial + " to " + principal);
    }
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disable (or --enable) a token.")
  static final class Disable extends Base {
    @Parameters(index = "0", paramLabel = "SERIAL")
    String serial;

    @Option(names = "--enable", description = "Enable it again.")
    boolean enable;

    @Override
    public Integer call() {
      StoreLocation.HardwareStores s = openStore();
      if (s.yubicoKeys().yubicoKeyState(serial).isPresent()) {
        s.yubicoKeys().updateYubicoKey(serial, st -> st.withDisabled(!enable));
      } else {
        s.tokens().setDisabled(serial, !enable);
      }
      return done((enable ? "enabled " : "disabled ") + serial);
    }
  }

  @Command(
      name = "expired",
      mixinStandardHelpOptions = true,
      description = "List tokens whose validity has ended (exit 1 if any).")
  static final class Expired extends Base {
    @Override
    public Integer call() {
      List<String> ended = openStore().tokens().expiredAt(clock.instant());
      ended.forEach(out()::println);
      out().flush();
      return ended.isEmpty() ? 0 : RootGuardCli.EXIT_VERDICT;
    }
  }

  static Principal principalFor(Optional<TokenState> state, String given) {
    if (given != null) {
      return Principal.of(given);
    }
    return state.flatMap(TokenState::owner).orElse(Principal.of("unassigned"));
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Verify a code from a token (exit 0 accepted, 1 rejected).")
  static final class Verify extends Base {
    @Parameters(index = "0", paramLabel = "SERIAL")
    String serial;

    @Parameters(index = "1", paramLabel = "CODE")
    String code;

    @Option(
        names = "--principal",
        paramLabel = "PRINCIPAL",
        description = "Who is signing in (default: the token's owner).")
    String principal;

    @Override
    public Integer call() {
      TokenStore s = openStore().tokens();
      Principal p = principalFor(s.state(serial), principal);
      HardwareTokenVerifier v = HardwareTokenVerifier.builder(s).clock(clock).build();
      return verdict(
          v.verify(MfaAttempt.of(p, Factor.HARDWARE_OTP, CredentialId.of(serial), code)),
          "token",
          serial);
    }
  }

  @Command(
      name = "resync",
      mixinStandardHelpOptions = true,
      description = "Resynchronize a token with two consecutive codes (as AWS ResyncMFADevice).")
  static final class Resync extends Base {
    @Parameters(index = "0", paramLabel = "SERIAL")
    String serial;

    @Parameters(index = "1", paramLabel = "CODE1")
    String code1;

    @Parameters(index = "2", paramLabel = "CODE2")
    String code2;

    @Option(
        names = "--principal",
        paramLabel = "PRINCIPAL",
        description = "Who owns it (default: the token's owner).")
    String principal;

    @Override
    public Integer call() {
      TokenStore s = openStore().tokens();
      Principal p = principalFor(s.state(serial), principal);
      HardwareTokenVerifier v = HardwareTokenVerifier.builder(s).clock(clock).build();
      return verdict(v.resync(p, serial, code1, code2), "resynchronized", serial);
    }
  }

  @Command(
      name = "yubico",
      mixinStandardHelpOptions = true,
      description = "Yubico OTP keys.",
      subcommands = {Yubico.Add.class, Yubico.VerifyOtp.class, CommandLine.HelpCommand.class})
  static final class Yubico implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
          "Add a Yubico OTP key to the store. Give each secret from a file, its environment"
              + " variable or, in a terminal, the no-echo prompt (asked when none is given)."
        })
    static final class Add extends Base {
      @Option(names = "--public-id", required = true, paramLabel = "MODHEX")
      String publicId;

      @Option(
          names = "--private-id",
          paramLabel = "HEX",
          description = {"Private id, 12 hex digits. " + SecretInput.VISIBLE_HELP})
      String privateId;

      @Option(
          names = "--private-id-file",
          paramLabel = "FILE",
          description =
              "Read the private id from FILE (or set ROOTGUARD_YUBICO_PRIVATE_ID). "
                  + SecretInput.FILE_HELP)
      Path privateIdFile;

      @Option(
          names = "--aes-key",
          paramLabel = "HEX",
          description = {"AES key, 32 hex digits. " + SecretInput.VISIBLE_HELP})
      String aesKey;

      @Option(
          names = "--aes-key-file",
          paramLabel = "FILE",
          description =
              "Read the AES key from FILE (or set ROOTGUARD_YUBICO_AES_KEY). "
                  + SecretInput.FILE_HELP)
      Path aesKeyFile;

      @Option(
          names = "--owner",
          paramLabel = "PRINCIPAL",
          description = "Assign it to this principal.")
      String owner;

      @Override
      public Integer call() {
        SecretInput in = SecretInput.of(spec);
        String privateHex =
            in.required(SecretInput.given(YUBICO_PRIVATE_ID, privateId, privateIdFile)).value();
        String aesHex = in.required(SecretInput.given(YUBICO_AES_KEY, aesKey, aesKeyFile)).value();
        YubicoKey k = YubicoKey.fromHex(publicId, privateHex, aesHex);
        YubicoKeyStore s = openStore().yubicoKeys();
        if (owner == null) {
          s.addYubicoKey(k);
        } else {
          s.addYubicoKey(k, Principal.of(owner));
        }
        return done("added Yubico key " + k.publicId());
      }
    }

    @Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verify a Yubico OTP (exit 0 accepted, 1 rejected).")
    static final class VerifyOtp extends Base {
      @Parameters(index = "0", paramLabel = "OTP")
      String otp;

      @Option(
          names = "--principal",
          paramLabel = "PRINCIPAL",
          description = "Who is signing in (default: the key's owner).")
      String principal;

      @Override
      public Integer call() {
        YubicoKeyStore s = openStore().yubicoKeys();
        String id =
            otp.length() > YubicoOtpVerifier.TOKEN_LENGTH
                ? otp.substring(0, otp.length() - YubicoOtpVerifier.TOKEN_LENGTH)
                    .toLowerCase(Locale.ROOT)
                : "";
        Principal p =
            principalFor(id.isEmpty() ? Optional.empty() : s.yubicoKeyState(id), principal);
        YubicoOtpVerifier v = YubicoOtpVerifier.builder(s).clock(clock).build();
        return verdict(
            v.verify(MfaAttempt.builder(p, Factor.YUBICO_OTP).response(otp).build()),
            "Yubico key",
            id);
      }
    }
  }

  @Command(
      name = "yubikey",
      mixinStandardHelpOptions = true,
      description = "A YubiKey's OATH credentials over PC/SC.",
      subcommands = {YubiKey.ListCreds.class, YubiKey.Code.class, CommandLine.HelpCommand.class})
  static final class YubiKey implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Lets YubiKit see 61xx (YKOATH answers it with SEND REMAINING, INS A5) and points the JDK at
     * pcsc-lite on Debian/Ubuntu, unless the user set these already. Read once, when the JDK's
     * PC/SC provider first loads, so this runs before any PC/SC call.
     */
    static void configurePcsc() {
      System.getProperties().putIfAbsent("sun.security.smartcardio.t0GetResponse", "false");
      System.getProperties().putIfAbsent("sun.security.smartcardio.t1GetResponse", "false");
      Path lib = Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1");
      if (Files.exists(lib)) {
        System.getProperties().putIfAbsent("sun.security.smartcardio.library", lib.toString());
      }
    }

    abstract static class OnKey extends Base {
      @Option(
          names = "--reader",
          paramLabel = "NAME",
          defaultValue = "",
          description = "Part of the PC/SC reader name (default: the first reader).")
      String reader;

      @Option(
          names = "--wait",
          paramLabel = "SECONDS",
          defaultValue = "5",
          description = "Seconds to wait for a key.")
      int waitSeconds;

      abstract int with(YubiKeyOath oath);

      @Override
      public Integer call() throws IOException {
        configurePcsc();
        try (PcscSmartCardConnection c =
            PcscSmartCardConnection.openFirst(reader, Duration.ofSeconds(waitSeconds))) {
          return with(YubiKeyOath.open(c));
        }
      }
    }

    @Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List the OATH credentials on the YubiKey.")
    static final class ListCreds extends OnKey {
      @Override
      int with(YubiKeyOath oath) {
        for (OathCredential c : oath.listCredentials()) {
          out()
              .println(
                  c.name()
                      + "\t"
                      + c.type()
                      + "\t"
                      + c.algorithm()
                      + "\t"
                      + c.period().getSeconds()
                      + "s");
        }
        out().flush();
        return 0;
      }
    }

    @Command(
        name = "code",
        mixinStandardHelpOptions = true,
        description = "Show the current TOTP code of a credential.")
    static final class Code extends OnKey {
      @Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Override
      int with(YubiKeyOath oath) {
        return done(oath.calculateTotp(name, clock.instant()));
      }
    }
  }
}

package dev.rootguard.benchmarks.password;

import com.nulabinc.zxcvbn.Zxcvbn;
import dev.rootguard.password.PasswordCheck;
import dev.rootguard.password.PasswordContext;
import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.PasswordPolicy;
import dev.rootguard.password.PasswordValidator;
import dev.rootguard.password.Strength;
import dev.rootguard.password.internal.StrengthEstimator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.passay.CharacterCharacteristicsRule;
import org.passay.CharacterData;
import org.passay.CharacterRule;
import org.passay.DictionaryRule;
import org.passay.EnglishCharacterData;
import org.passay.LengthRule;
import org.passay.PasswordData;
import org.passay.Rule;
import org.passay.RuleResult;
import org.passay.UsernameRule;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;

/**
 * The same 1,000 mixed passwords (fixed seed) through RootGuard's validator and its peers, in one
 * JMH run. Scores are per password ({@code @OperationsPerInvocation(1000)}).
 *
 * <ul>
 *   <li>{@code rootguardRules*}: {@code PasswordPolicy.awsRootUser()} + dictionary + context
 *       (account name, e-mail, user name), strength estimate off: the rule check.
 *   <li>{@code passayRules}: Passay 1.6 with the equivalent rules: {@code LengthRule(8, 128)},
 *       {@code CharacterCharacteristicsRule} 3 of upper/lower/digit/the AWS root symbol set, {@code
 *       DictionaryRule} over the same word list (case-insensitive), {@code UsernameRule}.
 *   <li>{@code rootguardStrength} / {@code rootguardCheckWithStrength} vs {@code zxcvbnStrength}:
 *       the strength estimate alone, and the full {@code check(...)} including it, vs {@code
 *       Zxcvbn.measure(pw, userInputs)}.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PasswordValidatorBenchmark {

  /** The AWS root user's 21 symbols, as a Passay character class. */
  static final CharacterData AWS_ROOT_SYMBOLS =
      new CharacterData() {
        @Override
        public String getErrorCode() {
          return "INSUFFICIENT_AWS_ROOT_SYMBOL";
        }

        @Override
        public String getCharacters() {
          return PasswordPolicy.SymbolSet.AWS_ROOT.characters();
        }
      };

  static final String ACCOUNT_NAME = "acme-prod";
  static final String EMAIL = "root@acme.example";
  static final String USER = "alice";

  String[] passwords;
  PasswordContext context;
  List<String> userInputs;
  PasswordValidator bundledRules;
  PasswordValidator sameListRules;
  PasswordValidator bundledWithStrength;
  PasswordValidator noDictionaryRules;
  org.passay.PasswordValidator passayNoDictionary;
  StrengthEstimator estimator;
  org.passay.PasswordValidator passay;
  Zxcvbn zxcvbn;

  @Setup
  public void setUp() {
    List<String> words = PasswordCorpus.commonPasswords();
    passwords = PasswordCorpus.mixedPasswords(words);
    context =
        PasswordContext.builder().accountName(ACCOUNT_NAME).email(EMAIL).userName(USER).build();
    userInputs = context.userInputs();
    PasswordPolicy root = PasswordPolicy.awsRootUser();
    bundledRules =
        PasswordValidator.builder(root)
            .dictionary(PasswordDictionary.bundled())
            .estimateStrength(false)
            .build();
    sameListRules =
        PasswordValidator.builder(root)
            .dictionary(PasswordDictionary.of(words))
            .estimateStrength(false)
            .build();
    bundledWithStrength = PasswordValidator.of(root, PasswordDictionary.bundled());
    estimator = StrengthEstimator.create(PasswordDictionary.bundled());

    // The same rules for both Passay validators; only the DictionaryRule differs.
    Rule length = new LengthRule(8, 128);
    Rule characters =
        new CharacterCharacteristicsRule(
            3,
            new CharacterRule(EnglishCharacterData.UpperCase, 1),
            new CharacterRule(EnglishCharacterData.LowerCase, 1),
            new CharacterRule(EnglishCharacterData.Digit, 1),
            new CharacterRule(AWS_ROOT_SYMBOLS, 1));
    Rule userName = new UsernameRule(false, true);
    passay =
        new org.passay.PasswordValidator(
            length,
            characters,
            new DictionaryRule(
                new WordListDictionary(
                    new ArrayWordList(words.toArray(String[]::new), false, new ArraysSort()))),
            userName);
    noDictionaryRules =
        PasswordValidator.builder(root)
            .dictionary(PasswordDictionary.of(List.of()))
            .estimateStrength(false)
            .build();
    passayNoDictionary = new org.passay.PasswordValidator(length, characters, userName);
    zxcvbn = new Zxcvbn();
    System.err.println(
        "# corpus: "
            + passwords.length
            + " passwords ("
            + PasswordCorpus.distinct(passwords)
            + " distinct), word list of "
            + words.size()
            + ", bundled dictionary of "
            + PasswordDictionary.bundled().size());
  }

  @Benchmark
  @OperationsPerInvocation(PasswordCorpus.SIZE)
  public void rootguardRulesBundled(Blackhole bh) {
    for (String pw : passwords) {
      PasswordCheck c = bundledRules.check(pw, context);
      bh.consume(c.isValid());
    }
  }

  @Benchmark
  @OperationsPerInvocation(PasswordCorpus.SIZE)
  public void rootguardRulesSameList(Blackhole bh) {
    for (String pw : passwords) {
      PasswordCheck c = sameListRules.check(pw, context);
      bh.consume(c.isValid());
    }
  }

  @Benchmark
  @OperationsPerInvocation(PasswordCorpus.SIZE)
  public void passayRules(Blackhole bh) {
    for (String pw : passwords) {
      RuleResult r = passay.validate(new PasswordData(USER, pw));
      bh.consume(r.isValid());
    }
  }

  /** The rules without the common-password lookup, to separate the two costs. */
  @Benchmark
  @OperationsPerInvocation(PasswordCorpus.SIZE)
  public void rootguardRulesNoDictionary(Blackhole bh) {
    for (String pw : passwords) {
      bh.consume(noDictionaryRules.check(pw, context).isValid());
    }
  }

  @Benchmark
  @OperationsPerInvocation(PasswordCorpus.SIZE)
  public void passayRulesNoDictionary(Blackhole bh) {
    for (String pw : passwords) {
      bh.consume(passayNoDictionary.validate(new PasswordData(USER, pw)).isValid());
    }
  }

  @Benchmark
  @OperationsPerInvocation(PasswordCorpus.SIZE)
  public void rootguardStrength(Blackhole bh) {
    for (String pw : passwords) {
      Strength s = estimator.estimate(pw, userInputs);
      bh.consume(s.score());
    }
  }

  @Benchmark
  @OperationsPerInvocation(PasswordCorpus.SIZE)
  public void rootguardCheckWithStrength(Blackhole bh) {
    for (String pw : passwords) {
      PasswordCheck c = bundledWithStrength.check(pw, context);
      bh.consume(c.strength().orElseThrow().score());
    }
  }

  @Benchmark
  @OperationsPerInvocation(PasswordCorpus.SIZE)
  public void zxcvbnStrength(Blackhole bh) {
    for (String pw : passwords) {
      bh.consume(zxcvbn.measure(pw, userInputs).getScore());
    }
  }
}

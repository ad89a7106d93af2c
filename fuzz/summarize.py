"""Prints a Markdown table of one `mvn -pl fuzz -am verify` run: per fuzzing execution, the runs,
inputs per second, libFuzzer's final edge coverage (cov) and features (ft), and the JaCoCo line
coverage of the parser classes from target/fuzz-reports/<execution>/coverage.txt.

    mvn -B -pl fuzz -am verify | tee build.log; python3 fuzz/summarize.py build.log
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# the classes whose line coverage each target is about
PARSERS = {
    "otp-auth-uri": ["OtpAuthUri", "PercentCodec"],
    "base32": ["Base32", "OtpSecret"],
    "pskc": ["PskcParser"],
    "credential-report": ["CredentialReportParser"],
    "iam-policy-json": ["IamPolicyJson"],
    "aws-cli-json": ["AwsCliJson"],
    "yubico-otp": ["YubicoOtpVerifier", "ModhexTable"],
    "web-authn": ["SecurityKeyVerifier", "Codec", "AuthenticatorData", "CoseKey"],
    "store-file-token": ["JsonFileTokenStore", "TokenFile"],
    "store-file-security": ["JsonFileSecurityKeyStore", "StoreJson"],
}


def line_coverage(execution):
    path = os.path.join(HERE, "target", "fuzz-reports", execution, "coverage.txt")
    if not os.path.exists(path):
        return "n/a"
    text = open(path, encoding="utf-8").read()
    if "Line coverage:" not in text:
        return "n/a"
    section = text.split("Line coverage:", 1)[1].split("Incompletely covered lines:", 1)[0]
    key = next((k for k in PARSERS if execution[len("fuzz-"):].startswith(k)), None)
    out = []
    for cls in PARSERS.get(key, []):
        m = re.search(r"^" + cls + r"\.java: (\d+)/(\d+) \(([\d.]+)%\)", section, re.M)
        if m:
            out.append(f"{cls} {m.group(1)}/{m.group(2)} ({float(m.group(3)):.0f}%)")
    return ", ".join(out) or "n/a"


log = open(sys.argv[1], encoding="utf-8", errors="replace").read()
parts = re.split(r"maven-surefire-plugin:[\d.]+:test \((fuzz-[\w-]+)\)", log)
print("| execution | runs | seconds | inputs/s | cov | ft | line coverage of the parser |")
print("|---|---:|---:|---:|---:|---:|---|")
for i in range(1, len(parts), 2):
    execution, body = parts[i], parts[i + 1]
    done = re.findall(r"#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+)", body)
    secs = re.findall(r"Done (\d+) runs in (\d+) second", body)
    if not done or not secs:
        print(f"| {execution} | (no fuzzing summary: failed or skipped) | | | | | |")
        continue
    runs, cov, ft = done[-1]
    n, s = secs[-1]
    rate = int(n) // max(int(s), 1)
    print(f"| {execution} | {n} | {s} | {rate} | {cov} | {ft} | {line_coverage(execution)} |")

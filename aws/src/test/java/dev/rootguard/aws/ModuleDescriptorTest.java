package dev.rootguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The compiled module exports the API package only, never the internals. */
class ModuleDescriptorTest {
  @Test
  void moduleInfo_exportsOnlyTheApiPackage() {
    ModuleDescriptor d =
        ModuleFinder.of(Path.of("target/classes"))
            .find("dev.rootguard.aws")
            .orElseThrow()
            .descriptor();
    assertThat(d.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.rootguard.aws");
    assertThat(d.packages()).contains("dev.rootguard.aws.internal");
    assertThat(d.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .contains(
            "dev.rootguard.core",
            "software.amazon.awssdk.services.iam",
            "software.amazon.awssdk.services.kms");
  }
}

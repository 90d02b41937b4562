package uk.forcecompare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** How a command reads its settings before anything starts, and what it shows of them. */
class CommandSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void aDatabaseUrlIsShownWithoutItsCredentials() {
        assertThat(CommandSettings.withoutCredentials("jdbc:postgresql://fc:secret@db-host:5432/fc?password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db-host:5432/fc");
        assertThat(CommandSettings.withoutCredentials("jdbc:postgresql://127.0.0.1:1/x")).isEqualTo("jdbc:postgresql://127.0.0.1:1/x");
    }

    @Test
    void aFailureIsShownWithoutTheUserOrPasswordWhereverItsCauseRepeatsThem() {
        CommandLine.Model.CommandSpec history = new CommandLine(new ForceCompare()).getSubcommands().get("history").getCommandSpec();
        CommandSettings inUrl = CommandSettings.read(List.of("--spring.datasource.url=jdbc:postgresql://bob:s3cret@127.0.0.1:5432/x"), history);
        assertThat(inUrl.withoutSecrets("unknown host bob:s3cret@127.0.0.1")).isEqualTo("unknown host 127.0.0.1");
        assertThat(inUrl.withoutSecrets("Driver org.postgresql.Driver claims to not accept jdbcUrl, jdbc:postgresql://bob:s3cret@localhost/x"))
                .isEqualTo("Driver org.postgresql.Driver claims to not accept jdbcUrl, jdbc:postgresql://localhost/x");
        // a part of the user information left in the text: the cause is withheld, not starred where it stood
        assertThat(inUrl.withoutSecrets("JDBC URL invalid port number: s3cret@localhost"))
                .isEqualTo("the cause is withheld because it repeats the database user's credentials");

        CommandSettings given = CommandSettings.read(List.of("--spring.datasource.url=jdbc:postgresql://db/peel",
                "--spring.datasource.username=fc", "--spring.datasource.password=pa$$word"), history);
        // the server names the user in quotes: that goes, and the rest of the line stays as the server wrote it
        assertThat(given.withoutSecrets("FATAL: password authentication failed for user \"fc\" at jdbc:postgresql://db/peel"))
                .isEqualTo("FATAL: password authentication failed for user \"***\" at jdbc:postgresql://db/peel");
        assertThat(given.withoutSecrets("FATAL: role \"fc\" does not exist")).isEqualTo("FATAL: role \"***\" does not exist");
        assertThat(given.withoutSecrets("FATAL: password authentication failed (pa$$word)"))
                .isEqualTo("the cause is withheld because it repeats the database user's credentials");
        assertThat(given.withoutSecrets("cannot use jdbc:postgresql://db/peel?ssl=true&password=other;user=someone"))
                .isEqualTo("cannot use jdbc:postgresql://db/peel?ssl=true&password=***;user=***");

        // a password that is an ordinary word, and a database named as its user: neither is starred in the text, where
        // "does *** exist" would give the password away and "database \"***\"" would hide which database was meant
        CommandSettings wordy = CommandSettings.read(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1/postgres_x",
                "--spring.datasource.username=postgres", "--spring.datasource.password=not"), history);
        assertThat(wordy.withoutSecrets("FATAL: database \"postgres_x\" does not exist"))
                .isEqualTo("the cause is withheld because it repeats the database user's credentials");
        CommandSettings plain = CommandSettings.read(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=Connection"), history);
        assertThat(plain.withoutSecrets("FATAL: database \"postgres\" does not exist"))
                .isEqualTo("FATAL: database \"postgres\" does not exist");
    }

    @Test
    void aConfigFileThatIsNotThereIsAWrongCommandLine() {
        CommandLine.Model.CommandSpec history = new CommandLine(new ForceCompare()).getSubcommands().get("history").getCommandSpec();
        Path missing = tmp.resolve("missing.properties");
        assertThatThrownBy(() -> CommandSettings.read(List.of("--spring.config.location=file:" + missing), history))
                .isInstanceOf(ForceCompare.UsageError.class)
                .hasMessageStartingWith("cannot read the configuration: ")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void validateReadsTheFoldersFromTheSameConfigFilesAsRun() throws IOException {
        // a config file naming a reference folder that is not there: validate, which starts no Spring context, must
        // refuse it as run and history do, not fall back to data/reference
        Path nowhere = tmp.resolve("nowhere");
        Path config = Files.writeString(tmp.resolve("extra.properties"), "force-compare.reference-dir=" + nowhere + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ForceCompare.execute(new String[] {"validate", "data/sample/2024-spring/returns/norfolk.xlsx",
                "--spring.config.additional-location=file:" + config}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(
                "force-compare: the reference folder " + nowhere + " (--force-compare.reference-dir) does not exist");
    }
}

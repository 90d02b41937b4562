package uk.forcecompare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * Every command's --help reads as written at picocli's 80 columns: the description and footer lines are broken by
 * hand, and a line too long for 80 columns would be broken again mid-sentence (or mid-URL, as
 * "validation-report.\nhtml" once was).
 */
class UsageHelpTest {

    @Test
    void everyDescriptionAndFooterLineIsPrintedAsWrittenAt80Columns() {
        CommandLine top = new CommandLine(new ForceCompare());
        List<CommandLine> commands = new ArrayList<>(List.of(top));
        commands.addAll(top.getSubcommands().values());
        assertThat(commands).extracting(CommandLine::getCommandName)
                .contains("force-compare", "run", "validate", "template", "history", "changes", "schedule", "worker");
        for (CommandLine c : commands) {
            String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            List<String> printed = usage.lines().toList();
            List<String> written = new ArrayList<>();
            written.addAll(List.of(c.getCommandSpec().usageMessage().description()));
            written.addAll(List.of(c.getCommandSpec().usageMessage().footer()));
            for (String line : written) {
                if (line.isEmpty()) continue;
                assertThat(line.length()).as(c.getCommandName() + ": " + line).isLessThanOrEqualTo(79);
                assertThat(printed).as(c.getCommandName() + " --help").contains(line.stripTrailing());
            }
            assertThat(printed).as(c.getCommandName() + " --help").allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void theListOfCommandsGivesEachOneWholeSentence() {
        // the top-level list shows one line per command: its header, which must not be cut mid-sentence
        CommandLine top = new CommandLine(new ForceCompare());
        List<String> printed = top.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().toList();
        for (CommandLine c : top.getSubcommands().values()) {
            String[] header = c.getCommandSpec().usageMessage().header();
            assertThat(header).as(c.getCommandName()).hasSize(1);
            assertThat(header[0]).as(c.getCommandName()).endsWith(".");
            assertThat(printed).as("the list of commands").anySatisfy(l -> assertThat(l.strip()).startsWith(c.getCommandName())
                    .endsWith(header[0]));
        }
    }
}
